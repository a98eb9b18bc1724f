import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeliveryPoint as insertPoint, createOrder, createOrganization, createProduct, createUser } from "../../../tests/factories";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-db";
import type { PrismaClient } from "~/generated/prisma/client";
import { archiveDeliveryPoint, buyerOrganizationIds, createDeliveryPoint, findOwnDeliveryPoint, listDeliveryPoints, updateDeliveryPoint } from "./delivery-points.server";
import type { DeliveryPointInput } from "./delivery-setup-schemas";

let t: TestDatabase;
let db: PrismaClient;
let fudan: string;
let tongji: string;
let seller: string;
let buyerUser: string;

const input: DeliveryPointInput = {
  name: "北区食堂",
  nameEn: "North Canteen",
  district: "杨浦区",
  address: "上海市杨浦区国权路 525 号",
  lat: 31.2989,
  lng: 121.5015,
  receivingFrom: "04:30",
  receivingTo: "07:00",
  contactName: "王师傅",
  contactPhone: "13800000099",
};

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db.prisma;
  console.log(`[integration] delivery points: database ${t.label}`);
  fudan = (await createOrganization(db, { kind: "canteen", name: "复旦大学邯郸校区食堂" })).id;
  tongji = (await createOrganization(db, { kind: "canteen", name: "同济大学四平路校区食堂" })).id;
  seller = (await createOrganization(db, { kind: "cooperative" })).id;
  buyerUser = (await createUser(db, { role: "buyer", organizationId: fudan })).id;
});
afterAll(async () => t?.drop());

describe("a buyer organization's delivery points", () => {
  it("reads the buyer organizations from the memberships", () => {
    expect(buyerOrganizationIds([{ role: "buyer", organizationId: "a" }, { role: "seller", organizationId: "b" }, { role: "buyer", organizationId: "a" }])).toEqual(["a"]);
  });

  it("adds several points and lists them by name, never another organization's", async () => {
    const north = await createDeliveryPoint(db, fudan, input);
    const south = await createDeliveryPoint(db, fudan, { ...input, name: "南区食堂", nameEn: "", district: "杨浦区", lat: 31.2951 });
    await insertPoint(db, { organizationId: tongji, name: "同济西苑食堂" });
    expect(north).toMatchObject({ organizationId: fudan, name: "北区食堂", lat: 31.2989, receivingFrom: "04:30", contactPhone: "13800000099", archivedAt: null });
    const list = await listDeliveryPoints(db, [fudan]);
    expect(list.active.map((p) => p.id)).toEqual([north.id, south.id]);
    expect(list.archived).toEqual([]);
    expect(await listDeliveryPoints(db, [])).toEqual({ active: [], archived: [] });
  });

  it("edits one of its own points; another organization's is forbidden, an unknown one not found", async () => {
    const p = await createDeliveryPoint(db, fudan, { ...input, name: "东区食堂" });
    const r = await updateDeliveryPoint(db, [fudan], p.id, { ...input, name: "东区第一食堂", receivingTo: "08:00", district: "虹口区" });
    expect(r).toMatchObject({ kind: "ok", point: { name: "东区第一食堂", receivingTo: "08:00", district: "虹口区" } });
    expect(await updateDeliveryPoint(db, [tongji], p.id, input)).toEqual({ kind: "forbidden" });
    expect(await updateDeliveryPoint(db, [fudan], "00000000-0000-4000-8000-000000000000", input)).toEqual({ kind: "not_found" });
    expect(await findOwnDeliveryPoint(db, [seller], p.id)).toEqual({ kind: "forbidden" });
    const after = await db.deliveryPoint.findUniqueOrThrow({ where: { id: p.id }, select: { name: true } });
    expect(after.name).toBe("东区第一食堂");
  });

  it("archives a point that has orders: the orders keep it, it leaves the active list, and it cannot be edited", async () => {
    const p = await createDeliveryPoint(db, fudan, { ...input, name: "研究生食堂" });
    const product = await createProduct(db, { sellerId: seller });
    const order = await createOrder(db, {
      buyerId: fudan,
      placedById: buyerUser,
      deliveryPointId: p.id,
      sellerOrders: [{ sellerId: seller, lines: [{ variantId: product.variants[0].id, productNameZh: "香菇", quantity: 2, unitPriceFen: 1000, weightGrams: 1000 }] }],
    });
    const at = new Date("2026-12-02T01:00:00Z");
    expect(await archiveDeliveryPoint(db, [tongji], p.id, at)).toEqual({ kind: "forbidden" });
    const r = await archiveDeliveryPoint(db, [fudan], p.id, at);
    expect(r).toMatchObject({ kind: "ok", point: { id: p.id, archivedAt: at } });
    // Archiving again keeps the first date.
    expect(await archiveDeliveryPoint(db, [fudan], p.id, new Date("2026-12-03T00:00:00Z"))).toMatchObject({ kind: "ok", point: { archivedAt: at } });
    const list = await listDeliveryPoints(db, [fudan]);
    expect(list.active.some((x) => x.id === p.id)).toBe(false);
    expect(list.archived.map((x) => x.id)).toContain(p.id);
    expect(await updateDeliveryPoint(db, [fudan], p.id, input)).toEqual({ kind: "archived" });
    const kept = await db.order.findUniqueOrThrow({ where: { id: order.id }, select: { deliveryPointId: true } });
    expect(kept.deliveryPointId).toBe(p.id);
  });

  it("is refused by the database outside Shanghai's districts or with reversed hours (the CHECKs behind the form)", async () => {
    await expect(createDeliveryPoint(db, fudan, { ...input, district: "昆山市" as DeliveryPointInput["district"] })).rejects.toThrow();
    await expect(createDeliveryPoint(db, fudan, { ...input, receivingFrom: "08:00", receivingTo: "07:00" })).rejects.toThrow();
  });
});
