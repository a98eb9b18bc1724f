// Server-renders the onboarding pages as whole documents (root layout, entry.server, the page), the way the
// Remix server does, and checks the HTML a phone without JavaScript receives — including a form post that
// fails validation (field errors, what was typed kept).
import { createRequestHandler } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization, createUser } from "../../tests/factories";
import { sessionCookieFor } from "../../tests/support/route-harness";
import { testServerBuild, type TestRoute } from "../../tests/support/server-build";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import type { Database } from "~/utils/db.server";
import * as admin from "./admin";
import * as review from "./admin_.organizations.$orgId";
import * as profile from "./seller.profile";

const ROUTES: TestRoute[] = [
  { id: "routes/seller.profile", path: "seller/profile", module: profile },
  { id: "routes/admin", path: "admin", module: admin },
  { id: "routes/admin_.organizations.$orgId", path: "admin/organizations/:orgId", module: review },
];

const build = () => testServerBuild(ROUTES);

const store = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };
let t: TestDatabase;
let handler: ReturnType<typeof createRequestHandler>;
const cookies = {} as { seller: string; admin: string };
let orgId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  store.__humingDb = Promise.resolve(t.db);
  console.log(`[integration] onboarding pages render: database ${t.label}`);
  const db = t.db.prisma;
  const seller = await createOrganization(db, { kind: "cooperative", name: "尤溪县汤川乡金柑专业合作社", county: "尤溪县", verificationStatus: "pending", businessLicenceNo: null, lat: null, lng: null });
  orgId = seller.id;
  const platform = await createOrganization(db, { kind: "platform", name: "沪明直供运营中心" });
  const sellerUser = await createUser(db, { role: "seller", organizationId: seller.id, displayName: "林秀英", phone: "13900000201" });
  const adminUser = await createUser(db, { role: "admin", organizationId: platform.id, displayName: "平台审核员" });
  cookies.seller = await sessionCookieFor(db, sellerUser.id);
  cookies.admin = await sessionCookieFor(db, adminUser.id);
  handler = createRequestHandler(build());
});
afterAll(async () => {
  store.__humingDb = undefined;
  await t?.drop();
});

async function page(path: string, cookie: string, form?: Record<string, string>): Promise<{ status: number; html: string }> {
  const init: RequestInit = form
    ? { method: "POST", body: new URLSearchParams(form), headers: { cookie, host: "localhost", origin: "http://localhost", "content-type": "application/x-www-form-urlencoded" } }
    : { headers: { cookie } };
  const res = await handler(new Request(`http://localhost${path}`, init), { cspNonce: "test-nonce", requestId: "test" });
  return { status: res.status, html: await res.text() };
}

describe("onboarding pages as served", () => {
  it("renders the seller's profile page: status banner, form fields, camera upload and the submit checklist", async () => {
    const { status, html } = await page("/seller/profile", cookies.seller);
    expect(status).toBe(200);
    expect(html).toContain("<h1");
    expect(html).toContain("机构资料与认证");
    expect(html).toContain('data-verification-state="incomplete"');
    expect(html).toContain("待提交审核");
    for (const name of ["name", "nameEn", "county", "address", "lat", "lng", "contactName", "contactPhone", "businessLicenceNo", "foodLicenceNo", "descriptionZh", "descriptionEn"]) {
      expect(html, name).toMatch(new RegExp(`name="${name}"`));
    }
    expect(html).toContain('value="尤溪县汤川乡金柑专业合作社"');
    expect(html).toMatch(/<form[^>]*method="post"[^>]*enctype="multipart\/form-data"|<form[^>]*enctype="multipart\/form-data"[^>]*method="post"/i);
    expect(html).toContain('accept="image/*,application/pdf"');
    expect(html).toContain('capture="environment"');
    expect(html).toContain("提交审核");
    expect(html).toContain("上传营业执照照片或扫描件");
    expect(html).toContain('aria-current="page"');
    // The location button needs JavaScript and so is not in the served page.
    expect(html).not.toContain('data-testid="use-current-location"');
  });

  it("answers a form post without JavaScript with field errors and what was typed", async () => {
    const { status, html } = await page("/seller/profile", cookies.seller, {
      intent: "save",
      orgId,
      name: "尤溪县汤川乡金柑专业合作社",
      county: "尤溪县",
      address: "汤川乡汤川村",
      lat: "118.19",
      lng: "26.17",
      contactPhone: "5980",
      businessLicenceNo: "93350426ma2y000000",
    });
    expect(status).toBe(400);
    expect(html).toContain('role="alert"');
    expect(html).toContain("请修正标出的内容后再提交。");
    expect(html).toContain("纬度和经度似乎填反了");
    expect(html).toContain("校验位不符");
    expect(html).toContain("请输入有效的手机号，或带区号的座机号码");
    expect(html).toContain('value="93350426ma2y000000"');
    expect(html).toContain('value="汤川乡汤川村"');
    expect(html).toContain('aria-invalid="true"');
  });

  it("renders the admin list with search, filters and the review count, and the review page with its actions", async () => {
    const list = await page("/admin?q=%E9%87%91%E6%9F%91&state=incomplete", cookies.admin);
    expect(list.status).toBe(200);
    expect(list.html).toContain('role="search"');
    expect(list.html).toContain("待审核 0");
    expect(list.html).toContain(`href="/admin/organizations/${orgId}"`);
    expect(list.html).toContain("未提交");
    const users = await page("/admin?view=users&q=13900000201", cookies.admin);
    expect(users.status).toBe(200);
    expect(users.html).toContain("林秀英");
    const reviewPage = await page(`/admin/organizations/${orgId}`, cookies.admin);
    expect(reviewPage.status).toBe(200);
    for (const label of ["机构资料", "证照", "成员", "通过认证", "驳回", "暂停机构", "停用账户", "林秀英", "未上传任何文件。"]) expect(reviewPage.html, label).toContain(label);
    const noReason = await page(`/admin/organizations/${orgId}`, cookies.admin, { intent: "reject", reason: "" });
    expect(noReason.status).toBe(400);
    expect(noReason.html).toContain("请填写原因");
  });
});
