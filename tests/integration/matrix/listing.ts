// Authorization matrix rows for the listing feature (see tests/integration/authorization-matrix.test.ts):
// the first step of a new listing, the editor and its autosave, and the status actions on the seller's
// product page. POSTs that would change something use records seeded for them, or are refused (400).
import { createProduct } from "../../factories";
import { row, SIGN_IN, type Cells, type MatrixFeature } from "./rows";

const SEEN_BY_SELLER = (seller: 200 | 400 | 403 | 404 | 405): Cells => [SIGN_IN, 403, seller, 403, 403, 403];
const MISSING: Cells = [SIGN_IN, 403, 404, 403, 403, 403];

// prettier-ignore
export const listingMatrix: MatrixFeature = {
  rows: [
    //  file                                                 method  path                                                anonymous buyer seller operator driver admin
    row("routes/seller.products.new.tsx",                     "GET",  "/seller/products/new",                             SEEN_BY_SELLER(200)),
    // An empty first step: field errors, nothing created.
    row("routes/seller.products.new.tsx",                     "POST", "/seller/products/new",                             SEEN_BY_SELLER(400)),
    // A valid first step for another seller's organization.
    row("routes/seller.products.new.tsx",                     "POST", "/seller/products/new",                             SEEN_BY_SELLER(403), { organizationId: "{otherSellerOrg}", nameZh: "别人的", category: "tea", originCounty: "大田县", tempClass: "ambient", shelfLifeDays: "365" }),
    row("routes/seller.products.$productId_.edit.tsx",         "GET",  "/seller/products/{ownDraft}/edit",                 SEEN_BY_SELLER(200)),
    row("routes/seller.products.$productId_.edit.tsx",         "GET",  "/seller/products/{ownProduct}/edit",               SEEN_BY_SELLER(200)),
    // Another organization's listing exists but is not the seller's: 403, not 404.
    row("routes/seller.products.$productId_.edit.tsx",         "GET",  "/seller/products/{otherProduct}/edit",             SEEN_BY_SELLER(403)),
    row("routes/seller.products.$productId_.edit.tsx",         "GET",  "/seller/products/{missingProduct}/edit",           MISSING),
    row("routes/seller.products.$productId_.edit.tsx",         "GET",  "/seller/products/not-a-uuid/edit",                 MISSING),
    // An empty form: field errors, nothing saved.
    row("routes/seller.products.$productId_.edit.tsx",         "POST", "/seller/products/{ownDraft}/edit",                 SEEN_BY_SELLER(400)),
    // Out-of-order tiers: field errors, nothing saved.
    row("routes/seller.products.$productId_.edit.tsx",         "POST", "/seller/products/{listingDraft}/edit",             SEEN_BY_SELLER(400), {
      nameZh: "矩阵草稿", category: "tea", originCounty: "大田县", tempClass: "ambient", shelfLifeDays: "365",
      "packs.0.id": "{listingDraftPack}", "packs.0.existing": "1", "packs.0.unit": "bag", "packs.0.itemWeight": "500 g", "packs.0.volume": "3 L",
      "packs.0.tiers.0.quantity": "1", "packs.0.tiers.0.price": "50", "packs.0.tiers.1.quantity": "10", "packs.0.tiers.1.price": "60",
    }),
    // A valid form, but another seller's product.
    row("routes/seller.products.$productId_.edit.tsx",         "POST", "/seller/products/{otherProduct}/edit",             SEEN_BY_SELLER(403), { nameZh: "改名", category: "tea", originCounty: "大田县", tempClass: "ambient", shelfLifeDays: "30" }),
    row("routes/seller.products.$productId_.edit.tsx",         "POST", "/seller/products/{missingProduct}/edit",           MISSING, { nameZh: "改名", category: "tea", originCounty: "大田县", tempClass: "ambient", shelfLifeDays: "30" }),
    // Autosave only takes POSTs (JSON answers); a draft seeded for it.
    row("routes/seller.products.$productId_.autosave.ts",      "GET",  "/seller/products/{listingDraft}/autosave",         [405, 405, 405, 405, 405, 405]),
    row("routes/seller.products.$productId_.autosave.ts",      "POST", "/seller/products/{listingDraft}/autosave",         SEEN_BY_SELLER(200), { descriptionZh: "自动保存的介绍" }),
    row("routes/seller.products.$productId_.autosave.ts",      "POST", "/seller/products/{otherProduct}/autosave",         SEEN_BY_SELLER(403), { descriptionZh: "别人的" }),
    row("routes/seller.products.$productId_.autosave.ts",      "POST", "/seller/products/{missingProduct}/autosave",       MISSING, { descriptionZh: "x" }),
    // Status actions: publishing a draft without packs is refused (400) and changes nothing.
    row("routes/seller.products.$productId.tsx",              "POST", "/seller/products/{listingEmptyDraft}",             SEEN_BY_SELLER(400), { intent: "publish" }),
    row("routes/seller.products.$productId.tsx",              "POST", "/seller/products/{ownProduct}",                    SEEN_BY_SELLER(400), { intent: "nonsense" }),
    row("routes/seller.products.$productId.tsx",              "POST", "/seller/products/{otherProduct}",                  SEEN_BY_SELLER(403), { intent: "archive" }),
    row("routes/seller.products.$productId.tsx",              "POST", "/seller/products/{missingProduct}",                MISSING, { intent: "archive" }),
    row("routes/seller.products.$productId.tsx",              "GET",  "/seller/products/{ownProduct}?status=active",      SEEN_BY_SELLER(200)),
  ],
  async seed({ db, orgs, fixtures }) {
    fixtures.otherSellerOrg = orgs.sellerB;
    const draft = await createProduct(db, {
      sellerId: orgs.sellerA,
      status: "draft",
      nameZh: "矩阵草稿",
      originCounty: "大田县",
      variants: [{ unit: "bag", netWeightGrams: 500, volumeCm3: 3000, tiers: [{ minQuantity: 1, unitPriceFen: 5000 }] }],
    });
    fixtures.listingDraft = draft.id;
    fixtures.listingDraftPack = draft.variants[0]!.id;
    fixtures.listingEmptyDraft = (await createProduct(db, { sellerId: orgs.sellerA, status: "draft", nameZh: "空草稿", variants: [] })).id;
  },
};
