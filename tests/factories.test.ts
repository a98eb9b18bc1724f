import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../app/modules/auth/password.server";
import {
  buildOrganization,
  createDeliverySlot,
  createLot,
  createOrder,
  createOrganization,
  createOrganizations,
  createProduct,
  createRng,
  createStockEntries,
  createUser,
  createUsers,
  createVehicle,
  createWarehouse,
  DEMO_PASSWORD,
  foodBusinessLicence,
  foodProductionLicence,
  nextPhone,
  orgCodeCheck,
  passwordHashFor,
  personName,
  seededUuids,
  shanghaiDay,
  shanghaiTime,
  unifiedSocialCreditCode,
  usccCheck,
  withIdSource,
} from "./factories";
import { createTestDatabase, type TestDatabase } from "./support/test-db";

describe("factory helpers (no database)", () => {
  it("computes the check characters of real unified social credit codes", () => {
    // Published codes of two Shenzhen companies (Huawei Technologies, Tencent Computer Systems).
    for (const code of ["914403001922038216", "91440300708461136T"]) {
      expect(usccCheck(code.slice(0, 17))).toBe(code[17]);
      expect(orgCodeCheck(code.slice(8, 16))).toBe(code[16]);
    }
  });

  it("generates well-formed licence numbers", () => {
    const uscc = unifiedSocialCreditCode("93", "350430", 7);
    expect(uscc).toMatch(/^93350430[0-9A-HJ-NPQRTUWXY]{10}$/);
    expect(usccCheck(uscc.slice(0, 17))).toBe(uscc[17]);
    expect(foodProductionLicence("111", "350405", 12)).toMatch(/^SC111350405\d{5}$/);
    expect(foodBusinessLicence(3, "310110", 42)).toMatch(/^JY3310110\d{7}$/);
  });

  it("gives valid, unique phone numbers", () => {
    const phones = Array.from({ length: 200 }, nextPhone);
    for (const p of phones) expect(p).toMatch(/^1[3-9]\d{9}$/);
    expect(new Set(phones).size).toBe(phones.length);
  });

  it("converts Asia/Shanghai wall-clock times to instants (UTC+8, no DST)", () => {
    const day = shanghaiDay(new Date("2026-11-29T20:30:00Z")); // 04:30 on 30 Nov in Shanghai
    expect(day).toEqual({ year: 2026, month: 11, day: 30 });
    expect(shanghaiTime(day, 5).toISOString()).toBe("2026-11-29T21:00:00.000Z");
    expect(shanghaiTime(shanghaiDay(new Date("2026-12-31T18:00:00Z"), 0), 8).toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });

  it("draws deterministic v4-shaped UUIDs from a seed, and random ones otherwise", () => {
    const a = seededUuids(1);
    const b = seededUuids(1);
    const ids = Array.from({ length: 3 }, a);
    expect(Array.from({ length: 3 }, b)).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const fixed = withIdSource(seededUuids(1), () => buildOrganization().id);
    expect(fixed).toBe(ids[0]);
    expect(buildOrganization().id).not.toBe(buildOrganization().id);
  });

  it("has a deterministic PRNG", () => {
    const a = createRng(7);
    const b = createRng(7);
    const xs = Array.from({ length: 5 }, () => a.int(0, 1000));
    expect(Array.from({ length: 5 }, () => b.int(0, 1000))).toEqual(xs);
    expect(new Set(xs).size).toBeGreaterThan(1);
  });

  it("defaults organizations by kind", () => {
    expect(buildOrganization()).toMatchObject({ kind: "cooperative", county: "沙县区" });
    const canteen = buildOrganization({ kind: "canteen" });
    expect(canteen.county).toBe("杨浦区");
    expect(canteen.lat).toBeGreaterThan(30.7);
    expect(canteen.lat).toBeLessThan(31.5);
    expect(buildOrganization({ lat: null, lng: null })).toMatchObject({ lat: null, lng: null });
  });

  it("names people plausibly and varies neighbouring names", () => {
    expect(personName(0)).not.toBe(personName(1));
    expect(personName(3)).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
  });
});

describe("factories (database)", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    console.log(`[integration] factories: database ${t.label}`);
  });
  afterAll(async () => t?.drop());

  it("creates a user with a membership and a verifiable password", async () => {
    const prisma = t.db.prisma;
    const org = await createOrganization(prisma, { kind: "canteen" });
    const user = await createUser(prisma, { role: "buyer", organizationId: org.id });
    expect(user.phone).toMatch(/^1[3-9]\d{9}$/);
    expect(user.memberships).toEqual([{ organizationId: org.id, role: "buyer" }]);
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(await verifyPassword(stored.passwordHash, DEMO_PASSWORD)).toBe(true);

    const custom = await createUser(prisma, { role: "buyer", organizationId: org.id, password: "另一个密码-2026", displayName: "赵敏", locale: "en" });
    expect(custom).toMatchObject({ displayName: "赵敏", locale: "en" });
    const hash = await prisma.user.findUniqueOrThrow({ where: { id: custom.id }, select: { passwordHash: true } });
    expect(await verifyPassword(hash.passwordHash, "另一个密码-2026")).toBe(true);
  });

  it("hashes a password once and reuses it", async () => {
    expect(await passwordHashFor(DEMO_PASSWORD)).toBe(await passwordHashFor(DEMO_PASSWORD));
  });

  it("creates organizations and users in bulk", async () => {
    const prisma = t.db.prisma;
    const orgs = await createOrganizations(prisma, [{ kind: "community_group" }, { kind: "snack_supplier", lat: null, lng: null }]);
    expect(orgs.map((o) => o.kind)).toEqual(["community_group", "snack_supplier"]);
    const users = await createUsers(prisma, [
      { role: "buyer", organizationId: orgs[0].id },
      { role: "seller", organizationId: orgs[1].id },
    ]);
    expect(await prisma.membership.count({ where: { userId: { in: users.map((u) => u.id) } } })).toBe(2);
    // A duplicate phone is rejected by the unique index.
    await expect(createUser(prisma, { role: "buyer", organizationId: orgs[0].id, phone: users[0].phone })).rejects.toThrow();
  });

  it("creates a product with its variants and tiers in the given order", async () => {
    const prisma = t.db.prisma;
    const seller = await createOrganization(prisma);
    const defaults = await createProduct(prisma, { sellerId: seller.id });
    expect(defaults).toMatchObject({ category: "mushrooms", tempClass: "ambient", status: "active" });
    expect(defaults.variants).toHaveLength(1);
    expect(defaults.variants[0].priceTiers.map((x) => x.minQuantity)).toEqual([1, 20]);

    const product = await createProduct(prisma, {
      sellerId: seller.id,
      category: "fruit",
      nameZh: "尤溪金柑（特级）",
      tempClass: "chilled",
      shelfLifeDays: 25,
      variants: [
        { unit: "jin", label: "1 斤（500 g）", netWeightGrams: 500, volumeCm3: 1000, variableWeight: true, tiers: [{ minQuantity: 1, unitPriceFen: 990 }] },
        { unit: "box", label: "5 kg/箱", netWeightGrams: 5000, volumeCm3: 10000, variableWeight: true, tiers: [{ minQuantity: 1, unitPriceFen: 8500 }, { minQuantity: 10, unitPriceFen: 8000 }] },
      ],
    });
    expect(product.variants.map((v) => v.label)).toEqual(["1 斤（500 g）", "5 kg/箱"]);
    expect(product.variants[1].priceTiers).toEqual([
      { minQuantity: 1, unitPriceFen: 8500 },
      { minQuantity: 10, unitPriceFen: 8000 },
    ]);
    // CHECK constraints still apply to factory input.
    await expect(createProduct(prisma, { sellerId: seller.id, variants: [{ netWeightGrams: 0 }] })).rejects.toThrow();
  });

  it("creates lots that expire a shelf life after production", async () => {
    const prisma = t.db.prisma;
    const seller = await createOrganization(prisma);
    const product = await createProduct(prisma, { sellerId: seller.id });
    const producedAt = new Date("2026-11-20T22:00:00Z");
    const lot = await createLot(prisma, { variantId: product.variants[0].id, producedAt, shelfLifeDays: 10, certificates: [{ kind: "green_food", number: "LB-15-23011312345A" }] });
    expect(lot.expiresAt.toISOString()).toBe("2026-11-30T22:00:00.000Z");
    expect(lot.certificates).toEqual([{ kind: "green_food", number: "LB-15-23011312345A" }]);
  });

  it("creates a warehouse with three temperature rooms, vehicles and non-clashing default slots", async () => {
    const prisma = t.db.prisma;
    const platform = await createOrganization(prisma, { kind: "platform" });
    const warehouse = await createWarehouse(prisma, { operatorId: platform.id });
    expect(new Set(warehouse.coldRooms.map((r) => r.tempClass))).toEqual(new Set(["ambient", "chilled", "frozen"]));
    const van = await createVehicle(prisma, { warehouseId: warehouse.id });
    expect(van.plate).toMatch(/^沪[AB]·[A-Z]\d{4}$/);
    expect(van.tempClasses).toEqual(["chilled"]);
    const a = await createDeliverySlot(prisma, { warehouseId: warehouse.id });
    const b = await createDeliverySlot(prisma, { warehouseId: warehouse.id });
    expect(a.startsAt.getTime()).not.toBe(b.startsAt.getTime());
    expect(a.endsAt.getTime() - a.startsAt.getTime()).toBe(3 * 3_600_000);
  });

  it("creates an order whose totals satisfy the CHECK constraints, and stock movements", async () => {
    const prisma = t.db.prisma;
    const seller = await createOrganization(prisma, { kind: "snack_supplier" });
    const buyer = await createOrganization(prisma, { kind: "canteen" });
    const placer = await createUser(prisma, { role: "buyer", organizationId: buyer.id });
    const product = await createProduct(prisma, { sellerId: seller.id, nameZh: "沙县扁肉（纯肉馅）", tempClass: "frozen", shelfLifeDays: 180 });
    const variant = product.variants[0];
    const order = await createOrder(prisma, {
      buyerId: buyer.id,
      placedById: placer.id,
      deliveryFeeFen: 2000,
      sellerOrders: [{ sellerId: seller.id, lines: [{ variantId: variant.id, productNameZh: product.nameZh, quantity: 3, unitPriceFen: 2600, weightGrams: 1500 }] }],
    });
    expect(order).toMatchObject({ subtotalFen: 7800, deliveryFeeFen: 2000, totalFen: 9800, status: "placed" });
    expect(order.sellerOrders[0].lines[0].lineTotalFen).toBe(7800);

    await createStockEntries(prisma, [
      { variantId: variant.id, onHandDelta: 50 },
      { variantId: variant.id, kind: "reservation", reservedDelta: 3, orderLineId: order.sellerOrders[0].lines[0].id },
    ]);
    const sum = await prisma.stockLedger.aggregate({ where: { variantId: variant.id }, _sum: { onHandDelta: true, reservedDelta: true } });
    expect(sum._sum).toEqual({ onHandDelta: 50, reservedDelta: 3 });
    const balance = await prisma.stockBalance.findUniqueOrThrow({ where: { variantId: variant.id }, select: { onHand: true, reserved: true } });
    expect(balance).toEqual({ onHand: 50, reserved: 3 });
  });
});
