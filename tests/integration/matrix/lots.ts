// Authorization matrix rows for the lots feature (see tests/integration/authorization-matrix.test.ts):
// the seller's lot list, new-lot form, lot page (save, upload, delete a document) and PDF label, and
// the public traceability page, its documents and its QR code (200 for everyone, no sign-in).
import { randomUUID } from "node:crypto";
import { createLot, createOrganization, createProduct } from "../../factories";
import { newObjectId, getStorage } from "../../../app/modules/storage/index.server";
import { row, all, NO_ACTION, SIGN_IN, type Cells, type MatrixFeature } from "./rows";

const SEEN_BY_SELLER = (seller: 200 | 400 | 403 | 404): Cells => [SIGN_IN, 403, seller, 403, 403, 403];

/** A tiny PDF for the seeded documents (the public file route serves what storage holds). */
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n");

// prettier-ignore
export const lotsMatrix: MatrixFeature = {
  rows: [
    //  file                                          method  path                                                   anonymous buyer seller operator driver admin
    row("routes/seller.lots._index.tsx",               "GET",  "/seller/lots",                                        SEEN_BY_SELLER(200)),
    row("routes/seller.lots._index.tsx",               "GET",  "/seller/lots?expired=1&product={ownProduct}&page=3",  SEEN_BY_SELLER(200)),
    // Another seller's product in the filter shows nothing of theirs (the list is the seller's own lots only).
    row("routes/seller.lots._index.tsx",               "GET",  "/seller/lots?product={otherProduct}",                 SEEN_BY_SELLER(200)),
    row("routes/seller.lots._index.tsx",               "POST", "/seller/lots?index",                                  NO_ACTION),
    row("routes/seller.lots.new.tsx",                  "GET",  "/seller/lots/new",                                    SEEN_BY_SELLER(200)),
    row("routes/seller.lots.new.tsx",                  "GET",  "/seller/lots/new?variant={otherLotPack}",             SEEN_BY_SELLER(200)),
    // An empty form: field errors, nothing written.
    row("routes/seller.lots.new.tsx",                  "POST", "/seller/lots/new",                                    SEEN_BY_SELLER(400)),
    // Expiry before production: a field error, nothing written.
    row("routes/seller.lots.new.tsx",                  "POST", "/seller/lots/new",                                    SEEN_BY_SELLER(400), { variantId: "{ownLotPack}", producedOn: "2026-01-10", expiresOn: "2026-01-01" }),
    // A valid lot, but of another seller's pack.
    row("routes/seller.lots.new.tsx",                  "POST", "/seller/lots/new",                                    SEEN_BY_SELLER(403), { variantId: "{otherLotPack}", producedOn: "2026-01-10" }),
    row("routes/seller.lots.$lotId.tsx",               "GET",  "/seller/lots/{ownLot}",                               SEEN_BY_SELLER(200)),
    row("routes/seller.lots.$lotId.tsx",               "GET",  "/seller/lots/{ownLot}?saved=1",                       SEEN_BY_SELLER(200)),
    // Another organization's lot exists (its id is in every QR code) but is not the seller's: 403.
    row("routes/seller.lots.$lotId.tsx",               "GET",  "/seller/lots/{otherLot}",                             SEEN_BY_SELLER(403)),
    row("routes/seller.lots.$lotId.tsx",               "GET",  "/seller/lots/{missingLot}",                           [SIGN_IN, 403, 404, 403, 403, 403]),
    row("routes/seller.lots.$lotId.tsx",               "GET",  "/seller/lots/not-a-uuid",                             [SIGN_IN, 403, 404, 403, 403, 403]),
    row("routes/seller.lots.$lotId.tsx",               "POST", "/seller/lots/{ownLot}",                               SEEN_BY_SELLER(400), { intent: "save", producedOn: "2026-01-10", expiresOn: "2026-01-01" }),
    row("routes/seller.lots.$lotId.tsx",               "POST", "/seller/lots/{otherLot}",                             SEEN_BY_SELLER(403), { intent: "save", producedOn: "2026-01-10", code: "MATRIX-1" }),
    row("routes/seller.lots.$lotId.tsx",               "POST", "/seller/lots/{missingLot}",                           [SIGN_IN, 403, 404, 403, 403, 403], { intent: "save", producedOn: "2026-01-10" }),
    // Deleting a document of another lot through one's own lot: not found, nothing deleted.
    row("routes/seller.lots.$lotId.tsx",               "POST", "/seller/lots/{ownLot}",                               SEEN_BY_SELLER(404), { intent: "delete-attachment", attachmentId: "{otherLotAttachment}" }),
    row("routes/seller.lots.$lotId.tsx",               "POST", "/seller/lots/{otherLot}",                             SEEN_BY_SELLER(403), { intent: "delete-attachment", attachmentId: "{otherLotAttachment}" }),
    // An upload form without a file (urlencoded): refused with a message.
    row("routes/seller.lots.$lotId.tsx",               "POST", "/seller/lots/{ownLot}",                               SEEN_BY_SELLER(400), { intent: "upload", kind: "test_report" }),
    row("routes/seller.lots.$lotId.label.tsx",         "GET",  "/seller/lots/{ownLot}/label",                         SEEN_BY_SELLER(200)),
    row("routes/seller.lots.$lotId.label.tsx",         "GET",  "/seller/lots/{ownLot}/label?copies=9&lang=en",        SEEN_BY_SELLER(200)),
    row("routes/seller.lots.$lotId.label.tsx",         "GET",  "/seller/lots/{otherLot}/label",                       SEEN_BY_SELLER(403)),
    row("routes/seller.lots.$lotId.label.tsx",         "GET",  "/seller/lots/{missingLot}/label",                     [SIGN_IN, 403, 404, 403, 403, 403]),
    row("routes/seller.lots.$lotId.label.tsx",         "POST", "/seller/lots/{ownLot}/label",                         NO_ACTION),
    // The public traceability page: no sign-in, the same for everyone, whichever seller's lot it is.
    row("routes/t.$lotId.tsx",                         "GET",  "/t/{ownLot}",                                         all(200)),
    row("routes/t.$lotId.tsx",                         "GET",  "/t/{otherLot}",                                       all(200)),
    // A seller the platform has not verified gets no public page.
    row("routes/t.$lotId.tsx",                         "GET",  "/t/{unverifiedLot}",                                  all(404)),
    row("routes/t.$lotId.tsx",                         "GET",  "/t/{missingLot}",                                     all(404)),
    row("routes/t.$lotId.tsx",                         "GET",  "/t/not-a-uuid",                                       all(404)),
    row("routes/t.$lotId.tsx",                         "POST", "/t/{ownLot}",                                         NO_ACTION),
    row("routes/t.$lotId.files.$attachmentId.tsx",     "GET",  "/t/{ownLot}/files/{ownLotAttachment}",                all(200)),
    row("routes/t.$lotId.files.$attachmentId.tsx",     "GET",  "/t/{ownLot}/files/{ownLotAttachment}?download=1",     all(200)),
    // A document is served only under its own lot.
    row("routes/t.$lotId.files.$attachmentId.tsx",     "GET",  "/t/{ownLot}/files/{otherLotAttachment}",              all(404)),
    row("routes/t.$lotId.files.$attachmentId.tsx",     "GET",  "/t/{unverifiedLot}/files/{unverifiedLotAttachment}",  all(404)),
    row("routes/t.$lotId.files.$attachmentId.tsx",     "GET",  "/t/{ownLot}/files/not-a-uuid",                        all(404)),
    row("routes/t.$lotId.files.$attachmentId.tsx",     "POST", "/t/{ownLot}/files/{ownLotAttachment}",                NO_ACTION),
    row("routes/t.$lotId.qr.tsx",                      "GET",  "/t/{ownLot}/qr",                                      all(200)),
    row("routes/t.$lotId.qr.tsx",                      "GET",  "/t/{unverifiedLot}/qr",                               all(404)),
    row("routes/t.$lotId.qr.tsx",                      "GET",  "/t/{missingLot}/qr",                                  all(404)),
    row("routes/t.$lotId.qr.tsx",                      "POST", "/t/{ownLot}/qr",                                      NO_ACTION),
  ],
  async seed({ db, orgs, fixtures }) {
    const own = await createProduct(db, { sellerId: orgs.sellerA, nameZh: "沙县扁肉（矩阵批次）", shelfLifeDays: 180 });
    const other = await createProduct(db, { sellerId: orgs.sellerB, nameZh: "建宁通心白莲（矩阵批次）" });
    const pendingOrg = await createOrganization(db, { kind: "cooperative", name: "明溪县待审核合作社（矩阵）", county: "明溪县", verificationStatus: "pending" });
    const pending = await createProduct(db, { sellerId: pendingOrg.id });
    fixtures.ownLotPack = own.variants[0].id;
    fixtures.otherLotPack = other.variants[0].id;
    fixtures.ownLot = (await createLot(db, { variantId: own.variants[0].id, code: "MATRIX-OWN" })).id;
    fixtures.otherLot = (await createLot(db, { variantId: other.variants[0].id, code: "MATRIX-OTHER" })).id;
    fixtures.unverifiedLot = (await createLot(db, { variantId: pending.variants[0].id, code: "MATRIX-PENDING" })).id;
    fixtures.missingLot = randomUUID();
    // One stored document per lot, through the same storage the file route reads.
    for (const [lotKey, fileKey] of [["ownLot", "ownLotAttachment"], ["otherLot", "otherLotAttachment"], ["unverifiedLot", "unverifiedLotAttachment"]] as const) {
      const storageKey = `lots/${fixtures[lotKey]}/${newObjectId()}.pdf`;
      await getStorage().put(storageKey, PDF, "application/pdf");
      const attachment = await db.lotAttachment.create({
        data: { lotId: fixtures[lotKey], kind: "test_report", storageKey, contentType: "application/pdf", byteSize: PDF.length, originalName: "检测报告.pdf" },
        select: { id: true },
      });
      fixtures[fileKey] = attachment.id;
    }
  },
};
