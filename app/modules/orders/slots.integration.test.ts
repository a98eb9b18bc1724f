import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeliverySlot, createOrder, createOrganization, createProduct, createUser, createWarehouse } from "../../../tests/factories";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-db";
import type { PrismaClient } from "~/generated/prisma/client";
import { parseForm } from "~/utils/forms";
import { slotSchema, type SlotFormData } from "./delivery-setup-schemas";
import { upcomingSlots } from "~/modules/operations/overview.server";
import { createSlot, deleteSlot, findSlot, listSlots, slotScope, updateSlotCapacity, type SlotScope } from "./slots.server";

let t: TestDatabase;
let db: PrismaClient;
let platform: string;
let otherOperator: string;
let warehouse: string;
let otherWarehouse: string;
let buyer: string;
let buyerUser: string;
let seller: string;
let manage: SlotScope;
let other: SlotScope;
const readAll: SlotScope = { kind: "read_all" };

// 07:40 Beijing on 2 December 2026.
const NOW = new Date("2026-12-01T23:40:00Z");

function form(overrides: Record<string, string> = {}): SlotFormData {
  const r = parseForm(slotSchema, {
    warehouseId: warehouse,
    district: "杨浦区",
    date: "2026-12-10",
    windowStart: "04:30",
    windowEnd: "06:30",
    cutoffDaysBefore: "1",
    cutoffTime: "14:00",
    capacityAmbient: "2000",
    capacityChilled: "1500",
    capacityFrozen: "0",
    ...overrides,
  });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data;
}

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db.prisma;
  console.log(`[integration] delivery slots: database ${t.label}`);
  platform = (await createOrganization(db, { kind: "platform", name: "沪明直供运营中心" })).id;
  otherOperator = (await createOrganization(db, { kind: "platform", name: "浦东冷链配送公司" })).id;
  warehouse = (await createWarehouse(db, { operatorId: platform, name: "嘉定冷链仓" })).id;
  otherWarehouse = (await createWarehouse(db, { operatorId: otherOperator, name: "浦东冷链仓" })).id;
  buyer = (await createOrganization(db, { kind: "canteen" })).id;
  buyerUser = (await createUser(db, { role: "buyer", organizationId: buyer })).id;
  seller = (await createOrganization(db, { kind: "cooperative" })).id;
  manage = { kind: "manage", operatorOrgIds: [platform] };
  other = { kind: "manage", operatorOrgIds: [otherOperator] };
});
afterAll(async () => t?.drop());

describe("who sees and manages slots", () => {
  it("gives operators their organizations' warehouses, admins a read-only view, others nothing", () => {
    expect(slotScope({ roles: ["operator"], permissions: ["read:operations", "manage:slots"], memberships: [{ role: "operator", organizationId: "p" }, { role: "driver", organizationId: "q" }] })).toEqual({ kind: "manage", operatorOrgIds: ["p"] });
    expect(slotScope({ roles: ["admin"], permissions: ["read:operations"], memberships: [{ role: "admin", organizationId: "p" }] })).toEqual({ kind: "read_all" });
    expect(slotScope({ roles: ["driver"], permissions: ["read:deliveries:own"], memberships: [] })).toBeNull();
  });
});

describe("adding a slot", () => {
  it("stores the resolved window, cut-off and capacity of a warehouse the operator runs", async () => {
    const r = await createSlot(db, manage, form(), NOW);
    expect(r.kind).toBe("ok");
    if (r.kind !== "ok") return;
    expect(r.slot).toMatchObject({ district: "杨浦区", open: true, editable: true, orderCount: 0, capacityGrams: { ambient: 2_000_000, chilled: 1_500_000, frozen: 0 }, bookedGrams: { ambient: 0, chilled: 0, frozen: 0 } });
    const row = await db.deliverySlot.findUniqueOrThrow({ where: { id: r.slot.id }, select: { startsAt: true, endsAt: true, cutoffAt: true, warehouseId: true } });
    expect(row).toEqual({ warehouseId: warehouse, startsAt: new Date("2026-12-09T20:30:00Z"), endsAt: new Date("2026-12-09T22:30:00Z"), cutoffAt: new Date("2026-12-09T06:00:00Z") });
  });

  it("refuses the same warehouse, district and start twice, but takes another district", async () => {
    const again = await createSlot(db, manage, form({ date: "2026-12-11" }), NOW);
    expect(again.kind).toBe("ok");
    expect(await createSlot(db, manage, form({ date: "2026-12-11", capacityAmbient: "10" }), NOW)).toEqual({ kind: "invalid", errors: { windowStart: "deliverySetup.slots.duplicate" } });
    expect((await createSlot(db, manage, form({ date: "2026-12-11", district: "虹口区" }), NOW)).kind).toBe("ok");
  });

  it("refuses a cut-off already past by the server's clock, including around Beijing midnight", async () => {
    // Slot on 3 December, cut-off 14:00 on 2 December: at 07:40 on the 2nd it is open, at 14:00 it is not.
    expect((await createSlot(db, manage, form({ date: "2026-12-03" }), NOW)).kind).toBe("ok");
    expect(await createSlot(db, manage, form({ date: "2026-12-03", district: "静安区" }), new Date("2026-12-02T06:00:00Z"))).toEqual({ kind: "invalid", errors: { cutoffTime: "deliverySetup.slotIssue.cutoff_passed" } });
    // Same-day cut-off 00:30 Beijing on 2 December is already past at 07:40 (UTC is still 1 December).
    expect(await createSlot(db, manage, form({ date: "2026-12-02", cutoffDaysBefore: "0", cutoffTime: "00:30", district: "徐汇区", windowStart: "10:00", windowEnd: "12:00" }), NOW)).toEqual({
      kind: "invalid",
      errors: { cutoffTime: "deliverySetup.slotIssue.cutoff_passed" },
    });
  });

  it("refuses another operator's warehouse, an admin, and an unknown warehouse", async () => {
    expect(await createSlot(db, manage, form({ warehouseId: otherWarehouse }), NOW)).toEqual({ kind: "forbidden" });
    expect(await createSlot(db, readAll, form(), NOW)).toEqual({ kind: "forbidden" });
    expect(await createSlot(db, manage, form({ warehouseId: "00000000-0000-4000-8000-000000000000" }), NOW)).toEqual({ kind: "not_found" });
  });
});

describe("the slot list", () => {
  it("shows upcoming slots of the operator's warehouses with booked against capacity per class, open or closed", async () => {
    const closed = await createDeliverySlot(db, { warehouseId: warehouse, district: "普陀区", startsAt: new Date("2026-12-02T01:00:00Z"), endsAt: new Date("2026-12-02T03:00:00Z"), cutoffAt: new Date("2026-12-01T06:00:00Z"), bookedGrams: { chilled: 250_000 } });
    await createDeliverySlot(db, { warehouseId: warehouse, district: "普陀区", startsAt: new Date("2026-11-30T01:00:00Z"), endsAt: new Date("2026-11-30T03:00:00Z"), cutoffAt: new Date("2026-11-29T06:00:00Z") });
    const foreign = await createDeliverySlot(db, { warehouseId: otherWarehouse, district: "普陀区", startsAt: new Date("2026-12-05T01:00:00Z") });
    const mine = await listSlots(db, manage, { now: NOW, district: "普陀区" });
    expect(mine.items.map((s) => s.id)).toEqual([closed.id]);
    expect(mine.items[0]).toMatchObject({ open: false, editable: true, bookedGrams: { ambient: 0, chilled: 250_000, frozen: 0 }, remainingGrams: { chilled: 1_750_000 } });
    const theirs = await listSlots(db, other, { now: NOW, district: "普陀区" });
    expect(theirs.items.map((s) => s.id)).toEqual([foreign.id]);
    const admin = await listSlots(db, readAll, { now: NOW, district: "普陀区" });
    expect(admin.items.map((s) => [s.id, s.editable])).toEqual([
      [closed.id, false],
      [foreign.id, false],
    ]);
    expect((await listSlots(db, readAll, { now: NOW, district: "普陀区", from: "2026-12-03" })).items.map((s) => s.id)).toEqual([foreign.id]);
    expect(await findSlot(db, manage, foreign.id, NOW)).toEqual({ kind: "forbidden" });
  });
});

describe("the operations overview's slot list", () => {
  it("gives booked against capacity per temperature class, the cut-off and whether the slot is open", async () => {
    const s = await createDeliverySlot(db, {
      warehouseId: otherWarehouse,
      district: "奉贤区",
      startsAt: new Date("2026-12-04T01:00:00Z"),
      capacityGrams: { ambient: 0, chilled: 800_000, frozen: 200_000 },
      bookedGrams: { chilled: 100_000, frozen: 200_000 },
    });
    const [row] = await upcomingSlots(db, { id: s.id }, NOW, 5);
    expect(row).toMatchObject({
      id: s.id,
      district: "奉贤区",
      open: true,
      cutoffAt: new Date("2026-12-03T06:00:00Z"),
      capacityByTemp: { ambient: 0, chilled: 800_000, frozen: 200_000 },
      bookedByTemp: { ambient: 0, chilled: 100_000, frozen: 200_000 },
      capacityGrams: 1_000_000,
      bookedGrams: 300_000,
    });
    expect((await upcomingSlots(db, { id: s.id }, new Date("2026-12-03T06:00:00Z"), 5))[0]).toMatchObject({ open: false });
  });
});

describe("changing capacity", () => {
  it("sets each class under the slot's lock and never below what is booked", async () => {
    const s = await createDeliverySlot(db, { warehouseId: warehouse, district: "长宁区", bookedGrams: { frozen: 300_000 } });
    const ok = await updateSlotCapacity(db, manage, s.id, { ambient: 0, chilled: 500_000, frozen: 300_000 }, NOW);
    expect(ok).toMatchObject({ kind: "ok", slot: { capacityGrams: { ambient: 0, chilled: 500_000, frozen: 300_000 }, remainingGrams: { frozen: 0 } } });
    expect(await updateSlotCapacity(db, manage, s.id, { ambient: 1, chilled: 1, frozen: 299_999 }, NOW)).toEqual({ kind: "below_booked", short: [{ tempClass: "frozen", bookedGrams: 300_000 }] });
    expect(await updateSlotCapacity(db, other, s.id, { ambient: 1, chilled: 1, frozen: 300_000 }, NOW)).toEqual({ kind: "forbidden" });
    expect(await updateSlotCapacity(db, readAll, s.id, { ambient: 1, chilled: 1, frozen: 300_000 }, NOW)).toEqual({ kind: "forbidden" });
    expect(await updateSlotCapacity(db, manage, "00000000-0000-4000-8000-000000000000", { ambient: 1, chilled: 0, frozen: 0 }, NOW)).toEqual({ kind: "not_found" });
    const row = await db.deliverySlot.findUniqueOrThrow({ where: { id: s.id }, select: { capacityAmbientGrams: true, capacityChilledGrams: true, capacityFrozenGrams: true } });
    expect(row).toEqual({ capacityAmbientGrams: 0, capacityChilledGrams: 500_000, capacityFrozenGrams: 300_000 });
  });

  it("waits for a booking that holds the slot's lock, then checks against it", async () => {
    const s = await createDeliverySlot(db, { warehouseId: warehouse, district: "闵行区", capacityGrams: { ambient: 1_000_000 } });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    // A stand-in for the order workflow: lock the row, book 600 kg, commit after the capacity change has queued.
    const booking = db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM delivery_slots WHERE id = ${s.id}::uuid FOR UPDATE`;
      locked();
      await held;
      await tx.deliverySlot.update({ where: { id: s.id }, data: { bookedAmbientGrams: 600_000 }, select: { id: true } });
    });
    await isLocked;
    const change = updateSlotCapacity(db, manage, s.id, { ambient: 500_000, chilled: 0, frozen: 0 }, NOW);
    await new Promise((r) => setTimeout(r, 100));
    release();
    await booking;
    expect(await change).toEqual({ kind: "below_booked", short: [{ tempClass: "ambient", bookedGrams: 600_000 }] });
  });
});

describe("deleting a slot", () => {
  it("deletes an empty slot of the operator's warehouse", async () => {
    const s = await createDeliverySlot(db, { warehouseId: warehouse, district: "宝山区" });
    expect(await deleteSlot(db, other, s.id)).toEqual({ kind: "forbidden" });
    expect(await deleteSlot(db, readAll, s.id)).toEqual({ kind: "forbidden" });
    expect(await deleteSlot(db, manage, s.id)).toEqual({ kind: "ok" });
    expect(await db.deliverySlot.count({ where: { id: s.id } })).toBe(0);
    expect(await deleteSlot(db, manage, s.id)).toEqual({ kind: "not_found" });
  });

  it("refuses a slot with orders, which keep their slot", async () => {
    const s = await createDeliverySlot(db, { warehouseId: warehouse, district: "嘉定区" });
    const product = await createProduct(db, { sellerId: seller });
    const order = await createOrder(db, {
      buyerId: buyer,
      placedById: buyerUser,
      slotId: s.id,
      sellerOrders: [{ sellerId: seller, lines: [{ variantId: product.variants[0].id, productNameZh: "香菇", quantity: 1, unitPriceFen: 100, weightGrams: 500 }] }],
    });
    expect(await deleteSlot(db, manage, s.id)).toEqual({ kind: "has_orders", orderCount: 1 });
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id }, select: { slotId: true } })).slotId).toBe(s.id);
  });

  it("turns the foreign key's refusal into the same answer when an order is placed after the check", async () => {
    const s = await createDeliverySlot(db, { warehouseId: warehouse, district: "松江区" });
    const product = await createProduct(db, { sellerId: seller });
    const late = await createOrder(db, {
      buyerId: buyer,
      placedById: buyerUser,
      sellerOrders: [{ sellerId: seller, lines: [{ variantId: product.variants[0].id, productNameZh: "笋干", quantity: 1, unitPriceFen: 100, weightGrams: 500 }] }],
    });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let booked!: () => void;
    const isBooked = new Promise<void>((r) => (booked = r));
    // Another transaction books the order into the slot and commits only after the delete has counted no orders:
    // on PostgreSQL the delete then waits for it and trips the RESTRICT foreign key.
    const placing = db.$transaction(async (tx) => {
      await tx.order.update({ where: { id: late.id }, data: { slotId: s.id }, select: { id: true } });
      booked();
      await held;
    });
    await isBooked;
    const deleting = deleteSlot(db, manage, s.id);
    await new Promise((r) => setTimeout(r, 150));
    release();
    await placing;
    expect(await deleting).toEqual({ kind: "has_orders", orderCount: 1 });
    expect(await db.deliverySlot.count({ where: { id: s.id } })).toBe(1);
    expect((await db.order.findUniqueOrThrow({ where: { id: late.id }, select: { slotId: true } })).slotId).toBe(s.id);
  });
});
