import type { APIRequestContext, APIResponse } from "@playwright/test";
import { expect, test } from "./fixtures";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../demo-accounts";
import { ApiKeysPage } from "./pages/api-keys-page";
import { LoginPage } from "./pages/login-page";

// The demo canteen buyer (复旦大学邯郸校区食堂) makes an API key for its purchasing system on /account/api-keys:
// the empty form is refused field by field, the key is shown once, works with its scopes against /api/v1 and
// is refused beyond them, is listed afterwards by its prefix only, and stops working the moment it is revoked.
// Runs in the desktop and the phone project; other specs may have made keys before, so names are unique.
const buyer = DEMO_ACCOUNTS.find((a) => a.role === "buyer" && a.phone === "13800000002")!;
/** The demo university's canteens (the seed's delivery points of the demo buyer). */
const DEMO_POINTS = ["复旦大学南区食堂", "复旦大学北区食堂", "复旦大学旦苑餐厅"];

function bearer(key: string): Record<string, string> {
  return { Authorization: `Bearer ${key}` };
}

/** The API's one error shape: {"error": {"code", "message", "fields"?}}, as JSON. */
async function expectApiError(response: APIResponse, status: number, code: string, message: string | RegExp): Promise<void> {
  expect(response.status(), await response.text()).toBe(status);
  expect(response.headers()["content-type"]).toMatch(/^application\/json/);
  const body = (await response.json()) as { error?: { code?: unknown; message?: unknown; fields?: unknown } };
  expect(body.error).toBeDefined();
  expect(body.error!.code).toBe(code);
  expect(typeof body.error!.message).toBe("string");
  if (typeof message === "string") expect(body.error!.message).toBe(message);
  else expect(body.error!.message).toMatch(message);
  if (body.error!.fields !== undefined) expect(typeof body.error!.fields).toBe("object");
}

async function deliveryPoints(request: APIRequestContext, key: string): Promise<APIResponse> {
  return request.get("/api/v1/delivery-points", { headers: bearer(key) });
}

const UNAUTHORIZED = "缺少有效的 API 密钥（Authorization: Bearer <密钥>），或密钥已吊销";

test("a buyer creates a scoped API key, uses it once shown, sees only its prefix later and revokes it", async ({ page, request }, testInfo) => {
  await new LoginPage(page).signIn(buyer.phone, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/catalog/);
  const keys = new ApiKeysPage(page);
  await keys.openFromNav();
  await expect(page.getByText(`所属单位：${buyer.organizationName}`)).toBeVisible();

  // The empty form (no name, every scope unticked) is refused on both fields, and no key is shown.
  await keys.fillCreateForm("", []);
  await keys.submitCreate();
  await expect(keys.nameError()).toHaveText("请填写 1–60 个字的名称");
  await expect(keys.scopesError()).toHaveText("请至少选择一项权限");
  await expect(keys.nameInput()).toHaveAttribute("aria-invalid", "true");
  await expect(keys.newKeyField()).toHaveCount(0);
  // The refused form keeps what was (not) ticked.
  for (const s of ["catalog:read", "orders:read", "orders:write"] as const) await expect(keys.scope(s)).not.toBeChecked();

  // A key that reads orders and delivery points and places orders, but may not browse the catalogue.
  const name = `E2E 采购系统 ${testInfo.project.name} ${Date.now()}`;
  await keys.fillCreateForm(name, ["orders:read", "orders:write"]);
  await keys.submitCreate();
  const key = await keys.readNewKey(name);
  expect(key).toMatch(/^hm_[0-9A-Za-z]{32}$/);
  await expect(keys.nameError()).toHaveCount(0);
  await expect(keys.scopesError()).toHaveCount(0);
  const prefix = key.slice(0, 11);
  // Even now the list shows only the prefix.
  const item = keys.keyItem(name);
  await expect(item).toContainText(`密钥开头 ${prefix}…`);
  await expect(item).not.toContainText(key);
  await expect(item).toContainText("orders:read · orders:write");
  await expect(item).toContainText("尚未使用");

  // The key works with its scope: the organization's delivery points, without the people behind them.
  const points = await deliveryPoints(request, key);
  expect(points.status(), await points.text()).toBe(200);
  expect(points.headers()["content-type"]).toMatch(/^application\/json/);
  const { items } = (await points.json()) as { items: Record<string, unknown>[] };
  expect(items.map((p) => p.name)).toEqual(expect.arrayContaining(DEMO_POINTS));
  for (const p of items) {
    expect(p).toEqual(expect.objectContaining({ id: expect.any(String), name: expect.any(String), address: expect.any(String) }));
    expect(p).not.toHaveProperty("contactPhone");
  }

  // A scope the key lacks: 403 forbidden, naming the missing scope.
  const catalog = await request.get("/api/v1/catalog", { headers: bearer(key) });
  await expectApiError(catalog, 403, "forbidden", "该密钥没有所需的权限范围：catalog:read");
  expect(catalog.headers()["www-authenticate"]).toContain('error="insufficient_scope"');

  // Reloaded, the page no longer shows the key: only its prefix, now with a last use.
  await keys.reload();
  await expect(keys.newKeyField()).toHaveCount(0);
  expect(await page.content()).not.toContain(key);
  await expect(keys.keyItem(name)).toContainText(`${prefix}…`);
  await expect(keys.keyItem(name)).toContainText("最近使用：");

  // Revoking asks first, then the key is marked revoked and no longer offered for revoking.
  const confirmation = await keys.revoke(name);
  expect(confirmation).toBe(`吊销后使用该密钥的系统将立即无法调用，确定吊销“${name}”吗？`);
  await expect(page.getByRole("status").filter({ hasText: `密钥“${name}”已吊销` })).toBeVisible();
  await expect(keys.keyItem(name)).toContainText("已吊销于");
  await expect(keys.revokeButton(name)).toHaveCount(0);

  // The same call now answers 401 in the error shape.
  const revoked = await deliveryPoints(request, key);
  await expectApiError(revoked, 401, "unauthorized", UNAUTHORIZED);
  expect(revoked.headers()["www-authenticate"]).toContain("Bearer");
});

test("the API answers a missing, malformed or unknown key with 401 in its JSON error shape", async ({ request }) => {
  const unknown = `hm_${"Zz9".repeat(10)}Q0`;
  expect(unknown).toMatch(/^hm_[0-9A-Za-z]{32}$/);
  for (const headers of [{}, bearer("not-a-key"), bearer("hm_short"), { Authorization: `Basic ${Buffer.from("a:b").toString("base64")}` }, bearer(unknown)]) {
    const response = await request.get("/api/v1/delivery-points", { headers });
    await expectApiError(response, 401, "unauthorized", UNAUTHORIZED);
    expect(response.headers()["www-authenticate"]).toContain('Bearer realm="huming-api"');
  }
  // In English when the client prefers it.
  const english = await request.get("/api/v1/delivery-points", { headers: { ...bearer(unknown), "Accept-Language": "en" } });
  await expectApiError(english, 401, "unauthorized", /^A valid API key is required/);
});
