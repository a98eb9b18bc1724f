// Authorization matrix rows for the onboarding feature (see tests/integration/authorization-matrix.test.ts):
// the seller's profile and verification page, the organizations' private files, the admin's review page and
// the searchable admin lists.
import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { createOrganization } from "../../factories";
import { getStorage } from "../../../app/modules/storage/index.server";
import { row, NO_ACTION, SIGN_IN, type Cells, type MatrixFeature } from "./rows";

/** Only the seller (its own organization) gets an answer; everyone else signed in is refused. */
const SELLER_ONLY = (seller: 200 | 400 | 403 | 404): Cells => [SIGN_IN, 403, seller, 403, 403, 403];
/** Only administrators (manage:organizations). */
const ADMIN_ONLY = (admin: 200 | 400 | 403 | 404 | `→ /${string}`): Cells => [SIGN_IN, 403, 403, 403, 403, admin];

/** A pending seller the admin approves in a POST row: a fixed id, so the redirect's location can be written down. */
const REVIEW_ORG = "0b0a0000-0000-4000-8000-00000000a001";

// prettier-ignore
export const onboardingMatrix: MatrixFeature = {
  rows: [
    //  file                                         method  path                                                   anonymous buyer seller operator driver admin
    row("routes/seller.profile.tsx",                  "GET",  "/seller/profile",                                     SELLER_ONLY(200)),
    row("routes/seller.profile.tsx",                  "GET",  "/seller/profile?org={onbOwnOrg}&done=saved",          SELLER_ONLY(200)),
    // Another organization's profile is not the seller's to see or edit.
    row("routes/seller.profile.tsx",                  "GET",  "/seller/profile?org={onbOtherOrg}",                   SELLER_ONLY(403)),
    // An empty name: field errors, nothing written.
    row("routes/seller.profile.tsx",                  "POST", "/seller/profile",                                     SELLER_ONLY(400), { intent: "save", orgId: "{onbOwnOrg}", name: "", county: "沙县区", address: "x" }),
    row("routes/seller.profile.tsx",                  "POST", "/seller/profile",                                     SELLER_ONLY(403), { intent: "save", orgId: "{onbOtherOrg}", name: "改名", county: "建宁县", address: "x" }),
    // The matrix's seller is verified already: nothing to submit.
    row("routes/seller.profile.tsx",                  "POST", "/seller/profile",                                     SELLER_ONLY(400), { intent: "submit", orgId: "{onbOwnOrg}" }),
    row("routes/seller.profile.tsx",                  "POST", "/seller/profile",                                     SELLER_ONLY(403), { intent: "submit", orgId: "{onbOtherOrg}" }),
    // An upload form without a file (urlencoded): refused with a message.
    row("routes/seller.profile.tsx",                  "POST", "/seller/profile",                                     SELLER_ONLY(400), { intent: "upload", orgId: "{onbOwnOrg}", kind: "business_licence" }),
    // Deleting another organization's file through one's own organization: 403, nothing deleted.
    row("routes/seller.profile.tsx",                  "POST", "/seller/profile",                                     SELLER_ONLY(403), { intent: "deleteFile", orgId: "{onbOwnOrg}", fileId: "{onbOtherFile}" }),
    row("routes/seller.profile.tsx",                  "POST", "/seller/profile",                                     SELLER_ONLY(404), { intent: "deleteFile", orgId: "{onbOwnOrg}", fileId: "{onbMissingFile}" }),
    row("routes/seller.profile.tsx",                  "POST", "/seller/profile",                                     SELLER_ONLY(400), { orgId: "{onbOwnOrg}" }),

    // Private files: the organization's members and administrators only.
    row("routes/seller.files.$fileId.tsx",            "GET",  "/seller/files/{onbOwnFile}",                          [SIGN_IN, 403, 200, 403, 403, 200]),
    row("routes/seller.files.$fileId.tsx",            "GET",  "/seller/files/{onbOtherFile}",                        [SIGN_IN, 403, 403, 403, 403, 200]),
    row("routes/seller.files.$fileId.tsx",            "GET",  "/seller/files/{onbMissingFile}",                      [SIGN_IN, 404, 404, 404, 404, 404]),
    row("routes/seller.files.$fileId.tsx",            "GET",  "/seller/files/not-a-uuid",                            [SIGN_IN, 404, 404, 404, 404, 404]),
    row("routes/seller.files.$fileId.tsx",            "POST", "/seller/files/{onbOwnFile}",                          NO_ACTION),

    // The review page (manage:organizations); a seller cannot open or act on its own review.
    row("routes/admin_.organizations.$orgId.tsx",     "GET",  "/admin/organizations/{onbOwnOrg}",                    ADMIN_ONLY(200)),
    row("routes/admin_.organizations.$orgId.tsx",     "GET",  "/admin/organizations/{onbReviewOrg}?done=approve",    ADMIN_ONLY(200)),
    row("routes/admin_.organizations.$orgId.tsx",     "GET",  "/admin/organizations/{onbMissingOrg}",                ADMIN_ONLY(404)),
    row("routes/admin_.organizations.$orgId.tsx",     "GET",  "/admin/organizations/not-a-uuid",                     ADMIN_ONLY(404)),
    // Rejecting needs a reason.
    row("routes/admin_.organizations.$orgId.tsx",     "POST", "/admin/organizations/{onbReviewOrg}",                 ADMIN_ONLY(400), { intent: "reject", reason: " " }),
    row("routes/admin_.organizations.$orgId.tsx",     "POST", "/admin/organizations/{onbReviewOrg}",                 ADMIN_ONLY(`→ /admin/organizations/${REVIEW_ORG}?done=approve`), { intent: "approve" }),
    // Approved just above: approving again is refused with a message.
    row("routes/admin_.organizations.$orgId.tsx",     "POST", "/admin/organizations/{onbReviewOrg}",                 ADMIN_ONLY(400), { intent: "approve" }),
    row("routes/admin_.organizations.$orgId.tsx",     "POST", "/admin/organizations/{onbMissingOrg}",                ADMIN_ONLY(404), { intent: "approve" }),
    // An administrator cannot suspend the organization it belongs to (the platform).
    row("routes/admin_.organizations.$orgId.tsx",     "POST", "/admin/organizations/{onbPlatformOrg}",               ADMIN_ONLY(403), { intent: "suspend", reason: "矩阵" }),
    // User actions need manage:users and a member of this organization; nor can an admin disable itself.
    row("routes/admin_.organizations.$orgId.tsx",     "POST", "/admin/organizations/{onbOwnOrg}",                    ADMIN_ONLY(404), { intent: "suspendUser", userId: "{onbBuyerUser}" }),
    row("routes/admin_.organizations.$orgId.tsx",     "POST", "/admin/organizations/{onbPlatformOrg}",               ADMIN_ONLY(400), { intent: "suspendUser", userId: "{onbAdminUser}" }),
    row("routes/admin_.organizations.$orgId.tsx",     "POST", "/admin/organizations/{onbOwnOrg}",                    ADMIN_ONLY(400), { intent: "erase" }),

    // The admin lists with search and filters (the unfiltered rows are the foundation's).
    row("routes/admin.tsx",                           "GET",  "/admin?q=%E5%90%88%E4%BD%9C%E7%A4%BE&kind=cooperative&state=submitted", ADMIN_ONLY(200)),
    row("routes/admin.tsx",                           "GET",  "/admin?state=suspended&kind=bogus&page=2",            ADMIN_ONLY(200)),
    row("routes/admin.tsx",                           "GET",  "/admin?view=users&q=1380000&status=disabled",        ADMIN_ONLY(200)),
  ],
  async seed({ db, orgs, users, fixtures }) {
    fixtures.onbOwnOrg = orgs.sellerA;
    fixtures.onbOtherOrg = orgs.sellerB;
    fixtures.onbPlatformOrg = orgs.platform;
    fixtures.onbBuyerUser = users.buyer;
    fixtures.onbAdminUser = users.admin;
    fixtures.onbMissingOrg = randomUUID();
    fixtures.onbMissingFile = randomUUID();
    const review = await createOrganization(db, { id: REVIEW_ORG, kind: "cooperative", name: "明溪县淮山专业合作社（矩阵审核）", county: "明溪县", verificationStatus: "pending", contactName: "罗海峰", contactPhone: "13900000901" });
    await db.organization.update({ where: { id: review.id }, data: { submittedAt: new Date() }, select: { id: true } });
    fixtures.onbReviewOrg = review.id;
    // One stored licence image per seller organization, through the storage the file route reads.
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#1d8266" } }).png().toBuffer();
    for (const [orgKey, fileKey] of [["onbOwnOrg", "onbOwnFile"], ["onbOtherOrg", "onbOtherFile"]] as const) {
      const id = randomUUID();
      const storageKey = `orgs/${fixtures[orgKey]}/${id}.png`;
      await getStorage().put(storageKey, png, "image/png");
      await db.organizationFile.create({
        data: { id, organizationId: fixtures[orgKey], kind: "business_licence", storageKey, contentType: "image/png", byteSize: png.byteLength, width: 8, height: 8 },
        select: { id: true },
      });
      fixtures[fileKey] = id;
    }
  },
};
