import { expect, test } from "./fixtures";
import { StorefrontProductPage } from "./pages/storefront-product-page";

// A visitor without an account (a canteen buyer who has not registered yet, or a trader at a market stall)
// opens a demo product, checks photos, tiered prices per kg and stock, follows the current lot to its
// traceability page and the seller to its storefront. Runs in the desktop and the phone project.

test("a visitor opens a product with photos, tiered prices per kg, the current lot's trace page and the seller's storefront", async ({ page }) => {
  const product = new StorefrontProductPage(page);
  const productPath = await product.openProductWithLot();
  const name = (await product.heading().innerText()).trim();

  await product.expectPhotosWithSrcset();
  await product.expectTiersPerKg();
  await expect(product.packs().first().getByTestId("availability")).toHaveText(/现货 [\d,]+ \S+|预计 .+起可订|可预订|暂无现货/);
  await expect(page.getByText("平台已认证").first()).toBeVisible();

  // The current lot's trace page, public like the product.
  const lot = product.currentLots().first();
  const lotCode = /当前批次 (\S+)/.exec(await lot.innerText())?.[1];
  expect(lotCode).toBeTruthy();
  await lot.click();
  await expect(page).toHaveURL(/\/t\/[0-9a-f-]{36}$/);
  await expect(page.getByText("产品溯源").first()).toBeVisible();
  await expect(page.getByText(lotCode!).first()).toBeVisible();

  // Back to the product, then on to the seller's storefront, which lists this product.
  await page.goBack();
  await expect(product.heading()).toHaveText(name);
  await product.storefrontLink().click();
  await expect(page).toHaveURL(/\/sellers\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 2, name: "在售商品" })).toBeVisible();
  const card = page.locator(`a[href="${productPath}"]`);
  await expect(card).toBeVisible();
  await expect(card).toContainText(/折合 ¥[\d,.]+\/kg 起/);
  await expect(card.locator("img")).toHaveAttribute("srcset", / 320w/);
  await card.click();
  await expect(product.heading()).toHaveText(name);
});

test("the same product page in English uses English labels", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "hm_locale", value: "en", url: baseURL ?? "http://localhost" }]);
  const product = new StorefrontProductPage(page);
  await product.openProductWithLot();
  await expect(product.tierRows().first()).toContainText(/or more/);
  await expect(product.tierRows().first()).toContainText(/\/kg/);
  await expect(page.getByText("Verified by the platform").first()).toBeVisible();
  await expect(product.currentLots().first()).toContainText(/Current lot \S+ · trace it/);
  const main = (await page.locator("main").innerText()).replace(/\s+/g, " ");
  for (const label of ["现货", "起订", "折合", "平台已认证", "卖家信息", "产地"]) expect(main, label).not.toContain(label);
});

test("a product or seller that does not exist is a 404 page, not an error", async ({ page }) => {
  for (const path of ["/catalog/not-a-uuid", "/catalog/00000000-0000-4000-8000-000000000000", "/sellers/00000000-0000-4000-8000-000000000000", "/sellers/%27%20or%201=1"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
});
