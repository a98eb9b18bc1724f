// Authorization matrix rows for the seller's order inbox, the operator's orders, the order page's actions (see tests/integration/authorization-matrix.test.ts).
// Sellers reach only their own seller orders (another seller's is 403, not 404); operators and admins any
// order; admins oversee (read, cancel) but run no warehouse step.
import { randomUUID } from "node:crypto";
import { createDeliverySlot, createOrder, createProduct, createStockEntries, createWarehouse, shanghaiTime } from "../../factories";
import { row, NO_ACTION, SIGN_IN, type Cells, type MatrixFeature } from "./rows";

// Seller orders the successful rows change, with fixed ids and numbers so the rows can name the redirect
// exactly (cells are not filled from FIXTURES); each matrix run has a fresh database.
const CONFIRM_SO = "f1f1f1f1-0000-4000-8000-00000000c0f1";
const CANCEL_SO = "f1f1f1f1-0000-4000-8000-00000000ca01";
const CANCEL_NUMBER = "HM-20261203-990003";
const OWN_NUMBER = "HM-20261203-990001";

const SELLER = (seller: Cells[2]): Cells => [SIGN_IN, 403, seller, 403, 403, 403];
const OPS = (operator: Cells[3], admin: Cells[5] = operator): Cells => [SIGN_IN, 403, 403, operator, 403, admin];

// prettier-ignore
export const fulfilmentMatrix: MatrixFeature = {
  rows: [
    //  file                                           method  path                                                  anonymous buyer seller operator driver admin
    row("routes/seller.orders.tsx",                     "GET",  "/seller/orders?status=all&date=2026-12-03&buyer=复旦",  SELLER(200)),
    // Odd filters are ignored, never an error page.
    row("routes/seller.orders.tsx",                     "GET",  "/seller/orders?status=pending&date=2026-02-30&page=-1", SELLER(200)),
    row("routes/seller.orders_.$sellerOrderId.tsx",      "GET",  "/seller/orders/{ownSellerOrder}",                      SELLER(200)),
    row("routes/seller.orders_.$sellerOrderId.tsx",      "GET",  "/seller/orders/{ownSellerOrder}?done=confirm",         SELLER(200)),
    row("routes/seller.orders_.$sellerOrderId.tsx",      "GET",  "/seller/orders/{otherSellerOrder}",                    SELLER(403)),
    row("routes/seller.orders_.$sellerOrderId.tsx",      "GET",  "/seller/orders/{missingSellerOrder}",                  SELLER(404)),
    row("routes/seller.orders_.$sellerOrderId.tsx",      "GET",  "/seller/orders/not-a-uuid",                            SELLER(404)),
    // Confirming wholly (the inbox's button): back to the inbox the form came from.
    row("routes/seller.orders_.$sellerOrderId.tsx",      "POST", `/seller/orders/${CONFIRM_SO}`,                         SELLER("→ /seller/orders?status=all&done=confirm"), { intent: "confirm", returnTo: "/seller/orders?status=all" }),
    // Confirming again (a double click, a replayed form): the order has moved on, a message, nothing written.
    row("routes/seller.orders_.$sellerOrderId.tsx",      "POST", `/seller/orders/${CONFIRM_SO}`,                         SELLER(400), { intent: "confirm", returnTo: "https://evil.example/" }),
    row("routes/seller.orders_.$sellerOrderId.tsx",      "POST", "/seller/orders/{ownSellerOrder}",                      SELLER(400), { intent: "cancel", reason: "" }),
    row("routes/seller.orders_.$sellerOrderId.tsx",      "POST", "/seller/orders/{ownSellerOrder}",                      SELLER(400), { intent: "record_weights" }),
    row("routes/seller.orders_.$sellerOrderId.tsx",      "POST", "/seller/orders/{ownSellerOrder}",                      SELLER(400), { intent: "pack" }),
    row("routes/seller.orders_.$sellerOrderId.tsx",      "POST", "/seller/orders/{ownSellerOrder}",                      SELLER(400), { intent: "ship-everything" }),
    row("routes/seller.orders_.$sellerOrderId.tsx",      "POST", "/seller/orders/{ownSellerOrder}",                      SELLER(400)),
    row("routes/seller.orders_.$sellerOrderId.tsx",      "POST", "/seller/orders/{otherSellerOrder}",                    SELLER(403), { intent: "confirm" }),
    row("routes/seller.orders_.$sellerOrderId.tsx",      "POST", "/seller/orders/{missingSellerOrder}",                  SELLER(404), { intent: "confirm" }),
    row("routes/seller.orders_.packing-list[.]pdf.tsx",  "GET",  "/seller/orders/packing-list.pdf?date=2026-12-03",      SELLER(200)),
    row("routes/seller.orders_.packing-list[.]pdf.tsx",  "GET",  "/seller/orders/packing-list.pdf?date=2026-13-45",      SELLER(400)),
    row("routes/seller.orders_.packing-list[.]pdf.tsx",  "GET",  "/seller/orders/packing-list.pdf",                      SELLER(400)),
    row("routes/seller.orders_.packing-list[.]pdf.tsx",  "POST", "/seller/orders/packing-list.pdf?date=2026-12-03",      NO_ACTION),
    row("routes/ops_.orders._index.tsx",                 "GET",  "/ops/orders",                                          OPS(200)),
    row("routes/ops_.orders._index.tsx",                 "GET",  "/ops/orders?q=复旦&status=placed&date=2026-12-03&district=杨浦区&page=2", OPS(200)),
    row("routes/ops_.orders._index.tsx",                 "GET",  "/ops/orders?status=nope&warehouse=1%3Bdrop&district=%E5%8C%97",  OPS(200)),
    row("routes/ops_.orders._index.tsx",                 "POST", "/ops/orders?index",                                    NO_ACTION),
    row("routes/ops_.orders.$number.tsx",                "GET",  `/ops/orders/${OWN_NUMBER}`,                            OPS(200)),
    row("routes/ops_.orders.$number.tsx",                "GET",  "/ops/orders/HM-20261203-000404",                       OPS(404)),
    row("routes/ops_.orders.$number.tsx",                "GET",  "/ops/orders/not-a-number",                             OPS(404)),
    // Receiving a seller order that is not packed yet: refused with a message; admins may not receive at all.
    row("routes/ops_.orders.$number.tsx",                "POST", `/ops/orders/${OWN_NUMBER}`,                            OPS(400, 403), { sellerOrderId: "{ownSellerOrder}", intent: "receive" }),
    row("routes/ops_.orders.$number.tsx",                "POST", `/ops/orders/${OWN_NUMBER}`,                            OPS(400), { sellerOrderId: "{ownSellerOrder}", intent: "cancel", reason: "" }),
    // A seller order of another order is not this page's to change.
    row("routes/ops_.orders.$number.tsx",                "POST", `/ops/orders/${OWN_NUMBER}`,                            OPS(400), { sellerOrderId: CANCEL_SO, intent: "cancel", reason: "买家来电" }),
    row("routes/ops_.orders.$number.tsx",                "POST", `/ops/orders/${OWN_NUMBER}`,                            OPS(400), { sellerOrderId: "{ownSellerOrder}", intent: "teleport" }),
    // The operator cancels (with a reason); the admin, after it, finds it cancelled already.
    row("routes/ops_.orders.$number.tsx",                "POST", `/ops/orders/${CANCEL_NUMBER}`,                         OPS(`→ /ops/orders/${CANCEL_NUMBER}?done=cancel_by_operator`, 400), { sellerOrderId: CANCEL_SO, intent: "cancel", reason: "买家来电取消" }),
    row("routes/ops_.orders.$number.tsx",                "POST", "/ops/orders/HM-20261203-000404",                       OPS(404), { sellerOrderId: CANCEL_SO, intent: "cancel", reason: "x" }),
  ],
  async seed({ db, orgs, users, fixtures }) {
    const warehouse = await createWarehouse(db, { operatorId: orgs.platform, name: "杨浦配送仓（矩阵）" });
    const slot = await createDeliverySlot(db, { warehouseId: warehouse.id, startsAt: shanghaiTime({ year: 2026, month: 12, day: 3 }, 5) });
    const own = (await createProduct(db, { sellerId: orgs.sellerA, nameZh: "沙县扁肉（矩阵）" })).variants[0].id;
    const other = (await createProduct(db, { sellerId: orgs.sellerB, nameZh: "建宁白莲（矩阵）" })).variants[0].id;
    await createStockEntries(db, [
      { variantId: own, onHandDelta: 100 },
      { variantId: other, onHandDelta: 100 },
    ]);
    const line = (variantId: string) => ({ variantId, productNameZh: "矩阵商品", quantity: 2, unitPriceFen: 1_000, weightGrams: 1_000 });
    const placed = async (number: string, sellerOrders: { sellerId: string; variantId: string }[]) => {
      const o = await createOrder(db, { number, buyerId: orgs.buyer, placedById: users.buyer, slotId: slot.id, sellerOrders: sellerOrders.map((s) => ({ sellerId: s.sellerId, lines: [line(s.variantId)] })) });
      await createStockEntries(db, o.sellerOrders.flatMap((so) => so.lines.map((l) => ({ variantId: l.variantId, kind: "reservation" as const, reservedDelta: l.quantity, orderLineId: l.id }))));
      return o;
    };
    const first = await placed(OWN_NUMBER, [{ sellerId: orgs.sellerA, variantId: own }, { sellerId: orgs.sellerB, variantId: other }]);
    fixtures.ownSellerOrder = first.sellerOrders.find((so) => so.sellerId === orgs.sellerA)!.id;
    fixtures.otherSellerOrder = first.sellerOrders.find((so) => so.sellerId === orgs.sellerB)!.id;
    fixtures.missingSellerOrder = randomUUID();
    const second = await placed("HM-20261203-990002", [{ sellerId: orgs.sellerA, variantId: own }]);
    const third = await placed(CANCEL_NUMBER, [{ sellerId: orgs.sellerA, variantId: own }]);
    // Fixed ids for the rows that change a seller order (the order rows cascade to them).
    await db.$executeRaw`UPDATE "seller_orders" SET "id" = ${CONFIRM_SO}::uuid WHERE "id" = ${second.sellerOrders[0].id}::uuid`;
    await db.$executeRaw`UPDATE "seller_orders" SET "id" = ${CANCEL_SO}::uuid WHERE "id" = ${third.sellerOrders[0].id}::uuid`;
  },
};
