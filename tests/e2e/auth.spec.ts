import { expect, test } from "./fixtures";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../demo-accounts";
import { AppShell, LoginPage } from "./pages/login-page";

const HOMES: Record<string, { path: RegExp; heading: string }> = {
  buyer: { path: /\/catalog/, heading: "商品目录" },
  seller: { path: /\/seller/, heading: "卖家中心" },
  operator: { path: /\/ops/, heading: "运营中心" },
  driver: { path: /\/driver/, heading: "今日配送" },
  admin: { path: /\/admin/, heading: "平台管理" },
};

for (const account of DEMO_ACCOUNTS) {
  test(`demo ${account.role} ${account.phone} signs in, lands on the ${account.role} home and signs out`, async ({ page }) => {
    const home = HOMES[account.role];
    await new LoginPage(page).signIn(account.phone, DEMO_PASSWORD);
    await expect(page).toHaveURL(home.path);
    const shell = new AppShell(page);
    await expect(shell.heading()).toHaveText(home.heading);
    await shell.signOut();
    await page.goto("/seller");
    await expect(page).toHaveURL(/\/login/);
  });
}

test("every header link of each role is on screen, none hidden past the edge", async ({ page }) => {
  for (const account of DEMO_ACCOUNTS) {
    await new LoginPage(page).signIn(account.phone, DEMO_PASSWORD);
    await expect(page).toHaveURL(HOMES[account.role].path);
    const width = page.viewportSize()!.width;
    const links = page.getByRole("navigation", { name: "主导航" }).getByRole("link");
    expect(await links.count()).toBeGreaterThan(0);
    // Wholly in the viewport and not clipped by a scrolling row (IntersectionObserver sees the clipping).
    for (const link of await links.all()) await expect(link, `${account.role}: ${await link.textContent()}`).toBeInViewport({ ratio: 1 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await new AppShell(page).signOut();
  }
});

test("a wrong password shows an error and does not sign in", async ({ page }) => {
  const login = new LoginPage(page);
  await login.signIn(DEMO_ACCOUNTS[1].phone, "wrong-password");
  await login.expectError();
  // Still signed out: the catalogue is public, the seller console is not.
  await page.goto("/seller");
  await expect(page).toHaveURL(/\/login/);
});

test("a seller cannot open another seller's console page", async ({ page }) => {
  const login = new LoginPage(page);
  const shell = new AppShell(page);
  // The second seller finds the address of one of its own product pages…
  await login.signIn("13800000006", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/seller/);
  const productLink = page.locator('a[href^="/seller/products/"]:not([href$="/new"])').first();
  const href = await productLink.getAttribute("href");
  expect(href).toMatch(/^\/seller\/products\/[0-9a-f-]{36}$/);
  await page.goto(href!);
  await expect(shell.heading()).toBeVisible();
  await shell.signOut();
  // …which the first seller may not open.
  await login.signIn("13800000001", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/seller/);
  const response = await page.goto(href!);
  expect(response?.status()).toBe(403);
  await expect(page.getByText("无权访问")).toBeVisible();
});

test("the language switch changes to English and is remembered", async ({ page }) => {
  await new LoginPage(page).signIn(DEMO_ACCOUNTS[1].phone, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/catalog/);
  const english = page.getByRole("button", { name: /English|EN/ }).first();
  if (!(await english.isVisible())) await page.getByRole("button", { name: /菜单|Menu/ }).click();
  await english.click();
  await expect(new AppShell(page).heading()).toHaveText("Catalogue");
  await page.reload();
  await expect(new AppShell(page).heading()).toHaveText("Catalogue");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  // The choice is stored on the account too; switch back so later sign-ins see Chinese again.
  await page.getByRole("button", { name: "中文" }).first().click();
  await expect(new AppShell(page).heading()).toHaveText("商品目录");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});
