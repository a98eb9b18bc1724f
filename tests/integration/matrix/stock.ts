// Authorization matrix rows for the stock feature (see tests/integration/authorization-matrix.test.ts):
// the stock page and its adjustment action, a pack's stock history, the orders to confirm and the dashboard.
import { randomUUID } from "node:crypto";
import { createProduct, createStockEntries } from "../../factories";
import { row, NO_ACTION, SIGN_IN, type MatrixFeature } from "./rows";

// The seller's pack that the successful adjustment row writes to. Its id is fixed so the row can
// name the redirect exactly (cells are not filled from FIXTURES); each matrix run has a fresh database.
const STOCK_PACK = "7e57c0de-57c0-4000-8000-00000000c0de";

const SEEN_BY_SELLER = (seller: 200 | 400 | 403 | 404 | `→ /${string}`) => [SIGN_IN, 403, seller, 403, 403, 403] as const;

// prettier-ignore
export const stockMatrix: MatrixFeature = {
  rows: [
    //  file                                   method  path                                   anonymous buyer seller operator driver admin
    row("routes/seller._index.tsx",             "GET",  "/seller?page=2",                      [...SEEN_BY_SELLER(200)]),
    row("routes/seller._index.tsx",             "GET",  "/seller?page=not-a-number",           [...SEEN_BY_SELLER(200)]),
    row("routes/seller.orders.tsx",             "GET",  "/seller/orders",                      [...SEEN_BY_SELLER(200)]),
    row("routes/seller.orders.tsx",             "POST", "/seller/orders",                      NO_ACTION),
    row("routes/seller.stock.tsx",              "GET",  "/seller/stock",                       [...SEEN_BY_SELLER(200)]),
    row("routes/seller.stock.tsx",              "GET",  "/seller/stock?saved={stockPack}&page=3", [...SEEN_BY_SELLER(200)]),
    // Only the seller records stock, and only on its own packs: received 5 → back to the page.
    row("routes/seller.stock.tsx",              "POST", "/seller/stock",                       [...SEEN_BY_SELLER(`→ /seller/stock?saved=${STOCK_PACK}`)], { variantId: "{stockPack}", reason: "received", quantity: "5", note: "matrix" }),
    // Refused by the stock rules (more spoiled than on hand): a field error, nothing written.
    row("routes/seller.stock.tsx",              "POST", "/seller/stock",                       [...SEEN_BY_SELLER(400)], { variantId: "{emptyPack}", reason: "spoiled", quantity: "5" }),
    row("routes/seller.stock.tsx",              "POST", "/seller/stock",                       [...SEEN_BY_SELLER(403)], { variantId: "{otherPack}", reason: "received", quantity: "5" }),
    row("routes/seller.stock.tsx",              "POST", "/seller/stock",                       [...SEEN_BY_SELLER(404)], { variantId: "{missingPack}", reason: "received", quantity: "5" }),
    row("routes/seller.stock.tsx",              "POST", "/seller/stock",                       [...SEEN_BY_SELLER(400)], { variantId: "not-a-uuid", reason: "received", quantity: "5" }),
    row("routes/seller.stock.tsx",              "POST", "/seller/stock",                       [...SEEN_BY_SELLER(400)], { variantId: "{stockPack}", reason: "shipment", quantity: "-3" }),
    row("routes/seller.stock.tsx",              "POST", "/seller/stock",                       [...SEEN_BY_SELLER(400)]),
    row("routes/seller.stock_.$variantId.tsx",  "GET",  "/seller/stock/{stockPack}",           [...SEEN_BY_SELLER(200)]),
    row("routes/seller.stock_.$variantId.tsx",  "GET",  "/seller/stock/{stockPack}?page=9",    [...SEEN_BY_SELLER(200)]),
    // Another organization's pack exists but is not the seller's: 403, not 404.
    row("routes/seller.stock_.$variantId.tsx",  "GET",  "/seller/stock/{otherPack}",           [...SEEN_BY_SELLER(403)]),
    row("routes/seller.stock_.$variantId.tsx",  "GET",  "/seller/stock/{missingPack}",         [...SEEN_BY_SELLER(404)]),
    row("routes/seller.stock_.$variantId.tsx",  "GET",  "/seller/stock/not-a-uuid",            [...SEEN_BY_SELLER(404)]),
    row("routes/seller.stock_.$variantId.tsx",  "POST", "/seller/stock/{stockPack}",           NO_ACTION),
  ],
  async seed({ db, orgs, fixtures }) {
    const own = await createProduct(db, { sellerId: orgs.sellerA, nameZh: "沙县拌面酱（矩阵）", variants: [{ id: STOCK_PACK }, {}] });
    const other = await createProduct(db, { sellerId: orgs.sellerB, nameZh: "建宁白莲（矩阵）" });
    fixtures.stockPack = STOCK_PACK;
    fixtures.emptyPack = own.variants[1].id;
    fixtures.otherPack = other.variants[0].id;
    fixtures.missingPack = randomUUID();
    await createStockEntries(db, [
      { variantId: STOCK_PACK, onHandDelta: 40, note: "matrix" },
      { variantId: other.variants[0].id, onHandDelta: 10 },
    ]);
  },
};
