import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDeliverySlot,
  createLot,
  createOrder,
  createOrganization,
  createProduct,
  createStockEntries,
  createUser,
  createVehicle,
  createWarehouse,
} from "../../tests/factories";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import type { PrismaClient } from "~/generated/prisma/client";
import { listOrganizations, listUsers } from "./admin/directory.server";
import { createSession, findSessionUser } from "./auth/session.server";
import { getProduct, listCatalog, marketplaceStats } from "./catalog/catalog.server";
import { getDriverOverview, getOperationsOverview, operationsScope } from "./operations/overview.server";
import { getOwnProduct, getSellerConsole, sellerOrganizationIds } from "./seller/console.server";

let t: TestDatabase;
let db: PrismaClient;
const ids = {} as {
  sellerA: string;
  sellerB: string;
  buyer: string;
  platform: string;
  userA: string;
  userB: string;
  buyerUser: string;
  operator: string;
  driver: string;
  shiitake: string;
  lotus: string;
  draft: string;
  warehouse: string;
  vehicle: string;
};

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db.prisma;
  console.log(`[integration] pages: database ${t.label}`);
  const sellerA = await createOrganization(db, { kind: "snack_supplier", name: "三明市沙县区闽沙小吃食品有限公司", county: "沙县区" });
  const sellerB = await createOrganization(db, { kind: "cooperative", name: "建宁县通心白莲专业合作社", county: "建宁县" });
  const buyer = await createOrganization(db, { kind: "canteen", name: "复旦大学邯郸校区食堂", county: "杨浦区" });
  const platform = await createOrganization(db, { kind: "platform", name: "沪明直供运营中心", county: "嘉定区" });
  ids.sellerA = sellerA.id;
  ids.sellerB = sellerB.id;
  ids.buyer = buyer.id;
  ids.platform = platform.id;
  ids.userA = (await createUser(db, { phone: "13600000001", role: "seller", organizationId: sellerA.id })).id;
  ids.userB = (await createUser(db, { phone: "13600000006", role: "seller", organizationId: sellerB.id })).id;
  ids.buyerUser = (await createUser(db, { phone: "13600000002", role: "buyer", organizationId: buyer.id })).id;
  ids.operator = (await createUser(db, { phone: "13600000003", role: "operator", organizationId: platform.id })).id;
  ids.driver = (await createUser(db, { phone: "13600000004", role: "driver", organizationId: platform.id })).id;

  const shiitake = await createProduct(db, {
    sellerId: sellerA.id,
    category: "mushrooms",
    nameZh: "泰宁香菇（光面菇）",
    nameEn: "Taining dried shiitake",
    tempClass: "ambient",
    variants: [
      { unit: "bag", label: "500 g/袋", netWeightGrams: 500, tiers: [{ minQuantity: 1, unitPriceFen: 4150 }, { minQuantity: 20, unitPriceFen: 3950 }] },
      { unit: "box", label: "5 kg/箱", netWeightGrams: 5000, tiers: [{ minQuantity: 1, unitPriceFen: 36700 }] },
    ],
  });
  const lotus = await createProduct(db, {
    sellerId: sellerB.id,
    category: "forest_goods",
    nameZh: "建宁通心白莲",
    nameEn: "Jianning cored white lotus seeds",
    variants: [{ unit: "bag", label: "250 g/袋", netWeightGrams: 250, tiers: [{ minQuantity: 1, unitPriceFen: 1950 }] }],
  });
  const draft = await createProduct(db, { sellerId: sellerA.id, category: "snacks_prepared", nameZh: "沙县扁肉（试制）", nameEn: "Shaxian wontons (trial)", status: "draft" });
  ids.shiitake = shiitake.id;
  ids.lotus = lotus.id;
  ids.draft = draft.id;
  await createLot(db, { variantId: shiitake.variants[0].id, code: "TN-2026-11", certificates: [{ kind: "green_food", number: "LB-35-0001" }] });
  await createStockEntries(db, [
    { variantId: shiitake.variants[0].id, onHandDelta: 120 },
    { variantId: shiitake.variants[0].id, onHandDelta: -20, kind: "shipment" },
  ]);

  const warehouse = await createWarehouse(db, { operatorId: platform.id, name: "沪明直供 江桥冷链仓" });
  ids.warehouse = warehouse.id;
  ids.vehicle = (await createVehicle(db, { warehouseId: warehouse.id, plate: "沪A·D73120", tempClasses: ["chilled", "frozen"], driverId: ids.driver })).id;
  const slot = await createDeliverySlot(db, { warehouseId: warehouse.id, startsAt: new Date(Date.now() + 86_400_000), bookedGrams: { ambient: 1500 } });
  await createOrder(db, {
    buyerId: buyer.id,
    placedById: ids.buyerUser,
    slotId: slot.id,
    status: "confirmed",
    sellerOrders: [{ sellerId: sellerA.id, status: "placed", lines: [{ variantId: shiitake.variants[0].id, productNameZh: "泰宁香菇（光面菇）", quantity: 3, unitPriceFen: 4150, weightGrams: 1500 }] }],
  });
});
afterAll(async () => t?.drop());

async function sessionUser(userId: string) {
  const { token } = await createSession(db, userId);
  const user = await findSessionUser(db, token);
  if (!user) throw new Error("no session user");
  return user;
}

describe("catalogue", () => {
  it("lists active products only, with the lowest tier price and seller", async () => {
    const page = await listCatalog(db, { page: 1 });
    expect(page.total).toBe(2);
    const shiitake = page.items.find((p) => p.id === ids.shiitake);
    expect(shiitake).toMatchObject({ sellerName: "三明市沙县区闽沙小吃食品有限公司", tempClass: "ambient", lowest: { unitPriceFen: 3950, unit: "bag" } });
    expect(page.items.some((p) => p.id === ids.draft)).toBe(false);
  });

  it("searches Chinese and English names case-insensitively and filters by category", async () => {
    expect((await listCatalog(db, { q: "香菇", page: 1 })).items.map((p) => p.id)).toEqual([ids.shiitake]);
    expect((await listCatalog(db, { q: "LOTUS", page: 1 })).items.map((p) => p.id)).toEqual([ids.lotus]);
    expect((await listCatalog(db, { category: "forest_goods", page: 1 })).items.map((p) => p.id)).toEqual([ids.lotus]);
    expect((await listCatalog(db, { q: "100%_", page: 1 })).total).toBe(0);
  });

  it("matches % and _ literally and survives NUL bytes, emoji and SQL fragments", async () => {
    for (const q of ["%", "_", "%%", "\\", "香%", "' OR 1=1 --", "😀", "香\u0000菇"]) {
      const page = await listCatalog(db, { q, page: 1 });
      // The search engine reads % and _ as punctuation, not wildcards: "香%" is a search for 香.
      expect(page.items.map((p) => p.id), q).toEqual(q === "香\u0000菇" || q === "香%" ? [ids.shiitake] : []);
    }
  });

  it("clamps a page beyond the end to the last page", async () => {
    const page = await listCatalog(db, { page: 99 });
    expect(page.page).toBe(1);
    expect(page.pages).toBe(1);
  });

  it("shows a product with tiers in order and lots with certificates, but hides drafts", async () => {
    const p = await getProduct(db, ids.shiitake, { activeOnly: true });
    expect(p?.variants.map((v) => v.priceTiers.map((x) => x.minQuantity))).toEqual([[1, 20], [1]]);
    expect(p?.variants[0].lots).toEqual([expect.objectContaining({ code: "TN-2026-11", certificates: [{ kind: "green_food", number: "LB-35-0001" }] })]);
    expect(await getProduct(db, ids.draft, { activeOnly: true })).toBeNull();
    expect(await getProduct(db, ids.draft, { activeOnly: false })).not.toBeNull();
  });

  it("counts the marketplace for the landing page", async () => {
    expect(await marketplaceStats(db)).toEqual({ products: 2, sellers: 2 });
  });
});

describe("seller console and ownership", () => {
  it("shows a seller its own products, drafts included, and its pending orders", async () => {
    const user = await sessionUser(ids.userA);
    const overview = await getSellerConsole(db, sellerOrganizationIds(user.memberships), 1);
    expect(overview.counts).toEqual({ products: 2, active: 1, pendingOrders: 1 });
    expect(overview.products.items.map((p) => p.id).sort()).toEqual([ids.shiitake, ids.draft].sort());
  });

  it("opens the seller's own product with stock on hand", async () => {
    const user = await sessionUser(ids.userA);
    const r = await getOwnProduct(db, ids.shiitake, sellerOrganizationIds(user.memberships));
    expect(r.kind).toBe("ok");
    if (r.kind === "ok") {
      expect(Object.values(r.stock)).toEqual([100, 0]);
      expect(r.pendingOrderLines).toBe(1);
    }
  });

  it("forbids another seller's product and reports a missing one as not found", async () => {
    const userB = await sessionUser(ids.userB);
    expect(await getOwnProduct(db, ids.shiitake, sellerOrganizationIds(userB.memberships))).toEqual({ kind: "forbidden" });
    expect((await getOwnProduct(db, ids.lotus, sellerOrganizationIds(userB.memberships))).kind).toBe("ok");
    expect(await getOwnProduct(db, "00000000-0000-4000-8000-000000000000", sellerOrganizationIds(userB.memberships))).toEqual({ kind: "not_found" });
  });

  it("gives a buyer no selling organization, so no listing is theirs", async () => {
    const buyer = await sessionUser(ids.buyerUser);
    expect(sellerOrganizationIds(buyer.memberships)).toEqual([]);
    expect(await getOwnProduct(db, ids.shiitake, [])).toEqual({ kind: "forbidden" });
  });
});

describe("operations, driver and admin pages", () => {
  it("shows platform operators every warehouse with rooms by temperature, fleet, slots and order counts", async () => {
    const operator = await sessionUser(ids.operator);
    expect(operationsScope(operator)).toEqual({ all: true });
    const o = await getOperationsOverview(db, operationsScope(operator));
    expect(o.warehouses).toHaveLength(1);
    expect(o.warehouses[0].coldRooms.map((r) => r.tempClass)).toEqual(["frozen", "chilled", "ambient"]);
    expect(o.warehouses[0].vehicles).toEqual([expect.objectContaining({ plate: "沪A·D73120", driver: { displayName: expect.any(String) } })]);
    expect(o.slots).toEqual([expect.objectContaining({ capacityGrams: 6_000_000, bookedGrams: 1500, warehouseName: "沪明直供 江桥冷链仓" })]);
    expect(o.orderCounts).toEqual({ placed: 0, partially_confirmed: 0, confirmed: 1, packed: 0, received: 0, out_for_delivery: 0, partially_delivered: 0, delivered: 0, closed: 0, cancelled: 0 });
  });

  it("limits an operator of another organization to its own warehouses", async () => {
    const o = await getOperationsOverview(db, { all: false, operatorOrgIds: [ids.sellerA] });
    expect(o.warehouses).toEqual([]);
    expect(o.slots).toEqual([]);
    expect(o.orderCounts.confirmed).toBe(0);
  });

  it("shows a driver their vehicle, its warehouse and its slots", async () => {
    const d = await getDriverOverview(db, ids.driver);
    expect(d.vehicles.map((v) => [v.plate, v.warehouse.id])).toEqual([["沪A·D73120", ids.warehouse]]);
    expect(d.slots).toHaveLength(1);
    expect(await getDriverOverview(db, ids.buyerUser)).toEqual({ vehicles: [], slots: [] });
  });

  it("lists organizations and users with their roles for admins", async () => {
    const orgs = await listOrganizations(db, 1);
    expect(orgs.total).toBe(4);
    expect(orgs.items.find((o) => o.id === ids.platform)?.members).toBe(2);
    const users = await listUsers(db, 1);
    expect(users.total).toBe(5);
    expect(users.items.find((u) => u.phone === "13600000003")?.memberships).toEqual([{ role: "operator", organizationId: ids.platform, organizationName: "沪明直供运营中心", organizationSuspended: false }]);
  });
});
