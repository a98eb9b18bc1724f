import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeliveryPoint, createDeliverySlot, createOrder, createOrganization, createProduct, createUser, createWarehouse, shanghaiTime } from "../../../tests/factories";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-db";
import type { PrismaClient } from "~/generated/prisma/client";
import { parseInboxFilters, parseOpsFilters } from "./inbox-filters";
import { findOwnSellerOrder, listOpsOrders, listSellerInbox } from "./inbox.server";

let t: TestDatabase;
let db: PrismaClient;
let sellerA: string;
let sellerB: string;
let fudan: string;
let tongji: string;
let warehouseA: string;
let warehouseB: string;
const ids: Record<string, { orderId: string; number: string; so: Record<string, string> }> = {};

const day = (d: string) => ({ year: Number(d.slice(0, 4)), month: Number(d.slice(5, 7)), day: Number(d.slice(8, 10)) });

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db.prisma;
  console.log(`[integration] order inbox: database ${t.label}`);
  sellerA = (await createOrganization(db, { kind: "cooperative", name: "泰宁县香菇专业合作社" })).id;
  sellerB = (await createOrganization(db, { kind: "cooperative", name: "建宁县通心白莲专业合作社" })).id;
  fudan = (await createOrganization(db, { kind: "canteen", name: "复旦大学邯郸校区食堂", nameEn: "Fudan Handan Canteen" })).id;
  tongji = (await createOrganization(db, { kind: "canteen", name: "同济大学四平路校区食堂" })).id;
  const platform = (await createOrganization(db, { kind: "platform" })).id;
  const fudanUser = (await createUser(db, { role: "buyer", organizationId: fudan })).id;
  const tongjiUser = (await createUser(db, { role: "buyer", organizationId: tongji })).id;
  warehouseA = (await createWarehouse(db, { operatorId: platform, name: "杨浦配送仓" })).id;
  warehouseB = (await createWarehouse(db, { operatorId: platform, name: "闵行冷链仓" })).id;
  const a = (await createProduct(db, { sellerId: sellerA, variants: [{ netWeightGrams: 5_000, variableWeight: true }] })).variants[0].id;
  const b = (await createProduct(db, { sellerId: sellerB })).variants[0].id;
  const slot3 = await createDeliverySlot(db, { warehouseId: warehouseA, startsAt: shanghaiTime(day("2026-12-03"), 5) });
  const slot4 = await createDeliverySlot(db, { warehouseId: warehouseB, district: "闵行区", startsAt: shanghaiTime(day("2026-12-04"), 5) });
  // Late at night Beijing time on the 3rd is still the 3rd (UTC already says the 3rd at 15:30).
  const slot3late = await createDeliverySlot(db, { warehouseId: warehouseA, startsAt: shanghaiTime(day("2026-12-03"), 23, 30), endsAt: shanghaiTime(day("2026-12-03"), 23, 59) });
  const point = (await createDeliveryPoint(db, { organizationId: fudan, name: "南区食堂" })).id;
  const make = async (key: string, buyerId: string, placedById: string, slotId: string, sellers: string[], statuses: string[] = [], placedAt = new Date()) => {
    const o = await createOrder(db, {
      buyerId,
      placedById,
      slotId,
      deliveryPointId: buyerId === fudan ? point : null,
      placedAt,
      sellerOrders: sellers.map((s, i) => ({
        sellerId: s,
        status: (statuses[i] ?? "placed") as "placed",
        lines: [{ variantId: s === sellerA ? a : b, productNameZh: "货", quantity: 2, unitPriceFen: 1_000, weightGrams: 10_000, variableWeight: s === sellerA, netWeightGrams: 5_000 }],
      })),
    });
    ids[key] = { orderId: o.id, number: o.number, so: Object.fromEntries(o.sellerOrders.map((so) => [so.sellerId, so.id])) };
  };
  await make("fudan3", fudan, fudanUser, slot3.id, [sellerA, sellerB], [], new Date("2026-12-01T02:00:00Z"));
  await make("tongji4", tongji, tongjiUser, slot4.id, [sellerA], [], new Date("2026-12-01T03:00:00Z"));
  await make("fudan3late", fudan, fudanUser, slot3late.id, [sellerA], ["confirmed"], new Date("2026-12-01T04:00:00Z"));
  await make("tongjiPacked", tongji, tongjiUser, slot3.id, [sellerA], ["packed"], new Date("2026-12-01T05:00:00Z"));
  await make("bOnly", tongji, tongjiUser, slot4.id, [sellerB], ["cancelled"], new Date("2026-12-01T06:00:00Z"));
  await db.order.update({ where: { id: ids.bOnly.orderId }, data: { status: "cancelled" }, select: { id: true } });
});
afterAll(async () => t?.drop());

const inbox = (query: string, orgs = [sellerA]) => listSellerInbox(db, orgs, parseInboxFilters(new URLSearchParams(query)).filters);
const ops = (query: string) => listOpsOrders(db, parseOpsFilters(new URLSearchParams(query)).filters);

describe("the seller's inbox", () => {
  it("lists open seller orders of the seller's organizations by delivery day, soonest first", async () => {
    const r = await inbox("");
    expect(r.days.map((d) => [d.day, d.items.map((i) => i.number)])).toEqual([
      ["2026-12-03", [ids.fudan3.number, ids.fudan3late.number]],
      ["2026-12-04", [ids.tongji4.number]],
    ]);
    expect(r.total).toBe(3);
    expect(r.counts).toEqual({ placed: 2, confirmed: 1, packed: 1 });
    const first = r.days[0].items[0];
    expect(first).toMatchObject({ status: "placed", buyer: { name: "复旦大学邯郸校区食堂" }, deliveryPointName: "南区食堂", subtotalFen: 2_000, weightGrams: 10_000, toWeigh: 1 });
  });

  it("filters by status, Beijing delivery day and buyer name", async () => {
    expect((await inbox("status=packed")).items.map((i) => i.number)).toEqual([ids.tongjiPacked.number]);
    expect((await inbox("status=all")).total).toBe(4);
    expect((await inbox("date=2026-12-03")).items.map((i) => i.number)).toEqual([ids.fudan3.number, ids.fudan3late.number]);
    expect((await inbox("date=2026-12-05")).items).toEqual([]);
    expect((await inbox("buyer=同济")).items.map((i) => i.number)).toEqual([ids.tongji4.number]);
    expect((await inbox("buyer=fudan&status=all")).total).toBe(2);
  });

  it("never shows another seller's orders", async () => {
    const r = await inbox("status=all", [sellerB]);
    expect(r.items.map((i) => i.sellerOrderId).sort()).toEqual([ids.fudan3.so[sellerB], ids.bOnly.so[sellerB]].sort());
    expect(await findOwnSellerOrder(db, ids.fudan3.so[sellerA], [sellerB])).toEqual({ kind: "forbidden" });
    expect(await findOwnSellerOrder(db, ids.fudan3.so[sellerA], [sellerA])).toMatchObject({ kind: "ok", number: ids.fudan3.number });
    expect(await findOwnSellerOrder(db, "00000000-0000-4000-8000-000000000000", [sellerA])).toEqual({ kind: "not_found" });
  });
});

describe("the operator's order list", () => {
  it("lists every order newest first with its seller orders", async () => {
    const r = await ops("");
    expect(r.items.map((i) => i.number)).toEqual([ids.bOnly.number, ids.tongjiPacked.number, ids.fudan3late.number, ids.tongji4.number, ids.fudan3.number]);
    expect(r.items.find((i) => i.number === ids.fudan3.number)).toMatchObject({ estimated: true, slot: { district: "杨浦区", warehouseName: "杨浦配送仓" }, sellerOrders: [{ status: "placed" }, { status: "placed" }] });
    expect(r.items.find((i) => i.number === ids.bOnly.number)?.estimated).toBe(false);
  });

  it("searches by number or buyer name and filters by status, day, district and warehouse", async () => {
    expect((await ops(`q=${ids.tongji4.number.slice(-6)}`)).items.map((i) => i.number)).toContain(ids.tongji4.number);
    expect((await ops("q=同济")).total).toBe(3);
    expect((await ops("q=handan")).total).toBe(2);
    expect((await ops("status=cancelled")).items.map((i) => i.number)).toEqual([ids.bOnly.number]);
    expect((await ops("date=2026-12-03")).total).toBe(3);
    expect((await ops("district=闵行区")).items.map((i) => i.number)).toEqual([ids.bOnly.number, ids.tongji4.number]);
    expect((await ops(`warehouse=${warehouseB}&q=同济`)).total).toBe(2);
    expect((await ops(`warehouse=${warehouseA}&date=2026-12-04`)).total).toBe(0);
  });

  it("pages 30 at a time and clamps a page past the end", async () => {
    const r = await ops("page=99");
    expect(r).toMatchObject({ page: 1, pages: 1, total: 5 });
  });
});
