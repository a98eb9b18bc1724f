// Authorization matrix rows for the public product page and seller storefront (see
// tests/integration/authorization-matrix.test.ts): both are public, a signed-in user needs read:catalog (the
// driver gets 403); products not on sale and sellers without a storefront are 404. The seller's public
// profile photo is an image for everyone; licences never are.
import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { createOrganization, createProduct } from "../../factories";
import { getStorage } from "../../../app/modules/storage/index.server";
import { all, NO_ACTION, row, type Cells, type MatrixFeature } from "./rows";

/** A public page: everyone but the driver (no read:catalog) gets `answer`. */
const PUBLIC = (answer: 200 | 404): Cells => [answer, answer, answer, answer, 403, answer];

// prettier-ignore
export const storefrontProductMatrix: MatrixFeature = {
  rows: [
    //  file                                          method  path                                                   anonymous buyer seller operator driver admin
    row("routes/catalog.$productId.tsx",               "GET",  "/catalog/{otherProduct}",                             PUBLIC(200)),
    row("routes/catalog.$productId.tsx",               "GET",  "/catalog/{sfPaused}",                                 PUBLIC(404)),
    row("routes/catalog.$productId.tsx",               "GET",  "/catalog/{sfArchived}",                               PUBLIC(404)),
    row("routes/catalog.$productId.tsx",               "GET",  "/catalog/{sfSuspendedProduct}",                       PUBLIC(404)),
    row("routes/catalog.$productId.tsx",               "GET",  "/catalog/{sfPendingProduct}",                         PUBLIC(404)),
    row("routes/catalog.$productId.tsx",               "GET",  "/catalog/%27%20OR%201%3D1--",                         PUBLIC(404)),
    row("routes/catalog.$productId.tsx",               "POST", "/catalog/{otherProduct}",                             NO_ACTION),
    row("routes/sellers.$sellerId.tsx",                "GET",  "/sellers/{sfSeller}",                                 PUBLIC(200)),
    row("routes/sellers.$sellerId.tsx",                "GET",  "/sellers/{sfSeller}?page=2",                          PUBLIC(200)),
    // Absurd page numbers show a page (the first or the last), never an error.
    row("routes/sellers.$sellerId.tsx",                "GET",  "/sellers/{sfSeller}?page=99999999999999999999",       PUBLIC(200)),
    row("routes/sellers.$sellerId.tsx",                "GET",  "/sellers/{sfSeller}?page=-3",                         PUBLIC(200)),
    row("routes/sellers.$sellerId.tsx",                "GET",  "/sellers/{sfSeller}?page=%00%F0%9F%8D%84",            PUBLIC(200)),
    row("routes/sellers.$sellerId.tsx",                "GET",  "/sellers/{sfOtherSeller}",                            PUBLIC(200)),
    // Sellers the platform has not verified, suspended sellers and organizations that do not sell have no storefront.
    row("routes/sellers.$sellerId.tsx",                "GET",  "/sellers/{sfPendingSeller}",                          PUBLIC(404)),
    row("routes/sellers.$sellerId.tsx",                "GET",  "/sellers/{sfSuspendedSeller}",                        PUBLIC(404)),
    row("routes/sellers.$sellerId.tsx",                "GET",  "/sellers/{sfBuyer}",                                  PUBLIC(404)),
    row("routes/sellers.$sellerId.tsx",                "GET",  "/sellers/{sfMissing}",                                PUBLIC(404)),
    row("routes/sellers.$sellerId.tsx",                "GET",  "/sellers/not-a-uuid",                                 PUBLIC(404)),
    row("routes/sellers.$sellerId.tsx",                "POST", "/sellers/{sfSeller}",                                 NO_ACTION),
    // The profile photo is an image on public pages: everyone, signed in or not, driver too.
    row("routes/sellers.$sellerId_.photos.$fileId.tsx", "GET", "/sellers/{sfSeller}/photos/{sfPhoto}",                all(200)),
    // A licence of the same seller is never public, nor is a photo under another seller's address.
    row("routes/sellers.$sellerId_.photos.$fileId.tsx", "GET", "/sellers/{sfSeller}/photos/{sfLicence}",              all(404)),
    row("routes/sellers.$sellerId_.photos.$fileId.tsx", "GET", "/sellers/{sfOtherSeller}/photos/{sfPhoto}",           all(404)),
    row("routes/sellers.$sellerId_.photos.$fileId.tsx", "GET", "/sellers/{sfPendingSeller}/photos/{sfPendingPhoto}",  all(404)),
    row("routes/sellers.$sellerId_.photos.$fileId.tsx", "GET", "/sellers/{sfSeller}/photos/{sfMissing}",              all(404)),
    row("routes/sellers.$sellerId_.photos.$fileId.tsx", "GET", "/sellers/{sfSeller}/photos/not-a-uuid",               all(404)),
    row("routes/sellers.$sellerId_.photos.$fileId.tsx", "POST", "/sellers/{sfSeller}/photos/{sfPhoto}",               NO_ACTION),
  ],
  async seed({ db, orgs, fixtures }) {
    fixtures.sfSeller = orgs.sellerA;
    fixtures.sfOtherSeller = orgs.sellerB;
    fixtures.sfBuyer = orgs.buyer;
    fixtures.sfMissing = randomUUID();
    const pending = await createOrganization(db, { kind: "cooperative", name: "明溪县待审核合作社（店铺矩阵）", county: "明溪县", verificationStatus: "pending" });
    const suspended = await createOrganization(db, { kind: "cooperative", name: "泰宁县已暂停合作社（店铺矩阵）", county: "泰宁县", suspendedAt: new Date() });
    fixtures.sfPendingSeller = pending.id;
    fixtures.sfSuspendedSeller = suspended.id;
    fixtures.sfPaused = (await createProduct(db, { sellerId: orgs.sellerA, status: "paused", nameZh: "沙县拌面（暂停）" })).id;
    fixtures.sfArchived = (await createProduct(db, { sellerId: orgs.sellerA, status: "archived", nameZh: "沙县蒸饺（下架）" })).id;
    fixtures.sfSuspendedProduct = (await createProduct(db, { sellerId: suspended.id })).id;
    fixtures.sfPendingProduct = (await createProduct(db, { sellerId: pending.id })).id;
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 40, g: 120, b: 60 } } }).jpeg().toBuffer();
    const file = async (organizationId: string, kind: "profile_photo" | "business_licence") => {
      const id = randomUUID();
      const storageKey = `orgs/${organizationId}/${id}.jpg`;
      await getStorage().put(storageKey, jpeg, "image/jpeg");
      await db.organizationFile.create({ data: { id, organizationId, kind, storageKey, contentType: "image/jpeg", byteSize: jpeg.length, width: 64, height: 48 }, select: { id: true } });
      return id;
    };
    fixtures.sfPhoto = await file(orgs.sellerA, "profile_photo");
    fixtures.sfLicence = await file(orgs.sellerA, "business_licence");
    fixtures.sfPendingPhoto = await file(pending.id, "profile_photo");
  },
};
