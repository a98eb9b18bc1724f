import { expect, type Locator, type Page } from "@playwright/test";

/**
 * The public product page (/catalog/<id>) and seller storefront (/sellers/<id>) as a visitor without an
 * account sees them: photos, packs with tiered prices, the current lot's trace link and the seller.
 */
export class StorefrontProductPage {
  constructor(private readonly page: Page) {}

  /** Product links of the catalogue's first page (public: no sign-in). */
  async catalogueProductLinks(): Promise<string[]> {
    await this.page.goto("/catalog");
    const hrefs = await this.page.locator('main a[href^="/catalog/"]').evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    return [...new Set(hrefs.filter((h) => /^\/catalog\/[0-9a-f-]{36}$/.test(h)))];
  }

  /** Opens the first product of the catalogue that has a photo and a recorded lot; returns its path. */
  async openProductWithLot(): Promise<string> {
    for (const href of await this.catalogueProductLinks()) {
      await this.page.goto(href);
      if ((await this.currentLots().count()) > 0 && (await this.photos().count()) > 0) return href;
    }
    throw new Error("no product with a photo and a lot on the catalogue's first page");
  }

  heading(): Locator {
    return this.page.getByRole("heading", { level: 1 });
  }

  photos(): Locator {
    return this.page.getByRole("region", { name: /商品照片|Photos/ }).locator("img");
  }

  tierRows(): Locator {
    return this.page.getByTestId("price-tier");
  }

  packs(): Locator {
    return this.page.getByTestId("pack");
  }

  currentLots(): Locator {
    return this.page.getByTestId("current-lot");
  }

  storefrontLink(): Locator {
    return this.page.getByRole("link", { name: /进入卖家店铺|Visit the seller's storefront/ });
  }

  /** Every photo lists its variants by width in srcset, says how wide it is shown, and has loaded. */
  async expectPhotosWithSrcset(): Promise<void> {
    const first = this.photos().first();
    await expect(first).toHaveAttribute("srcset", /\/media\/products\/\S+ 320w, \S+ 640w/);
    await expect(first).toHaveAttribute("sizes", /vw/);
    await expect.poll(() => first.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  }

  /** Each tier row shows the price per pack and what it comes to per kilogram. */
  async expectTiersPerKg(): Promise<void> {
    const rows = this.tierRows();
    await expect(rows.first()).toBeVisible();
    const texts = await rows.allInnerTexts();
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).toMatch(/¥[\d,]+\.\d{2}\/\S+[\s\S]*¥[\d,]+\.\d{2}\/kg/);
  }
}
