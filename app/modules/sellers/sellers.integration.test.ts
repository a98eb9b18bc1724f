/**
 * Seller onboarding and verification, end to end through the route modules (in-process) and the database:
 * profile edits, uploads, submitting for review, the admin's review, suspensions, search and private files.
 */
// The upload limit these tests exercise (read when the first upload is checked).
process.env.MAX_UPLOAD_MB = "1";

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization, createProduct, createUser, DEMO_PASSWORD, unifiedSocialCreditCode } from "../../../tests/factories";
import { sessionCookieFor } from "../../../tests/support/route-harness";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-db";
import { listOrganizations, listUsers, pendingReviewCount } from "~/modules/admin/directory.server";
import { findSessionUser, hashToken } from "~/modules/auth/session.server";
import { listCatalog } from "~/modules/catalog/catalog.server";
import { localDiskStorage } from "~/modules/storage/storage.server";
import { getStorage, setStorage } from "~/modules/storage/index.server";
import { action as adminOrgAction, loader as adminOrgLoader } from "~/routes/admin_.organizations.$orgId";
import { loader as adminLoader } from "~/routes/admin";
import { action as loginAction } from "~/routes/login";
import { loader as fileLoader } from "~/routes/seller.files.$fileId";
import { action as profileAction, loader as profileLoader } from "~/routes/seller.profile";
import { loader as sellerConsoleLoader } from "~/routes/seller._index";
import type { Database } from "~/utils/db.server";
import { addOrganizationFile } from "./files.server";
import { approveOrganization, suspendOrganization, suspendUser } from "./verification.server";

const store = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };
let t: TestDatabase;
let uploads: string;
const db = () => t.db.prisma;

const ids = {} as {
  platform: string;
  admin: string;
  newOrg: string;
  newSeller: string;
  verifiedOrg: string;
  verifiedSeller: string;
  verifiedProduct: string;
  otherOrg: string;
  otherSeller: string;
  buyerUser: string;
};
const PHONES = { newSeller: "13900000101", verifiedSeller: "13900000102", otherSeller: "13900000103", admin: "13900000109", buyer: "13900000104" };
const VERIFIED_LICENCE = unifiedSocialCreditCode("93", "350427", 4242);

beforeAll(async () => {
  t = await createTestDatabase();
  store.__humingDb = Promise.resolve(t.db);
  console.log(`[integration] seller onboarding: database ${t.label}`);
  uploads = await mkdtemp(path.join(tmpdir(), "huming-onboarding-"));
  setStorage(localDiskStorage(uploads));
  const platform = await createOrganization(db(), { kind: "platform", name: "沪明直供运营中心", county: "嘉定区" });
  ids.platform = platform.id;
  ids.admin = (await createUser(db(), { phone: PHONES.admin, role: "admin", organizationId: platform.id, displayName: "平台审核员" })).id;
  // A fresh sign-up as register.server creates it: pending, nothing filled in beyond the basics.
  const fresh = await createOrganization(db(), {
    kind: "cooperative",
    name: "尤溪县汤川乡金柑专业合作社",
    county: "尤溪县",
    address: "尤溪县汤川乡",
    verificationStatus: "pending",
    businessLicenceNo: null,
    lat: null,
    lng: null,
  });
  ids.newOrg = fresh.id;
  ids.newSeller = (await createUser(db(), { phone: PHONES.newSeller, role: "seller", organizationId: fresh.id, displayName: "林秀英" })).id;
  const verified = await createOrganization(db(), { kind: "snack_supplier", name: "沙县区夏茂扁肉食品厂", county: "沙县区", businessLicenceNo: VERIFIED_LICENCE, contactName: "陈志明", contactPhone: "0598-5821234" });
  ids.verifiedOrg = verified.id;
  ids.verifiedSeller = (await createUser(db(), { phone: PHONES.verifiedSeller, role: "seller", organizationId: verified.id })).id;
  ids.verifiedProduct = (await createProduct(db(), { sellerId: verified.id, nameZh: "沙县扁肉（速冻）" })).id;
  const other = await createOrganization(db(), { kind: "cooperative", name: "建宁县通心白莲专业合作社", county: "建宁县" });
  ids.otherOrg = other.id;
  ids.otherSeller = (await createUser(db(), { phone: PHONES.otherSeller, role: "seller", organizationId: other.id })).id;
  const buyer = await createOrganization(db(), { kind: "canteen", name: "复旦大学邯郸校区食堂", county: "杨浦区" });
  ids.buyerUser = (await createUser(db(), { phone: PHONES.buyer, role: "buyer", organizationId: buyer.id })).id;
});

afterAll(async () => {
  store.__humingDb = undefined;
  setStorage(undefined);
  await t?.drop();
  if (uploads) await rm(uploads, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Helpers: requests as a browser sends them, and what a route threw or returned.

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });
const get = (p: string, cookie = "") => new Request(`http://localhost${p}`, { headers: { cookie } });
const post = (p: string, fields: Record<string, string>, cookie = "") =>
  new Request(`http://localhost${p}`, { method: "POST", body: new URLSearchParams(fields), headers: { cookie, origin: "http://localhost" } });
function upload(fields: Record<string, string>, file: { body: Buffer; name: string; type: string } | null, cookie: string): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  // The camera input comes first and is empty when the file picker was used, as a browser sends it.
  form.append("file", new File([], "", { type: "application/octet-stream" }));
  if (file) form.append("file", new File([new Uint8Array(file.body)], file.name, { type: file.type }));
  return new Request("http://localhost/seller/profile", { method: "POST", body: form, headers: { cookie, origin: "http://localhost" } });
}

async function outcome(run: () => unknown): Promise<unknown> {
  try {
    return await run();
  } catch (thrown) {
    return thrown;
  }
}
function statusOf(value: unknown): number | undefined {
  if (value instanceof Response) return value.status;
  return (value as { init?: { status?: number } } | null)?.init?.status;
}
function locationOf(value: unknown): string | null {
  return value instanceof Response ? value.headers.get("location") : null;
}
function dataOf<T>(value: unknown): T {
  return (value as { data: T }).data;
}

const cookieFor = (userId: string) => sessionCookieFor(db(), userId);

async function jpeg(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#b45309" } })
    .jpeg()
    .toBuffer();
}

async function orgRow(id: string) {
  return db().organization.findUniqueOrThrow({
    where: { id },
    select: { verificationStatus: true, submittedAt: true, reviewedAt: true, reviewedById: true, reviewNote: true, suspendedAt: true, suspensionReason: true, businessLicenceNo: true, contactPhone: true, lat: true, lng: true, nameEn: true },
  });
}

const completeProfile = (over: Record<string, string> = {}) => ({
  intent: "save",
  orgId: ids.newOrg,
  name: "尤溪县汤川乡金柑专业合作社",
  nameEn: "Tangchuan Kumquat Cooperative",
  county: "尤溪县",
  address: "福建省三明市尤溪县汤川乡汤川村",
  lat: "26.1701",
  lng: "118.1901",
  contactName: "林秀英",
  contactPhone: "138 5980 1234",
  businessLicenceNo: unifiedSocialCreditCode("93", "350426", 77).toLowerCase(),
  foodLicenceNo: "",
  descriptionZh: "汤川乡金柑基地，绿色食品认证。",
  descriptionEn: "",
  ...over,
});

// ---------------------------------------------------------------------------------------------

describe("a new seller's profile", () => {
  it("shows a pending, incomplete profile with what is missing", async () => {
    const res = (await profileLoader(args(get("/seller/profile", await cookieFor(ids.newSeller))))) as {
      mode: string;
      profile: { state: string; blockers: Record<string, string> };
    };
    expect(res.mode).toBe("edit");
    expect(res.profile.state).toBe("incomplete");
    expect(res.profile.blockers).toMatchObject({ businessLicenceNo: "onboarding.submit.needBusinessLicence", businessLicenceFile: "onboarding.submit.needLicenceImage" });
  });

  it("refuses to submit an incomplete profile, naming the fields", async () => {
    const cookie = await cookieFor(ids.newSeller);
    const refused = await outcome(() => profileAction(args(post("/seller/profile", { intent: "submit", orgId: ids.newOrg }, cookie))));
    expect(statusOf(refused)).toBe(400);
    expect(dataOf<{ errors: Record<string, string> }>(refused).errors).toEqual({
      contactName: "onboarding.submit.needContactName",
      contactPhone: "onboarding.submit.needContactPhone",
      businessLicenceNo: "onboarding.submit.needBusinessLicence",
      businessLicenceFile: "onboarding.submit.needLicenceImage",
    });
    expect((await orgRow(ids.newOrg)).submittedAt).toBeNull();
  });

  it("keeps what was typed and answers field errors when the form is wrong", async () => {
    const cookie = await cookieFor(ids.newSeller);
    const res = await outcome(() => profileAction(args(post("/seller/profile", completeProfile({ businessLicenceNo: "93350426MA2Y000000", lat: "118.19", lng: "26.17", contactPhone: "5980" }), cookie))));
    expect(statusOf(res)).toBe(400);
    const body = dataOf<{ errors: Record<string, string>; values: Record<string, string> }>(res);
    expect(body.errors).toEqual({
      businessLicenceNo: "onboarding.uscc.check",
      lat: "onboarding.location.swapped",
      lng: "onboarding.location.swapped",
      contactPhone: "onboarding.contactPhone.invalid",
    });
    expect(body.values).toMatchObject({ name: "尤溪县汤川乡金柑专业合作社", contactPhone: "5980", businessLicenceNo: "93350426MA2Y000000" });
    expect((await orgRow(ids.newOrg)).contactPhone).toBe("");
  });

  it("saves the profile, normalised", async () => {
    const cookie = await cookieFor(ids.newSeller);
    const res = await outcome(() => profileAction(args(post("/seller/profile", completeProfile(), cookie))));
    expect(locationOf(res)).toBe("/seller/profile?done=saved");
    const row = await orgRow(ids.newOrg);
    expect(row).toMatchObject({
      verificationStatus: "pending",
      contactPhone: "13859801234",
      businessLicenceNo: unifiedSocialCreditCode("93", "350426", 77),
      lat: 26.1701,
      lng: 118.1901,
      nameEn: "Tangchuan Kumquat Cooperative",
      submittedAt: null,
    });
  });

  it("refuses uploads by content, not by name, and by size", async () => {
    const cookie = await cookieFor(ids.newSeller);
    const fields = { intent: "upload", orgId: ids.newOrg, kind: "business_licence" };
    const text = await outcome(() => profileAction(args(upload(fields, { body: Buffer.from("<html><script>alert(1)</script></html>"), name: "营业执照.jpg", type: "image/jpeg" }, cookie))));
    expect(statusOf(text)).toBe(400);
    expect(dataOf<{ formError: { key: string } }>(text).formError.key).toBe("onboarding.file.type");
    const gif = await outcome(() => profileAction(args(upload(fields, { body: Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1"), name: "licence.png", type: "image/png" }, cookie))));
    expect(dataOf<{ formError: { key: string } }>(gif).formError.key).toBe("onboarding.file.type");
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypheic"), Buffer.from([0, 0, 0, 0]), Buffer.from("mif1heic"), Buffer.alloc(64)]);
    const heicRes = await outcome(() => profileAction(args(upload(fields, { body: heic, name: "IMG_0001.HEIC", type: "image/heic" }, cookie))));
    expect(dataOf<{ formError: { key: string } }>(heicRes).formError.key).toBe("onboarding.file.heic");
    // MAX_UPLOAD_MB=1 here: 1.5 MB is refused with 413 while it streams in.
    const big = Buffer.concat([await jpeg(), Buffer.alloc(1_500_000)]);
    const bigRes = await outcome(() => profileAction(args(upload(fields, { body: big, name: "big.jpg", type: "image/jpeg" }, cookie))));
    expect(statusOf(bigRes)).toBe(413);
    expect(dataOf<{ formError: { key: string; params: Record<string, string> } }>(bigRes).formError).toEqual({ key: "onboarding.file.tooLarge", params: { mb: "1" } });
    const none = await outcome(() => profileAction(args(upload(fields, null, cookie))));
    expect(statusOf(none)).toBe(400);
    expect(dataOf<{ formError: { key: string } }>(none).formError.key).toBe("onboarding.file.missing");
    expect(await db().organizationFile.count({ where: { organizationId: ids.newOrg } })).toBe(0);
  });

  it("stores a licence image as uploaded under orgs/<orgId>/<fileId>.jpg, and a PDF named .jpg as a PDF", async () => {
    const cookie = await cookieFor(ids.newSeller);
    const image = await jpeg(64, 48);
    const res = await outcome(() => profileAction(args(upload({ intent: "upload", orgId: ids.newOrg, kind: "business_licence" }, { body: image, name: "执照.jpg", type: "image/jpeg" }, cookie))));
    expect(locationOf(res)).toBe("/seller/profile?done=uploaded");
    const file = await db().organizationFile.findFirstOrThrow({ where: { organizationId: ids.newOrg }, select: { id: true, storageKey: true, contentType: true, byteSize: true, width: true, height: true, kind: true } });
    expect(file).toMatchObject({ kind: "business_licence", contentType: "image/jpeg", byteSize: image.byteLength, width: 64, height: 48, storageKey: `orgs/${ids.newOrg}/${file.id}.jpg` });
    expect((await getStorage().get(file.storageKey))?.body.equals(image)).toBe(true);
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
    await outcome(() => profileAction(args(upload({ intent: "upload", orgId: ids.newOrg, kind: "food_licence" }, { body: pdf, name: "许可证.jpg", type: "image/jpeg" }, cookie))));
    const stored = await db().organizationFile.findFirstOrThrow({ where: { organizationId: ids.newOrg, kind: "food_licence" }, select: { id: true, contentType: true, storageKey: true } });
    expect(stored.contentType).toBe("application/pdf");
    expect(stored.storageKey).toBe(`orgs/${ids.newOrg}/${stored.id}.pdf`);
    // A profile photo cannot be a PDF.
    const photo = await outcome(() => profileAction(args(upload({ intent: "upload", orgId: ids.newOrg, kind: "profile_photo" }, { body: pdf, name: "a.pdf", type: "application/pdf" }, cookie))));
    expect(dataOf<{ formError: { key: string } }>(photo).formError.key).toBe("onboarding.file.photoType");
  });

  it("serves private files to the organization's members and admins only, never cached", async () => {
    const file = await db().organizationFile.findFirstOrThrow({ where: { organizationId: ids.newOrg, kind: "business_licence" }, select: { id: true } });
    const own = (await fileLoader(args(get(`/seller/files/${file.id}`, await cookieFor(ids.newSeller)), { fileId: file.id }))) as Response;
    expect(own.status).toBe(200);
    expect(own.headers.get("content-type")).toBe("image/jpeg");
    expect(own.headers.get("cache-control")).toBe("private, no-store");
    expect(own.headers.get("x-content-type-options")).toBe("nosniff");
    const admin = (await fileLoader(args(get(`/seller/files/${file.id}`, await cookieFor(ids.admin)), { fileId: file.id }))) as Response;
    expect(admin.status).toBe(200);
    expect(Buffer.from(await admin.arrayBuffer()).byteLength).toBeGreaterThan(100);
    const anonymous = await outcome(() => fileLoader(args(get(`/seller/files/${file.id}`), { fileId: file.id })));
    expect(locationOf(anonymous)).toBe(`/login?redirectTo=${encodeURIComponent(`/seller/files/${file.id}`)}`);
    for (const userId of [ids.otherSeller, ids.buyerUser, ids.verifiedSeller]) {
      const other = await outcome(async () => fileLoader(args(get(`/seller/files/${file.id}`, await cookieFor(userId)), { fileId: file.id })));
      expect(statusOf(other), userId).toBe(403);
    }
    expect(statusOf(await outcome(async () => fileLoader(args(get("/seller/files/nope", await cookieFor(ids.newSeller)), { fileId: "nope" }))))).toBe(404);
  });

  it("lets a seller delete its own file but not another organization's", async () => {
    const cookie = await cookieFor(ids.newSeller);
    const pdf = await db().organizationFile.findFirstOrThrow({ where: { organizationId: ids.newOrg, kind: "food_licence" }, select: { id: true, storageKey: true } });
    // Another organization's seller, naming its own org but this file: 403.
    const foreign = await outcome(async () => profileAction(args(post("/seller/profile", { intent: "deleteFile", orgId: ids.otherOrg, fileId: pdf.id }, await cookieFor(ids.otherSeller)))));
    expect(statusOf(foreign)).toBe(403);
    // Naming an organization that is not theirs at all: 403 too.
    const wrongOrg = await outcome(() => profileAction(args(post("/seller/profile", { intent: "deleteFile", orgId: ids.otherOrg, fileId: pdf.id }, cookie))));
    expect(statusOf(wrongOrg)).toBe(403);
    const res = await outcome(() => profileAction(args(post("/seller/profile", { intent: "deleteFile", orgId: ids.newOrg, fileId: pdf.id }, cookie))));
    expect(locationOf(res)).toBe("/seller/profile?done=deleted");
    expect(await db().organizationFile.count({ where: { id: pdf.id } })).toBe(0);
    expect(await getStorage().get(pdf.storageKey)).toBeNull();
  });

  it("submits a complete profile: submittedAt set, the admin's queue has it", async () => {
    const before = await pendingReviewCount(db());
    const res = await outcome(async () => profileAction(args(post("/seller/profile", { intent: "submit", orgId: ids.newOrg }, await cookieFor(ids.newSeller)))));
    expect(locationOf(res)).toBe("/seller/profile?done=submitted");
    const row = await orgRow(ids.newOrg);
    expect(row.verificationStatus).toBe("pending");
    expect(row.submittedAt).toBeInstanceOf(Date);
    expect(await pendingReviewCount(db())).toBe(before + 1);
    const queue = await listOrganizations(db(), 1, { state: "submitted" });
    expect(queue.items.map((o) => o.id)).toContain(ids.newOrg);
  });
});

describe("the admin's review", () => {
  it("shows the organization with its licences, files and members", async () => {
    const res = (await adminOrgLoader(args(get(`/admin/organizations/${ids.newOrg}`, await cookieFor(ids.admin)), { orgId: ids.newOrg }))) as {
      review: { profile: { state: string; files: unknown[] }; members: { userId: string }[] };
      checks: { usccValid: boolean };
    };
    expect(res.review.profile.state).toBe("submitted");
    expect(res.review.profile.files).toHaveLength(1);
    expect(res.review.members.map((m) => m.userId)).toEqual([ids.newSeller]);
    expect(res.checks.usccValid).toBe(true);
  });

  it("does not let a seller approve itself (403), nor open the review page", async () => {
    const cookie = await cookieFor(ids.newSeller);
    expect(statusOf(await outcome(() => adminOrgAction(args(post(`/admin/organizations/${ids.newOrg}`, { intent: "approve" }, cookie), { orgId: ids.newOrg }))))).toBe(403);
    expect(statusOf(await outcome(() => adminOrgLoader(args(get(`/admin/organizations/${ids.newOrg}`, cookie), { orgId: ids.newOrg }))))).toBe(403);
    expect(statusOf(await outcome(() => adminOrgAction(args(post(`/admin/organizations/${ids.newOrg}`, { intent: "suspendUser", userId: ids.newSeller }, cookie), { orgId: ids.newOrg }))))).toBe(403);
    expect((await orgRow(ids.newOrg)).verificationStatus).toBe("pending");
  });

  it("requires a reason to reject, then rejects; the seller reads the reason", async () => {
    const cookie = await cookieFor(ids.admin);
    const noReason = await outcome(() => adminOrgAction(args(post(`/admin/organizations/${ids.newOrg}`, { intent: "reject", reason: "  " }, cookie), { orgId: ids.newOrg })));
    expect(statusOf(noReason)).toBe(400);
    expect(dataOf<{ errors: Record<string, string> }>(noReason).errors).toEqual({ reason: "adminReview.reasonRequired" });
    const res = await outcome(() => adminOrgAction(args(post(`/admin/organizations/${ids.newOrg}`, { intent: "reject", reason: "营业执照照片不清晰，请重新拍摄" }, cookie), { orgId: ids.newOrg })));
    expect(locationOf(res)).toBe(`/admin/organizations/${ids.newOrg}?done=reject`);
    expect(await orgRow(ids.newOrg)).toMatchObject({ verificationStatus: "rejected", reviewedById: ids.admin, reviewNote: "营业执照照片不清晰，请重新拍摄" });
    const seller = (await profileLoader(args(get("/seller/profile", await cookieFor(ids.newSeller))))) as { profile: { state: string; reviewNote: string } };
    expect(seller.profile).toMatchObject({ state: "rejected", reviewNote: "营业执照照片不清晰，请重新拍摄" });
  });

  it("lets the rejected seller resubmit and the admin approve; its products then reach the catalogue", async () => {
    const productId = (await createProduct(db(), { sellerId: ids.newOrg, nameZh: "尤溪金柑" })).id;
    const listed = async () => (await listCatalog(db(), { q: "尤溪金柑", page: 1 })).items.some((p) => p.id === productId);
    expect(await listed()).toBe(false);
    const resubmit = await outcome(async () => profileAction(args(post("/seller/profile", { intent: "submit", orgId: ids.newOrg }, await cookieFor(ids.newSeller)))));
    expect(locationOf(resubmit)).toBe("/seller/profile?done=submitted");
    const res = await outcome(async () => adminOrgAction(args(post(`/admin/organizations/${ids.newOrg}`, { intent: "approve", reason: "" }, await cookieFor(ids.admin)), { orgId: ids.newOrg })));
    expect(locationOf(res)).toBe(`/admin/organizations/${ids.newOrg}?done=approve`);
    const row = await orgRow(ids.newOrg);
    expect(row).toMatchObject({ verificationStatus: "verified", reviewedById: ids.admin, reviewNote: "" });
    expect(row.reviewedAt).toBeInstanceOf(Date);
    expect(await listed()).toBe(true);
    // Approving twice is refused with a message.
    const again = await outcome(async () => adminOrgAction(args(post(`/admin/organizations/${ids.newOrg}`, { intent: "approve" }, await cookieFor(ids.admin)), { orgId: ids.newOrg })));
    expect(statusOf(again)).toBe(400);
    expect(dataOf<{ formError: string }>(again).formError).toBe("adminReview.alreadyVerified");
  });

  it("does not let an admin review an organization it belongs to", async () => {
    const pending = await createOrganization(db(), { kind: "cooperative", verificationStatus: "pending" });
    await db().membership.create({ data: { userId: ids.admin, organizationId: pending.id, role: "seller" }, select: { id: true } });
    expect(await approveOrganization(db(), { organizationId: pending.id, reviewerId: ids.admin })).toEqual({ kind: "forbidden" });
    expect(await suspendOrganization(db(), { organizationId: ids.platform, actorId: ids.admin, reason: "x" })).toEqual({ kind: "forbidden" });
    await db().membership.deleteMany({ where: { userId: ids.admin, organizationId: pending.id } });
    expect(await suspendUser(db(), { userId: ids.admin, actorId: ids.admin })).toEqual({ kind: "invalid", error: "adminReview.cannotSuspendSelf" });
  });
});

describe("licence edits after verification", () => {
  it("sends a verified seller back to pending when a licence number changes, and its products leave the catalogue", async () => {
    const cookie = await cookieFor(ids.verifiedSeller);
    const listed = async () => (await listCatalog(db(), { q: "沙县扁肉", page: 1 })).items.some((p) => p.id === ids.verifiedProduct);
    expect(await listed()).toBe(true);
    const base = {
      intent: "save",
      orgId: ids.verifiedOrg,
      name: "沙县区夏茂扁肉食品厂",
      county: "沙县区",
      address: "沙县区夏茂镇",
      contactName: "陈志明",
      contactPhone: "0598-5821234",
      businessLicenceNo: VERIFIED_LICENCE,
    };
    // The description alone: still verified.
    expect(locationOf(await outcome(() => profileAction(args(post("/seller/profile", { ...base, descriptionZh: "夏茂镇手工扁肉。" }, cookie)))))).toBe("/seller/profile?done=saved");
    expect((await orgRow(ids.verifiedOrg)).verificationStatus).toBe("verified");
    // A new food production licence number: back to pending.
    const res = await outcome(() => profileAction(args(post("/seller/profile", { ...base, foodLicenceNo: "SC11135042700018" }, cookie))));
    expect(locationOf(res)).toBe("/seller/profile?done=reset");
    const row = await orgRow(ids.verifiedOrg);
    expect(row.verificationStatus).toBe("pending");
    // No food licence image yet, so not complete: it waits for the seller to submit.
    expect(row.submittedAt).toBeNull();
    expect(await listed()).toBe(false);
  });

  it("also resets on a new licence image for a verified seller, queued at once when complete", async () => {
    const org = await createOrganization(db(), { kind: "cooperative", contactName: "罗德华", contactPhone: "13900000120" });
    await addOrganizationFile(db(), getStorage(), { organizationId: org.id, kind: "profile_photo", body: await jpeg(), maxBytes: 1 << 20 });
    expect((await orgRow(org.id)).verificationStatus).toBe("verified");
    const r = await addOrganizationFile(db(), getStorage(), { organizationId: org.id, kind: "business_licence", body: await jpeg(), maxBytes: 1 << 20 });
    expect(r).toMatchObject({ ok: true, verificationReset: true });
    const row = await orgRow(org.id);
    expect(row.verificationStatus).toBe("pending");
    expect(row.submittedAt).toBeInstanceOf(Date);
  });
});

describe("suspensions", () => {
  it("takes a suspended organization's roles away, hides its products, and says why on the profile page", async () => {
    const org = await createOrganization(db(), { kind: "snack_supplier", name: "沙县区凤岗拌面厂" });
    const seller = await createUser(db(), { phone: "13900000130", role: "seller", organizationId: org.id });
    const productId = (await createProduct(db(), { sellerId: org.id, nameZh: "沙县拌面" })).id;
    const cookie = await cookieFor(seller.id);
    await db().session.create({ data: { id: hashToken("tok-130"), userId: seller.id, expiresAt: new Date(Date.now() + 86_400_000) }, select: { id: true } });
    expect((await findSessionUser(db(), "tok-130"))?.roles).toEqual(["seller"]);
    expect(statusOf(await outcome(() => sellerConsoleLoader(args(get("/seller", cookie)))))).toBeUndefined();
    const res = await outcome(async () => adminOrgAction(args(post(`/admin/organizations/${org.id}`, { intent: "suspend", reason: "多次发货与描述不符" }, await cookieFor(ids.admin)), { orgId: org.id })));
    expect(locationOf(res)).toBe(`/admin/organizations/${org.id}?done=suspend`);
    // The same sessions, now without the seller role or its permissions (the account itself is untouched).
    const after = await findSessionUser(db(), "tok-130");
    expect(after).toMatchObject({ roles: [], permissions: [], memberships: [] });
    expect(statusOf(await outcome(() => sellerConsoleLoader(args(get("/seller", cookie)))))).toBe(403);
    expect(statusOf(await outcome(() => profileAction(args(post("/seller/profile", { intent: "submit", orgId: org.id }, cookie)))))).toBe(403);
    const page = (await profileLoader(args(get("/seller/profile", cookie)))) as { mode: string; suspended: { suspensionReason: string }[] };
    expect(page.mode).toBe("suspended");
    expect(page.suspended[0].suspensionReason).toBe("多次发货与描述不符");
    expect((await listCatalog(db(), { q: "沙县拌面", page: 1 })).items.some((p) => p.id === productId)).toBe(false);
    // Lifting it gives the role back.
    await outcome(async () => adminOrgAction(args(post(`/admin/organizations/${org.id}`, { intent: "unsuspend", reason: "已整改" }, await cookieFor(ids.admin)), { orgId: org.id })));
    expect((await orgRow(org.id)).suspendedAt).toBeNull();
    expect(statusOf(await outcome(() => sellerConsoleLoader(args(get("/seller", cookie)))))).toBeUndefined();
  });

  it("refuses to suspend without a reason, and never the platform", async () => {
    const cookie = await cookieFor(ids.admin);
    const noReason = await outcome(() => adminOrgAction(args(post(`/admin/organizations/${ids.otherOrg}`, { intent: "suspend" }, cookie), { orgId: ids.otherOrg })));
    expect(dataOf<{ errors: Record<string, string> }>(noReason).errors).toEqual({ reason: "adminReview.reasonRequired" });
    const other = await createOrganization(db(), { kind: "platform", name: "沪明直供第二运营中心" });
    const platform = await outcome(() => adminOrgAction(args(post(`/admin/organizations/${other.id}`, { intent: "suspend", reason: "test" }, cookie), { orgId: other.id })));
    expect(dataOf<{ formError: string }>(platform).formError).toBe("adminReview.cannotSuspendPlatform");
  });

  it("ends a suspended user's sessions and refuses their sign-in; reactivating lets them back", async () => {
    const org = await createOrganization(db(), { kind: "cooperative" });
    const user = await createUser(db(), { phone: "13900000140", role: "seller", organizationId: org.id });
    const session = await db().session.create({ data: { id: hashToken("tok-140"), userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) }, select: { id: true } });
    expect(await findSessionUser(db(), "tok-140")).not.toBeNull();
    const cookie = await cookieFor(ids.admin);
    // Only the organization's own members can be acted on from its page.
    const elsewhere = await outcome(() => adminOrgAction(args(post(`/admin/organizations/${ids.otherOrg}`, { intent: "suspendUser", userId: user.id }, cookie), { orgId: ids.otherOrg })));
    expect(statusOf(elsewhere)).toBe(404);
    const res = await outcome(() => adminOrgAction(args(post(`/admin/organizations/${org.id}`, { intent: "suspendUser", userId: user.id }, cookie), { orgId: org.id })));
    expect(locationOf(res)).toBe(`/admin/organizations/${org.id}?done=suspendUser`);
    expect(await db().session.count({ where: { userId: user.id } })).toBe(0);
    expect(await db().session.count({ where: { id: session.id } })).toBe(0);
    expect(await findSessionUser(db(), "tok-140")).toBeNull();
    const signIn = await outcome(() => loginAction(args(post("/login", { phone: "13900000140", password: DEMO_PASSWORD }))));
    expect(statusOf(signIn)).toBe(401);
    await outcome(() => adminOrgAction(args(post(`/admin/organizations/${org.id}`, { intent: "reactivateUser", userId: user.id }, cookie), { orgId: org.id })));
    const again = await outcome(() => loginAction(args(post("/login", { phone: "13900000140", password: DEMO_PASSWORD }))));
    expect(statusOf(again)).toBe(302);
  });
});

describe("admin search", () => {
  it("finds organizations by name, English name, licence number and county, filtered by kind and state", async () => {
    const byName = await listOrganizations(db(), 1, { q: "夏茂扁肉" });
    expect(byName.items.map((o) => o.id)).toEqual([ids.verifiedOrg]);
    const byEnglish = await listOrganizations(db(), 1, { q: "tangchuan kumquat" });
    expect(byEnglish.items.map((o) => o.id)).toEqual([ids.newOrg]);
    const byLicence = await listOrganizations(db(), 1, { q: VERIFIED_LICENCE.slice(4, 14).toLowerCase() });
    expect(byLicence.items.map((o) => o.id)).toEqual([ids.verifiedOrg]);
    const byFoodLicence = await listOrganizations(db(), 1, { q: "SC 1113 5042 7000 18" });
    expect(byFoodLicence.items.map((o) => o.id)).toEqual([ids.verifiedOrg]);
    const byCounty = await listOrganizations(db(), 1, { q: "建宁" });
    expect(byCounty.items.map((o) => o.id)).toContain(ids.otherOrg);
    expect(byCounty.items.every((o) => o.county.includes("建宁"))).toBe(true);
    const buyers = await listOrganizations(db(), 1, { kind: "canteen" });
    expect(buyers.items.every((o) => o.kind === "canteen")).toBe(true);
    const verifiedCooperatives = await listOrganizations(db(), 1, { kind: "cooperative", state: "verified", q: "金柑" });
    expect(verifiedCooperatives.items.map((o) => o.id)).toEqual([ids.newOrg]);
    expect((await listOrganizations(db(), 1, { q: "不存在的机构名" })).total).toBe(0);
  });

  it("finds users by any part of the phone number or by name", async () => {
    expect((await listUsers(db(), 1, { q: "139 0000 0101" })).items.map((u) => u.id)).toEqual([ids.newSeller]);
    expect((await listUsers(db(), 1, { q: "+86 13900000103" })).items.map((u) => u.id)).toEqual([ids.otherSeller]);
    expect((await listUsers(db(), 1, { q: "0000109" })).items.map((u) => u.id)).toEqual([ids.admin]);
    expect((await listUsers(db(), 1, { q: "林秀英" })).items.map((u) => u.id)).toEqual([ids.newSeller]);
    expect((await listUsers(db(), 1, { q: "审核员" })).items.map((u) => u.id)).toEqual([ids.admin]);
  });

  it("reads the filters from the admin page's query, with the review count", async () => {
    const cookie = await cookieFor(ids.admin);
    const orgs = (await adminLoader(args(get("/admin?q=%E5%A4%8F%E8%8C%82&kind=snack_supplier&state=bogus", cookie)))) as {
      orgs: { items: { id: string }[] };
      orgFilters: object;
      pending: number;
    };
    expect(orgs.orgFilters).toEqual({ q: "夏茂", kind: "snack_supplier" });
    expect(orgs.orgs.items.map((o) => o.id)).toEqual([ids.verifiedOrg]);
    expect(typeof orgs.pending).toBe("number");
    const users = (await adminLoader(args(get("/admin?view=users&q=13900000102", cookie)))) as { users: { items: { id: string }[] } };
    expect(users.users.items.map((u) => u.id)).toEqual([ids.verifiedSeller]);
    // A seller cannot search the directories.
    expect(statusOf(await outcome(async () => adminLoader(args(get("/admin?q=x", await cookieFor(ids.newSeller))))))).toBe(403);
  });
});
