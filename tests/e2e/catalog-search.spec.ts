import { expect, test } from "./fixtures";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../demo-accounts";
import { CatalogPage, ProductPage } from "./pages/catalog-page";
import { LoginPage } from "./pages/login-page";

// The buyer's catalogue search on the demo marketplace, in both projects (desktop 1280 × 800 and the phone).
// 尤溪县's fresh shiitake (洋中镇 cooperative) are chilled; its dried ones are ambient: "xg" narrowed by 冷藏 and
// 尤溪县 leaves the fresh ones, in several grades and prices.

const buyer = DEMO_ACCOUNTS.find((a) => a.role === "buyer")!;

test("a buyer searches xg, filters by 冷藏 and 尤溪县, sorts by price per kg and opens a product with photos and tiered prices", async ({ page }) => {
  await new LoginPage(page).signIn(buyer.phone, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/catalog/);
  const catalog = new CatalogPage(page);

  await catalog.search("xg");
  const all = await catalog.total();
  expect(all).toBeGreaterThan(4);

  await catalog.filter("温层", "冷藏", /temp=chilled/);
  const chilled = await catalog.total();
  expect(chilled).toBeLessThan(all);

  await catalog.filter("产地", "尤溪县", /county=%E5%B0%A4%E6%BA%AA%E5%8E%BF/);
  await expect(page).toHaveURL(/q=xg/);
  await expect(page).toHaveURL(/temp=chilled/);
  const youxi = await catalog.total();
  expect(youxi).toBeGreaterThan(1);
  expect(youxi).toBeLessThan(chilled);
  // The removable chips name what was chosen.
  await expect(page.getByRole("navigation", { name: "已选条件" }).getByRole("link")).toHaveCount(3);

  await catalog.sortBy("每公斤价格（低到高）", /sort=price_per_kg/);
  const prices = await catalog.perKgPrices();
  expect(prices.length).toBe(youxi);
  expect(prices).toEqual([...prices].sort((a, b) => a - b));
  for (const card of await catalog.productCards().all()) await expect(card).toContainText("尤溪");

  await catalog.productCards().first().click();
  await new ProductPage(page).expectPhotosAndTiers();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("尤溪");
});

test("suggestions work by keyboard: type, ArrowDown to a product, Enter lands on it", async ({ page }) => {
  const catalog = new CatalogPage(page);
  await catalog.open();
  const box = catalog.searchBox();
  await box.click();
  await box.pressSequentially("xg", { delay: 40 });
  await expect(box).toHaveAttribute("aria-expanded", "true");
  const options = catalog.suggestions();
  await expect(options.first()).toBeVisible();
  expect(await options.count()).toBeLessThanOrEqual(8);
  // Categories come first; walk down to the first product.
  const labels = await options.allTextContents();
  const productIndex = labels.findIndex((l) => !l.endsWith("分类"));
  expect(productIndex).toBeGreaterThanOrEqual(0);
  for (let i = 0; i <= productIndex; i += 1) await box.press("ArrowDown");
  const chosen = options.nth(productIndex);
  await expect(chosen).toHaveAttribute("aria-selected", "true");
  await expect(box).toHaveAttribute("aria-activedescendant", (await chosen.getAttribute("id"))!);
  const name = (await chosen.locator("span").first().textContent())!.trim();
  await box.press("Enter");
  await expect(page).toHaveURL(/\/catalog\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);

  // Escape closes the list; Enter without a highlighted suggestion submits the words.
  await catalog.open();
  await box.pressSequentially("xg", { delay: 40 });
  await expect(options.first()).toBeVisible();
  await box.press("Escape");
  await expect(box).toHaveAttribute("aria-expanded", "false");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/catalog\?q=xg$/);
});

test("words typed before the page's JavaScript arrives are kept and searched (a weak network)", async ({ page }) => {
  // Hold the scripts back until the words are typed into the server-rendered box.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/assets/**/*.js", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto("/catalog", { waitUntil: "domcontentloaded" });
  const catalog = new CatalogPage(page);
  await catalog.searchBox().fill("xg");
  release();
  await catalog.expectSearchReady();
  // Focusing re-renders the box (the suggestion list opens): the typed words must survive it.
  await catalog.searchBox().click();
  await expect(catalog.searchBox()).toHaveValue("xg");
  await page.getByRole("button", { name: "搜索", exact: true }).click();
  await expect(page).toHaveURL(/\/catalog\?q=xg$/);
  await catalog.expectShowing("xg");
});

test("a signed-out visitor browses the catalogue with public prices and facet counts, and gets help for a misspelling", async ({ page }) => {
  const catalog = new CatalogPage(page);
  await catalog.open();
  await expect(page.getByRole("link", { name: "登录" }).first()).toBeVisible();
  expect(await catalog.total()).toBeGreaterThan(50);
  await expect(catalog.productCards().first()).toContainText("起");
  await catalog.filter("分类", "菌菇", /category=mushrooms/);
  await catalog.productCards().first().click();
  await new ProductPage(page).expectPhotosAndTiers();

  await catalog.open(`?q=${encodeURIComponent("香姑")}`);
  await expect(page.getByText("没有找到“香姑”相关的商品")).toBeVisible();
  await page.getByRole("link", { name: "香菇", exact: true }).click();
  await expect(page).toHaveURL(/q=%E9%A6%99%E8%8F%87/);
  await catalog.expectShowing("香菇");
  expect(await catalog.total()).toBeGreaterThan(0);
  await expect(catalog.searchBox()).toHaveValue("香菇");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the search form, facet links and sort links work as plain HTML", async ({ page }) => {
    const catalog = new CatalogPage(page);
    await catalog.open();
    await catalog.searchBox().fill("xg");
    await catalog.searchBox().press("Enter");
    await expect(page).toHaveURL(/\/catalog\?q=xg$/);
    await catalog.expectShowing("xg");
    expect(await catalog.total()).toBeGreaterThan(4);
    await catalog.filter("温层", "冷藏", /temp=chilled/);
    await catalog.sortBy("每公斤价格（低到高）", /sort=price_per_kg/);
    const prices = await catalog.perKgPrices();
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    // A new search keeps the filters and sort as hidden fields.
    await catalog.searchBox().fill("鲜香菇");
    await page.getByRole("button", { name: "搜索", exact: true }).click();
    await expect(page).toHaveURL(/q=%E9%B2%9C%E9%A6%99%E8%8F%87/);
    await expect(page).toHaveURL(/temp=chilled/);
    await expect(page).toHaveURL(/sort=price_per_kg/);
  });
});
