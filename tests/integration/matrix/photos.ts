// Authorization matrix rows for the photos feature (see tests/integration/authorization-matrix.test.ts):
// the seller's photos page of a product (upload without JavaScript, move, make cover, delete), the
// upload route its script sends files to, and the public media route serving the variants.
import { addPhotos } from "../../../app/modules/images/photos.server";
import { plainImage } from "../../../app/modules/images/test-images";
import { getStorage } from "../../../app/modules/storage/index.server";
import { all, NO_ACTION, row, SIGN_IN, type Cells, type MatrixFeature } from "./rows";

const SEEN_BY_SELLER = (seller: 200 | 400 | 403 | 404): Cells => [SIGN_IN, 403, seller, 403, 403, 403];
const PAGE = "routes/seller.products.$productId_.photos.tsx";
const UPLOAD = "routes/seller.products.$productId_.photos.upload.ts";
const MEDIA = "routes/media.$.tsx";

// prettier-ignore
export const photosMatrix: MatrixFeature = {
  rows: [
    //  file     method  path                                                    anonymous buyer seller operator driver admin
    row(PAGE,   "GET",  "/seller/products/{ownProduct}/photos",                 SEEN_BY_SELLER(200)),
    row(PAGE,   "GET",  "/seller/products/{ownDraft}/photos?notice=moved",      SEEN_BY_SELLER(200)),
    // Another organization's product exists but is not the seller's: 403, not 404.
    row(PAGE,   "GET",  "/seller/products/{otherProduct}/photos",               SEEN_BY_SELLER(403)),
    row(PAGE,   "GET",  "/seller/products/{missingProduct}/photos",             SEEN_BY_SELLER(404)),
    row(PAGE,   "GET",  "/seller/products/not-a-uuid/photos",                   SEEN_BY_SELLER(404)),
    // An empty form, an unknown intent, a malformed photo id: 400, nothing changed.
    row(PAGE,   "POST", "/seller/products/{ownProduct}/photos",                 SEEN_BY_SELLER(400)),
    row(PAGE,   "POST", "/seller/products/{ownProduct}/photos",                 SEEN_BY_SELLER(400), { intent: "sideways", photoId: "{ownPhoto}" }),
    row(PAGE,   "POST", "/seller/products/{ownProduct}/photos",                 SEEN_BY_SELLER(400), { intent: "delete", photoId: "not-a-uuid" }),
    // Another product's photo through one's own product: not found, nothing deleted.
    row(PAGE,   "POST", "/seller/products/{ownProduct}/photos",                 SEEN_BY_SELLER(404), { intent: "delete", photoId: "{otherPhoto}" }),
    row(PAGE,   "POST", "/seller/products/{otherProduct}/photos",               SEEN_BY_SELLER(403), { intent: "delete", photoId: "{otherPhoto}" }),
    row(PAGE,   "POST", "/seller/products/{otherProduct}/photos",               SEEN_BY_SELLER(403), { intent: "cover", photoId: "{otherPhoto}" }),
    row(PAGE,   "POST", "/seller/products/{missingProduct}/photos",             SEEN_BY_SELLER(404), { intent: "cover", photoId: "{otherPhoto}" }),
    // The upload route takes POSTs only (GET is 405 for everyone, before any sign-in check).
    row(UPLOAD, "GET",  "/seller/products/{ownProduct}/photos/upload",          all(405)),
    // A urlencoded body is not an upload: 400 with a message.
    row(UPLOAD, "POST", "/seller/products/{ownProduct}/photos/upload",          SEEN_BY_SELLER(400), { photo: "not a file" }),
    row(UPLOAD, "POST", "/seller/products/{otherProduct}/photos/upload",        SEEN_BY_SELLER(403), { photo: "not a file" }),
    row(UPLOAD, "POST", "/seller/products/{missingProduct}/photos/upload",      SEEN_BY_SELLER(404), { photo: "not a file" }),
    // Media: public (random ids), only keys a photo row refers to.
    row(MEDIA,  "GET",  "/media/{ownPhotoKey}",                                 all(200)),
    row(MEDIA,  "GET",  "/media/{otherPhotoKey}",                               all(200)),
    row(MEDIA,  "GET",  "/media/products/{ownProduct}/{missingProduct}/320.webp", all(404)),
    row(MEDIA,  "GET",  "/media/licences/{ownProduct}/{ownPhoto}/320.webp",     all(404)),
    row(MEDIA,  "GET",  "/media/products/..%2F..%2Fetc/passwd",                 all(404)),
    row(MEDIA,  "POST", "/media/{ownPhotoKey}",                                 NO_ACTION),
  ],
  async seed({ db, orgs, fixtures }) {
    const storage = getStorage();
    const tiny = await plainImage("png", 120, 90);
    for (const [side, productKey, orgId] of [
      ["own", "ownProduct", orgs.sellerA],
      ["other", "otherProduct", orgs.sellerB],
    ] as const) {
      const result = await addPhotos(db, storage, { productId: fixtures[productKey], orgIds: [orgId], files: [{ name: `${side}.png`, body: tiny }], maxBytes: 1024 * 1024 });
      const added = result.kind === "done" ? result.files[0] : undefined;
      if (!added?.ok) throw new Error(`photos matrix seed: could not add the ${side} photo`);
      fixtures[`${side}Photo`] = added.photo.id;
      fixtures[`${side}PhotoKey`] = added.photo.variants[0].key;
    }
  },
};
