// Authorization matrix rows for the photo a driver took at a hand-over (see tests/integration/authorization-matrix.test.ts).
// It is shown to the people who may see the order: its buyer's and sellers' members, operators and admins (read:order:any)
// and the stop's driver; for everyone else the stop is 404, like an unknown one.
import { createOrder, createOrganization, createProduct, createUser, createVehicle, createWarehouse } from "../../factories";
import { getStorage } from "../../../app/modules/storage/index.server";
import { all, row, SIGN_IN, type MatrixFeature } from "./rows";

const PHOTO = "routes/delivery-photos.$stopId.tsx";
// The smallest valid WebP (1 × 1, lossless): what the route serves is the stored bytes.
const WEBP = Buffer.from("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==", "base64");

// prettier-ignore
export const deliveryProofMatrix: MatrixFeature = {
  rows: [
    //  file    method  path                                   anonymous buyer seller operator driver admin
    row(PHOTO, "GET",  "/delivery-photos/{ownProofStop}",      [SIGN_IN, 200, 200, 200, 200, 200]),
    // Another buyer's order from another seller, delivered by another driver.
    row(PHOTO, "GET",  "/delivery-photos/{otherProofStop}",    [SIGN_IN, 404, 404, 200, 404, 200]),
    // A delivered stop without a photo, an unknown stop, a malformed id.
    row(PHOTO, "GET",  "/delivery-photos/{noPhotoStop}",       [SIGN_IN, 404, 404, 404, 404, 404]),
    row(PHOTO, "GET",  "/delivery-photos/{missingProduct}",    [SIGN_IN, 404, 404, 404, 404, 404]),
    row(PHOTO, "GET",  "/delivery-photos/not-a-uuid",          [SIGN_IN, 404, 404, 404, 404, 404]),
    row(PHOTO, "POST", "/delivery-photos/{ownProofStop}",      all(405)),
  ],
  async seed({ db, orgs, users, fixtures }) {
    const storage = getStorage();
    const warehouse = await createWarehouse(db, { operatorId: orgs.platform, name: "江桥冷链仓（签收矩阵）" });
    const otherDriver = (await createUser(db, { role: "driver", organizationId: orgs.platform })).id;
    const otherBuyer = (await createOrganization(db, { kind: "canteen" })).id;
    const mineVan = (await createVehicle(db, { warehouseId: warehouse.id, driverId: users.driver })).id;
    const theirVan = (await createVehicle(db, { warehouseId: warehouse.id, driverId: otherDriver })).id;
    const own = (await createProduct(db, { sellerId: orgs.sellerA, nameZh: "鲜笋（签收矩阵）", tempClass: "chilled" })).variants[0].id;
    const theirs = (await createProduct(db, { sellerId: orgs.sellerB, nameZh: "冬笋（签收矩阵）", tempClass: "chilled" })).variants[0].id;
    const order = (buyerId: string, sellerId: string, variantId: string) =>
      createOrder(db, { buyerId, placedById: users.buyer, status: "delivered", sellerOrders: [{ sellerId, status: "delivered", lines: [{ variantId, productNameZh: "鲜笋", tempClass: "chilled", quantity: 2, shippedQuantity: 2, unitPriceFen: 3_000, weightGrams: 10_000 }] }] });
    const plan = await db.deliveryPlan.create({ data: { warehouseId: warehouse.id, serviceDate: new Date(Date.UTC(2026, 11, 3)), version: 1, status: "published", publishedAt: new Date() }, select: { id: true } });
    const route = async (vehicleId: string, driverId: string, position: number) => (await db.deliveryRoute.create({ data: { planId: plan.id, vehicleId, driverId, position }, select: { id: true } })).id;
    const mine = await route(mineVan, users.driver, 0);
    const their = await route(theirVan, otherDriver, 1);
    const start = new Date(Date.UTC(2026, 11, 2, 21));
    const stop = async (routeId: string, orderId: string, photoKey: string) => {
      const s = await db.deliveryStop.create({
        data: { planId: plan.id, routeId, name: "北区食堂", address: "上海市杨浦区国定路777号", lat: 31.3043, lng: 121.5126, windowStart: start, windowEnd: new Date(start.getTime() + 7_200_000), sequence: 1, status: "delivered", arrivedAt: start, deliveredAt: start, receiverName: "李师傅", temperatureC: 3.5, photoKey },
        select: { id: true },
      });
      await db.deliveryStopOrder.create({ data: { stopId: s.id, orderId } });
      if (photoKey) await storage.put(photoKey, WEBP, "image/webp");
      return s.id;
    };
    fixtures.ownProofStop = await stop(mine, (await order(orgs.buyer, orgs.sellerA, own)).id, "deliveries/matrix/own.webp");
    fixtures.otherProofStop = await stop(their, (await order(otherBuyer, orgs.sellerB, theirs)).id, "deliveries/matrix/other.webp");
    fixtures.noPhotoStop = await stop(mine, (await order(orgs.buyer, orgs.sellerA, own)).id, "");
  },
};
