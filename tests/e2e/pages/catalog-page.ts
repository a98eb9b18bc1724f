import { expect, type Locator, type Page } from "@playwright/test";

/** The catalogue list (/catalog): search box with suggestions, facets (folded on phones), sort links, product cards. */
export class CatalogPage {
  constructor(private readonly page: Page) {}

  async open(query = ""): Promise<void> {
    await this.page.goto(`/catalog${query}`);
    await expect(this.page.getByRole("heading", { level: 1, name: "商品目录" })).toBeVisible();
  }

  searchBox(): Locator {
    return this.page.getByRole("combobox", { name: "搜索商品" });
  }

  suggestions(): Locator {
    return this.page.getByRole("listbox", { name: "搜索建议" }).getByRole("option");
  }

  /** The search box is hydrated: its suggestions and keyboard handling work from here on. */
  async expectSearchReady(): Promise<void> {
    await this.page.waitForFunction(() => {
      const box = document.querySelector('input[role="combobox"]');
      return !!box && Object.keys(box).some((k) => k.startsWith("__reactProps"));
    });
  }

  /** Types the words and submits the form with the button, as a buyer would. */
  async search(words: string): Promise<void> {
    await this.expectSearchReady();
    await this.searchBox().fill(words);
    await this.page.getByRole("button", { name: "搜索", exact: true }).click();
    await expect(this.page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(words)}`));
    await this.expectShowing(words);
  }

  /** Waits until the page shows the results for these words (the URL changes a moment before the new page renders). */
  async expectShowing(words: string): Promise<void> {
    await expect(this.subtitle()).toContainText(`“${words}”`);
  }

  subtitle(): Locator {
    return this.page.locator("main h1 + div").first();
  }

  /** On a phone the facets are folded behind "筛选": unfold them when they are. */
  async showFilters(): Promise<void> {
    const summary = this.page.locator("summary", { hasText: "筛选" });
    if (await summary.isVisible()) {
      const details = this.page.locator("details", { has: summary });
      if ((await details.getAttribute("open")) === null) await summary.click();
    }
  }

  facet(title: string): Locator {
    return this.page.getByRole("region", { name: title });
  }

  /** Clicks a facet value (its label, followed by its count) and waits for the URL to carry `expectParam`. */
  async filter(title: string, label: string, expectParam: RegExp): Promise<void> {
    await this.showFilters();
    await this.facet(title).getByRole("link", { name: new RegExp(`^${label}\\s+\\d+$`) }).click();
    await expect(this.page).toHaveURL(expectParam);
    await this.showFilters();
    await expect(this.facet(title).getByRole("link", { name: new RegExp(`^${label}`) })).toHaveAttribute("aria-current", "true");
  }

  async sortBy(label: string, expectParam: RegExp): Promise<void> {
    const link = this.page.getByRole("navigation", { name: "排序方式" }).getByRole("link", { name: label });
    await link.click();
    await expect(this.page).toHaveURL(expectParam);
    await expect(link).toHaveAttribute("aria-current", "true");
  }

  productCards(): Locator {
    return this.page.locator('main a[href^="/catalog/"]');
  }

  /** The per-kg prices of the cards in page order, in fen. */
  async perKgPrices(): Promise<number[]> {
    const values = await this.page.locator("main [data-per-kg-fen]").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-per-kg-fen"))));
    return values;
  }

  /** The subtitle's product count ("共 4 款商品"). */
  async total(): Promise<number> {
    const text = (await this.subtitle().textContent()) ?? "";
    return Number(/(\d[\d,]*)\s*款/.exec(text)?.[1].replace(/,/g, "") ?? Number.NaN);
  }
}

/** A product page (/catalog/:id) as far as the list's journeys look at it: photos and tiered prices. */
export class ProductPage {
  constructor(private readonly page: Page) {}

  async expectPhotosAndTiers(): Promise<void> {
    await expect(this.page).toHaveURL(/\/catalog\/[0-9a-f-]{36}$/);
    const gallery = this.page.getByRole("region", { name: "商品照片" });
    await expect(gallery.locator("img").first()).toBeVisible();
    expect(await gallery.locator("img").first().getAttribute("srcset")).toBeTruthy();
    // Every pack has its tier table; the demo packs have more than one tier.
    await expect(this.page.getByRole("heading", { name: "规格与阶梯价" })).toBeVisible();
    expect(await this.page.getByTestId("price-tier").count()).toBeGreaterThan(1);
  }
}
