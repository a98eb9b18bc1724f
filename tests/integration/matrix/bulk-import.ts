// Authorization matrix rows for the bulk-import feature (see tests/integration/authorization-matrix.test.ts).
import { getStorage } from "../../../app/modules/storage/index.server";
import { storeUpload } from "../../../app/modules/catalog/import/upload.server";
import { csvFile, productRows } from "../../fixtures/import/sheets";
import { all, NO_ACTION, row, SIGN_IN, type MatrixFeature } from "./rows";

/** Only sellers import, each into its own organizations. */
const SELLER_ONLY = (seller: 200 | 400 | 404) => [SIGN_IN, 403, seller, 403, 403, 403] as const;

// prettier-ignore
export const bulkImportMatrix: MatrixFeature = {
  rows: [
    //  file                                          method  path                                              anonymous buyer seller operator driver admin
    row("routes/seller.import.tsx",                  "GET",  "/seller/import",                                 [...SELLER_ONLY(200)]),
    // A kept upload is previewed only by its own organization: another seller's upload id is not found.
    row("routes/seller.import.tsx",                  "GET",  "/seller/import?upload={ownImportUpload}",        [...SELLER_ONLY(200)]),
    row("routes/seller.import.tsx",                  "GET",  "/seller/import?upload={otherImportUpload}",      [...SELLER_ONLY(404)]),
    row("routes/seller.import.tsx",                  "GET",  "/seller/import?upload=not-an-upload-id",         [...SELLER_ONLY(404)]),
    // Uploading without a file is a 400; applying another organization's upload, or none, is a 404 (nothing written).
    row("routes/seller.import.tsx",                  "POST", "/seller/import",                                 [...SELLER_ONLY(400)]),
    row("routes/seller.import.tsx",                  "POST", "/seller/import",                                 [...SELLER_ONLY(404)], { intent: "apply", uploadId: "{otherImportUpload}" }),
    row("routes/seller.import.tsx",                  "POST", "/seller/import",                                 [...SELLER_ONLY(404)], { intent: "apply", uploadId: "{missingImportUpload}" }),
    row("routes/seller.import.template[.]xlsx.tsx",  "GET",  "/seller/import/template.xlsx",                   [...SELLER_ONLY(200)]),
    row("routes/seller.import.template[.]xlsx.tsx",  "POST", "/seller/import/template.xlsx",                   NO_ACTION),
    row("routes/seller.import.template[.]csv.tsx",   "GET",  "/seller/import/template.csv",                    [...SELLER_ONLY(200)]),
    row("routes/seller.import.template[.]csv.tsx",   "POST", "/seller/import/template.csv",                    all(405)),
  ],
  // One kept upload of each seller organization (a small valid CSV), and an id of none.
  async seed({ orgs, users, fixtures }) {
    const storage = getStorage();
    const file = { bytes: csvFile(productRows(2, 2, "矩阵导入")), fileName: "matrix.csv", format: "csv" as const };
    fixtures.ownImportUpload = await storeUpload(storage, orgs.sellerA, { ...file, userId: users.seller });
    fixtures.otherImportUpload = await storeUpload(storage, orgs.sellerB, { ...file, userId: users.seller });
    fixtures.missingImportUpload = "AAAAAAAAAAAAAAAA";
  },
};
