/** Proof of delivery from the stops that reached an order, and who may see a hand-over's photo. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrder, createOrganization, createProduct, createUser, createVehicle, createWarehouse } from "../../../tests/factories";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-db";
import type { PrismaClient } from "~/generated/prisma/client";
import { loadDeliveryProofs, photoKeyForViewer, type ProofViewer } from "./proof.server";

let t: TestDatabase;
let db: PrismaClient;
const ids = { buyer: "", otherBuyer: "", seller: "", otherSeller: "", driver: "", otherDriver: "", order: "", delivered: "", planned: "", noPhoto: "" };

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db.prisma;
  console.log(`[integration] delivery proof: database ${t.label}`);
  const platform = (await createOrganization(db, { kind: "platform" })).id;
  ids.buyer = (await createOrganization(db, { kind: "canteen", name: "同济大学四平路校区食堂" })).id;
  ids.otherBuyer = (await createOrganization(db, { kind: "canteen" })).id;
  ids.seller = (await createOrganization(db, { kind: "cooperative", name: "尤溪县金柑专业合作社" })).id;
  ids.otherSeller = (await createOrganization(db, { kind: "cooperative" })).id;
  ids.driver = (await createUser(db, { role: "driver", organizationId: platform, displayName: "陈师傅" })).id;
  ids.otherDriver = (await createUser(db, { role: "driver", organizationId: platform })).id;
  const placedBy = (await createUser(db, { role: "buyer", organizationId: ids.buyer })).id;
  const warehouse = await createWarehouse(db, { operatorId: platform });
  const van = await createVehicle(db, { warehouseId: warehouse.id, driverId: ids.driver, plate: "沪A·K2051" });
  const variantId = (await createProduct(db, { sellerId: ids.seller, nameZh: "尤溪金柑", tempClass: "chilled" })).variants[0].id;
  ids.order = (await createOrder(db, { buyerId: ids.buyer, placedById: placedBy, status: "delivered", sellerOrders: [{ sellerId: ids.seller, status: "delivered", lines: [{ variantId, productNameZh: "尤溪金柑", tempClass: "chilled", quantity: 4, shippedQuantity: 4, unitPriceFen: 5_000, weightGrams: 20_000 }] }] })).id;
  const plan = await db.deliveryPlan.create({ data: { warehouseId: warehouse.id, serviceDate: new Date(Date.UTC(2026, 11, 3)), version: 1, status: "published", publishedAt: new Date() }, select: { id: true } });
  const route = await db.deliveryRoute.create({ data: { planId: plan.id, vehicleId: van.id, driverId: ids.driver, position: 0 }, select: { id: true } });
  const at = (h: number) => new Date(Date.UTC(2026, 11, 2, h));
  const stop = async (data: { status: "planned" | "delivered"; photoKey?: string; arrivedAt?: Date }) => {
    const s = await db.deliveryStop.create({
      data: { planId: plan.id, routeId: route.id, name: "西北一楼食堂", address: "上海市杨浦区四平路1239号", lat: 31.2836, lng: 121.5016, windowStart: at(21), windowEnd: at(23), sequence: 1, ...data, ...(data.status === "delivered" ? { deliveredAt: data.arrivedAt, receiverName: "周师傅", temperatureC: 3.2, signatureSvg: "<svg xmlns='http://www.w3.org/2000/svg'><path d='M0 0L9 9'/></svg>", deliveryNote: "一箱外包装破损" } : {}) },
      select: { id: true },
    });
    await db.deliveryStopOrder.create({ data: { stopId: s.id, orderId: ids.order } });
    return s.id;
  };
  ids.planned = await stop({ status: "planned" });
  ids.delivered = await stop({ status: "delivered", photoKey: "deliveries/x/photo.webp", arrivedAt: at(22) });
  ids.noPhoto = await stop({ status: "delivered", arrivedAt: at(21) });
  // The hand-over of a mixed van's stop carries a reading per compartment; a refused second proof does not count.
  await db.deliveryAction.create({ data: { id: "0d0d0d0d-0000-4000-8000-0000000000a1", stopId: ids.delivered, driverId: ids.driver, kind: "deliver", payload: { temperatures: { chilled: 3.2, frozen: -19.5 } }, actedAt: at(22), outcome: "applied" } });
  await db.deliveryAction.create({ data: { id: "0d0d0d0d-0000-4000-8000-0000000000a2", stopId: ids.delivered, driverId: ids.driver, kind: "deliver", payload: { temperatures: { chilled: 7 } }, actedAt: at(22), outcome: "refused" } });
});

afterAll(async () => {
  await t?.drop();
});

const viewer = (v: Partial<ProofViewer>): ProofViewer => ({ userId: "00000000-0000-4000-8000-000000000000", readsAnyOrder: false, buyerOrgIds: [], sellerOrgIds: [], ...v });

describe("loadDeliveryProofs", () => {
  it("lists the stops that reached the order, oldest arrival first, with the hand-over's record; a planned stop is not proof", async () => {
    const proofs = await loadDeliveryProofs(db, ids.order);
    expect(proofs.map((p) => p.stopId)).toEqual([ids.noPhoto, ids.delivered]);
    expect(proofs[1]).toMatchObject({ status: "delivered", receiverName: "周师傅", temperatureC: 3.2, note: "一箱外包装破损", hasPhoto: true, vehiclePlate: "沪A·K2051", driverName: "陈师傅" });
    expect(proofs[1]!.signatureSvg).toContain("<svg");
    expect(proofs[1]!.temperatures).toEqual({ chilled: 3.2, frozen: -19.5 });
    expect(proofs[0]!.temperatures).toEqual({});
    expect(proofs[0]!.hasPhoto).toBe(false);
  });

  it("is empty for a malformed or unknown order", async () => {
    expect(await loadDeliveryProofs(db, "not-a-uuid")).toEqual([]);
    expect(await loadDeliveryProofs(db, "00000000-0000-4000-8000-000000000001")).toEqual([]);
  });
});

describe("photoKeyForViewer", () => {
  it("gives the photo to the order's buyer and seller, the stop's driver and whoever reads any order", async () => {
    for (const v of [{ buyerOrgIds: [ids.buyer] }, { sellerOrgIds: [ids.seller] }, { userId: ids.driver }, { readsAnyOrder: true }]) {
      expect(await photoKeyForViewer(db, ids.delivered, viewer(v))).toBe("deliveries/x/photo.webp");
    }
  });

  it("gives nothing to another buyer, seller or driver, for a stop without a photo, or for a malformed id", async () => {
    for (const v of [{ buyerOrgIds: [ids.otherBuyer] }, { sellerOrgIds: [ids.otherSeller] }, { userId: ids.otherDriver }, {}]) {
      expect(await photoKeyForViewer(db, ids.delivered, viewer(v))).toBeNull();
    }
    expect(await photoKeyForViewer(db, ids.noPhoto, viewer({ readsAnyOrder: true }))).toBeNull();
    expect(await photoKeyForViewer(db, "../../etc/passwd", viewer({ readsAnyOrder: true }))).toBeNull();
  });
});
