import { expect, test } from "./fixtures";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../demo-accounts";
import { AppShell, LoginPage } from "./pages/login-page";

const buyer = DEMO_ACCOUNTS.find((a) => a.role === "buyer")!;
const HOSTILE_TARGETS = ["%2F%09%2Fevil.example%2Fp", "%2F%0A%2Fevil.example%2Fp", "%2F%5Cevil.example", "%2F%2Fevil.example", "javascript%3Aalert(1)", "%2F.%2F%2Fevil.example"];

test("signing in from a link with a hostile redirectTo lands on the role home, never elsewhere", async ({ page }) => {
  await page.goto(`/login?redirectTo=${HOSTILE_TARGETS[0]}`);
  await page.locator('input[name="phone"]').fill(buyer.phone);
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('form:has(input[name="password"]) [type="submit"]').click();
  await expect(page).toHaveURL(/\/catalog$/);
  await expect(new AppShell(page).heading()).toHaveText("商品目录");
  // Signed in, every hostile target sends the browser home as well.
  for (const target of HOSTILE_TARGETS) {
    await page.goto(`/login?redirectTo=${target}`);
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/catalog$/);
  }
  // A same-site target is honoured.
  await page.goto("/login?redirectTo=%2Fcatalog%3Fcategory%3Dtea");
  await expect(page).toHaveURL(/\/catalog\?category=tea$/);
});

test("pages carry the security headers, and the app still runs its scripts under the CSP", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto("/login");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=(self)");
  expect(headers["cache-control"]).toBe("private, no-store");
  // Client-side validation only works once React has hydrated, i.e. the nonce'd scripts ran.
  await page.locator('form:has(input[name="password"]) [type="submit"]').click();
  await expect(page.getByText("此项必填").first()).toBeVisible();
  expect(violations).toEqual([]);
});

test("a cross-site form post is refused with a clear page and changes nothing", async ({ page, request, baseURL }) => {
  await new LoginPage(page).signIn(buyer.phone, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/catalog/);
  const cookies = await page.context().cookies();
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  for (const path of ["/logout", "/locale", "/login"]) {
    const res = await request.post(path, {
      headers: { Origin: "https://evil.example", Cookie: cookie },
      form: { locale: "en", phone: buyer.phone, password: "x" },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(403);
    expect(await res.text()).toContain("请求来源无效");
  }
  // Still signed in, still in Chinese.
  await page.goto("/catalog");
  await expect(new AppShell(page).heading()).toHaveText("商品目录");
  expect(baseURL).toBeTruthy();
});
