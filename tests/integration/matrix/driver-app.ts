// Authorization matrix rows for the driver app (routes, stops, proof of delivery, offline queue) (see tests/integration/authorization-matrix.test.ts).
// A driver sees only its own routes and stops (another driver's stop or route is 404, not 403); every
// other role is 403. Reading needs read:deliveries:own, acting deliver:delivery:own.
import { randomUUID } from "node:crypto";
import { createOrder, createProduct, createUser, createVehicle, createWarehouse } from "../../factories";
import { row, SIGN_IN, type Cells, type MatrixFeature } from "./rows";

// Fixed ids so the rows can name the redirects exactly (cells are not filled from FIXTURES).
const OWN_STOP = "d4d4d4d4-0000-4000-8000-00000000d001";
const OWN_ROUTE = "d4d4d4d4-0000-4000-8000-00000000d0a1";
const ARRIVE_ACTION = "d4d4d4d4-0000-4000-8000-00000000ac01";
const DELIVER_ACTION = "d4d4d4d4-0000-4000-8000-00000000ac02";

const DRIVER = (driver: Cells[4]): Cells => [SIGN_IN, 403, 403, 403, driver, 403];
const batch = (stopId: string, id: string) => JSON.stringify({ actions: [{ id, stopId, kind: "arrive", actedAt: "2026-12-03T01:00:00Z", payload: {} }] });

// prettier-ignore
export const driverAppMatrix: MatrixFeature = {
  rows: [
    //  file                                        method  path                                   anonymous buyer seller operator driver admin
    row("routes/driver.tsx",                         "GET",  "/driver?started=2",                   DRIVER(200)),
    row("routes/driver_.stops.$stopId.tsx",          "GET",  `/driver/stops/${OWN_STOP}`,           DRIVER(200)),
    row("routes/driver_.stops.$stopId.tsx",          "GET",  `/driver/stops/${OWN_STOP}?done=deliver`, DRIVER(200)),
    row("routes/driver_.stops.$stopId.tsx",          "GET",  "/driver/stops/{otherDriverStop}",     DRIVER(404)),
    row("routes/driver_.stops.$stopId.tsx",          "GET",  "/driver/stops/{missingStop}",         DRIVER(404)),
    row("routes/driver_.stops.$stopId.tsx",          "GET",  "/driver/stops/not-a-uuid",            DRIVER(404)),
    row("routes/driver_.stops.$stopId.tsx",          "POST", `/driver/stops/${OWN_STOP}`,           DRIVER(400)),
    row("routes/driver_.stops.$stopId.tsx",          "POST", `/driver/stops/${OWN_STOP}`,           DRIVER(400), { intent: "teleport" }),
    // A hand-over without temperature, receiver or signature: field errors, nothing recorded.
    row("routes/driver_.stops.$stopId.tsx",          "POST", `/driver/stops/${OWN_STOP}`,           DRIVER(400), { intent: "deliver", "temperature:chilled": "25" }),
    row("routes/driver_.stops.$stopId.tsx",          "POST", `/driver/stops/${OWN_STOP}`,           DRIVER(400), { intent: "fail", reason: "" }),
    row("routes/driver_.stops.$stopId.tsx",          "POST", "/driver/stops/{otherDriverStop}",     DRIVER(404), { intent: "arrive" }),
    row("routes/driver_.stops.$stopId.tsx",          "POST", "/driver/stops/not-a-uuid",            DRIVER(404), { intent: "arrive" }),
    row("routes/driver_.routes.$routeId.start.tsx",  "GET",  `/driver/routes/${OWN_ROUTE}/start`,   DRIVER("→ /driver")),
    // Starting the route dispatches its one received seller order.
    row("routes/driver_.routes.$routeId.start.tsx",  "POST", `/driver/routes/${OWN_ROUTE}/start`,   DRIVER("→ /driver?started=1")),
    row("routes/driver_.routes.$routeId.start.tsx",  "POST", "/driver/routes/{otherDriverRoute}/start", DRIVER(404)),
    row("routes/driver_.routes.$routeId.start.tsx",  "POST", "/driver/routes/not-a-uuid/start",     DRIVER(404)),
    // Arriving without JavaScript (the form's own action id): back to the stop; the same form again is a no-op with the same answer.
    row("routes/driver_.stops.$stopId.tsx",          "POST", `/driver/stops/${OWN_STOP}`,           DRIVER(`→ /driver/stops/${OWN_STOP}?done=arrive`), { intent: "arrive", actionId: ARRIVE_ACTION }),
    // The hand-over without JavaScript: packs as shipped, the probe reading, the receiver typing their name again for the signature.
    row("routes/driver_.stops.$stopId.tsx",          "POST", `/driver/stops/${OWN_STOP}`,           DRIVER(`→ /driver/stops/${OWN_STOP}?done=deliver`), { intent: "deliver", actionId: DELIVER_ACTION, "temperature:chilled": "4", receiverName: "王师傅", signatureTyped: "王师傅" }),
    // A second proof for the delivered stop (another form, another id): refused with a message.
    row("routes/driver_.stops.$stopId.tsx",          "POST", `/driver/stops/${OWN_STOP}`,           DRIVER(400), { intent: "deliver", "temperature:chilled": "6", receiverName: "王师傅", signatureTyped: "王师傅" }),
    row("routes/driver_.sync.ts",                    "GET",  "/driver/sync",                        DRIVER(405)),
    row("routes/driver_.sync.ts",                    "POST", "/driver/sync",                        DRIVER(400)),
    row("routes/driver_.sync.ts",                    "POST", "/driver/sync",                        DRIVER(400), { batch: "{not json" }),
    row("routes/driver_.sync.ts",                    "POST", "/driver/sync",                        DRIVER(400), { batch: JSON.stringify({ actions: [{ id: "1", kind: "fly" }] }) }),
    // A replay of the arrival above and an action for another driver's stop: answered per action (applied, stale), never an error.
    row("routes/driver_.sync.ts",                    "POST", "/driver/sync",                        DRIVER(200), { batch: batch(OWN_STOP, ARRIVE_ACTION) }),
    row("routes/driver_.sync.ts",                    "POST", "/driver/sync",                        DRIVER(200), { batch: "{otherDriverBatch}" }),
  ],
  async seed({ db, orgs, users, fixtures }) {
    const warehouse = await createWarehouse(db, { operatorId: orgs.platform, name: "江桥冷链仓（司机矩阵）" });
    const otherDriver = (await createUser(db, { role: "driver", organizationId: orgs.platform })).id;
    const mineVan = (await createVehicle(db, { warehouseId: warehouse.id, driverId: users.driver })).id;
    const theirVan = (await createVehicle(db, { warehouseId: warehouse.id, driverId: otherDriver })).id;
    const variantId = (await createProduct(db, { sellerId: orgs.sellerA, nameZh: "鲜香菇（司机矩阵）", tempClass: "chilled" })).variants[0].id;
    const order = () =>
      createOrder(db, {
        buyerId: orgs.buyer,
        placedById: users.buyer,
        status: "received",
        sellerOrders: [{ sellerId: orgs.sellerA, status: "received", lines: [{ variantId, productNameZh: "鲜香菇", tempClass: "chilled", quantity: 2, shippedQuantity: 2, unitPriceFen: 3_000, weightGrams: 10_000 }] }],
      });
    const local = new Date(Date.now() + 8 * 3_600_000);
    const serviceDate = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
    const plan = await db.deliveryPlan.create({ data: { warehouseId: warehouse.id, serviceDate, version: 1, status: "published", publishedAt: new Date() }, select: { id: true } });
    await db.deliveryRoute.create({ data: { id: OWN_ROUTE, planId: plan.id, vehicleId: mineVan, driverId: users.driver, position: 0 } });
    const theirRoute = await db.deliveryRoute.create({ data: { planId: plan.id, vehicleId: theirVan, driverId: otherDriver, position: 1 }, select: { id: true } });
    const start = new Date(Date.now() + 3_600_000);
    const stop = (id: string | undefined, routeId: string) =>
      db.deliveryStop.create({
        data: { id, planId: plan.id, routeId, name: "南区食堂", address: "上海市杨浦区邯郸路220号", lat: 31.2975, lng: 121.5033, windowStart: start, windowEnd: new Date(start.getTime() + 7_200_000), sequence: 1, chilledGrams: 10_000 },
        select: { id: true },
      });
    const own = await stop(OWN_STOP, OWN_ROUTE);
    const theirs = await stop(undefined, theirRoute.id);
    await db.deliveryStopOrder.create({ data: { stopId: own.id, orderId: (await order()).id } });
    await db.deliveryStopOrder.create({ data: { stopId: theirs.id, orderId: (await order()).id } });
    fixtures.otherDriverStop = theirs.id;
    fixtures.otherDriverRoute = theirRoute.id;
    fixtures.missingStop = randomUUID();
    fixtures.otherDriverBatch = batch(theirs.id, randomUUID());
  },
};
