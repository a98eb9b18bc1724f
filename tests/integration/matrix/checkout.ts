// Authorization matrix rows for cart, checkout, the buyer's orders (see tests/integration/authorization-matrix.test.ts).
// Only buyers (manage:cart:own, place:order:own, read/update/cancel:order:own) reach these pages; everyone else
// signed in gets 403 and visitors are sent to sign in. Ids are fixed so cells can name redirects exactly.
import { createDeliveryPoint, createDeliverySlot, createOrder, createOrganization, createProduct, createStockEntries, createWarehouse } from "../../factories";
import { MAX_QUANTITY } from "../../../app/modules/orders/quantities";
import { row, NO_ACTION, SIGN_IN, type Expected, type MatrixFeature } from "./rows";

const CART_PRODUCT = "c4a27000-0000-4000-8000-000000000001";
const CART_PACK = "c4a27000-0000-4000-8000-000000000002";
const OWN_ORDER = "HM-20261202-910001";
const OTHER_ORDER = "HM-20261202-910002";
const OWN_LINE = "c4a27000-0000-4000-8000-000000000003";

const BUYER_ONLY = (buyer: Expected) => [SIGN_IN, buyer, 403, 403, 403, 403] as const;

// What the cart action sends the product page when a quantity is refused (see routes/cart.tsx, intent add).
const refusedZero = new URLSearchParams({ cartError: "not_positive", variant: CART_PACK, quantity: "0", min: "1", multiple: "1", max: String(MAX_QUANTITY), down: "", up: "1" });

// prettier-ignore
export const checkoutMatrix: MatrixFeature = {
  rows: [
    //  file                        method  path                                   anonymous buyer seller operator driver admin
    row("routes/cart.tsx",          "GET",  "/cart",                               [...BUYER_ONLY(200)]),
    row("routes/cart.tsx",          "GET",  "/cart?point=not-a-uuid&done=updated", [...BUYER_ONLY(200)]),
    // Add from the product page: back to it with ?added=, or with the refusal in the query (no JavaScript needed).
    row("routes/cart.tsx",          "POST", "/cart",                               [...BUYER_ONLY(`→ /catalog/${CART_PRODUCT}?added=${CART_PACK}`)], { intent: "add", variantId: CART_PACK, quantity: "2", returnTo: `/catalog/${CART_PRODUCT}` }),
    row("routes/cart.tsx",          "POST", "/cart",                               [...BUYER_ONLY(`→ /catalog/${CART_PRODUCT}?${refusedZero}`)], { intent: "add", variantId: CART_PACK, quantity: "0", returnTo: `/catalog/${CART_PRODUCT}` }),
    // A foreign returnTo is ignored: back to the cart.
    row("routes/cart.tsx",          "POST", "/cart",                               [...BUYER_ONLY("→ /cart?done=updated")], { intent: "add", variantId: CART_PACK, quantity: "1", returnTo: "https://evil.example/" }),
    row("routes/cart.tsx",          "POST", "/cart",                               [...BUYER_ONLY(400)], { intent: "set", lineId: "not-a-uuid", quantity: "3" }),
    row("routes/cart.tsx",          "POST", "/cart",                               [...BUYER_ONLY(400)], { intent: "set", lineId: "{missingProduct}", quantity: "3" }),
    row("routes/cart.tsx",          "POST", "/cart",                               [...BUYER_ONLY("→ /cart?done=updated")], { intent: "remove", lineId: "{missingProduct}" }),
    row("routes/cart.tsx",          "POST", "/cart",                               [...BUYER_ONLY("→ /cart?done=confirmed")], { intent: "confirm-prices" }),
    // Checkout needs place:order:own; a form without slot, key or lines is refused with field errors.
    row("routes/cart.tsx",          "POST", "/cart",                               [...BUYER_ONLY(400)], { intent: "checkout" }),
    row("routes/cart.tsx",          "POST", "/cart",                               [...BUYER_ONLY(400)], { intent: "checkout", deliveryPointId: "{missingProduct}", slotId: "{missingProduct}", idempotencyKey: "matrix-key-0001", lines: `${CART_PACK}:3` }),
    row("routes/cart.tsx",          "POST", "/cart",                               [...BUYER_ONLY(400)]),
    row("routes/orders._index.tsx", "GET",  "/orders",                             [...BUYER_ONLY(200)]),
    row("routes/orders._index.tsx", "GET",  "/orders?status=bogus&page=x",         [...BUYER_ONLY(200)]),
    row("routes/orders._index.tsx", "GET",  "/orders?status=cancelled&page=2",     [...BUYER_ONLY(200)]),
    row("routes/orders._index.tsx", "POST", "/orders?index",                       NO_ACTION),
    row("routes/orders.$number.tsx", "GET", `/orders/${OWN_ORDER}`,                [...BUYER_ONLY(200)]),
    row("routes/orders.$number.tsx", "GET", `/orders/${OWN_ORDER}?placed=1`,       [...BUYER_ONLY(200)]),
    // Another organization's order exists but is not the buyer's: 403, not 404.
    row("routes/orders.$number.tsx", "GET", `/orders/${OTHER_ORDER}`,              [...BUYER_ONLY(403)]),
    row("routes/orders.$number.tsx", "GET", "/orders/HM-20261202-999999",          [...BUYER_ONLY(404)]),
    row("routes/orders.$number.tsx", "GET", "/orders/not-a-number",                [...BUYER_ONLY(404)]),
    row("routes/orders.$number.tsx", "POST", `/orders/${OTHER_ORDER}`,             [...BUYER_ONLY(403)], { intent: "cancel" }),
    row("routes/orders.$number.tsx", "POST", "/orders/HM-20261202-999999",         [...BUYER_ONLY(404)], { intent: "cancel" }),
    // The same quantities: nothing to change.
    row("routes/orders.$number.tsx", "POST", `/orders/${OWN_ORDER}`,               [...BUYER_ONLY(400)], { intent: "amend", [`q_${OWN_LINE}`]: "2" }),
    row("routes/orders.$number.tsx", "POST", `/orders/${OWN_ORDER}`,               [...BUYER_ONLY(400)], { intent: "amend", [`q_${OWN_LINE}`]: "-4" }),
    row("routes/orders.$number.tsx", "POST", `/orders/${OWN_ORDER}`,               [...BUYER_ONLY("→ /cart?done=reordered&added=1")], { intent: "reorder" }),
    row("routes/orders.$number.tsx", "POST", `/orders/${OWN_ORDER}`,               [...BUYER_ONLY(400)], { intent: "bogus" }),
    row("routes/orders.$number.tsx", "POST", `/orders/${OWN_ORDER}`,               [...BUYER_ONLY(`→ /orders/${OWN_ORDER}?done=cancelled`)], { intent: "cancel", reason: "矩阵测试" }),
    // Cancelled already: refused with a message, nothing changes.
    row("routes/orders.$number.tsx", "POST", `/orders/${OWN_ORDER}`,               [...BUYER_ONLY(400)], { intent: "cancel" }),
  ],
  async seed({ db, orgs, users }) {
    await createProduct(db, { id: CART_PRODUCT, sellerId: orgs.sellerA, nameZh: "泰宁香菇（购物车矩阵）", variants: [{ id: CART_PACK }] });
    await createStockEntries(db, [{ variantId: CART_PACK, onHandDelta: 100 }]);
    const point = await createDeliveryPoint(db, { organizationId: orgs.buyer });
    const warehouse = await createWarehouse(db, { operatorId: orgs.platform });
    const slot = await createDeliverySlot(db, { warehouseId: warehouse.id, startsAt: new Date(Date.now() + 5 * 86_400_000) });
    const line = { variantId: CART_PACK, productNameZh: "泰宁香菇", quantity: 2, unitPriceFen: 4800, weightGrams: 1000 };
    const own = await createOrder(db, { number: OWN_ORDER, buyerId: orgs.buyer, placedById: users.buyer, slotId: slot.id, sellerOrders: [{ sellerId: orgs.sellerA, lines: [line] }] });
    // Form keys are not filled from FIXTURES: give the line the fixed id the amend rows name.
    await db.orderLine.update({ where: { id: own.sellerOrders[0]!.lines[0]!.id }, data: { id: OWN_LINE }, select: { id: true } });
    const other = await createOrganization(db, { kind: "canteen" });
    await createOrder(db, { number: OTHER_ORDER, buyerId: other.id, placedById: users.buyer, slotId: slot.id, sellerOrders: [{ sellerId: orgs.sellerA, lines: [line] }] });
  },
};
