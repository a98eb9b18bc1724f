import { expect, type Page } from "@playwright/test";

/** The buyer's ordering pages: product page add-to-cart, the shared cart and checkout, the buyer's orders. */
export class OrderingPages {
  constructor(private readonly page: Page) {}

  /** Product links of the catalogue's in-stock listing (pages 1–2). */
  async productLinks(): Promise<string[]> {
    const out: string[] = [];
    for (const pageNo of [1, 2]) {
      await this.page.goto(`/catalog?stock=in&page=${pageNo}`);
      const hrefs = await this.page.locator('main a[href^="/catalog/"]').evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
      for (const h of hrefs) if (/^\/catalog\/[0-9a-f-]{36}$/.test(h) && !out.includes(h)) out.push(h);
    }
    return out;
  }

  /** Empties the organization's cart through its remove buttons. */
  async emptyCart(): Promise<void> {
    await this.page.goto("/cart");
    const buttons = this.page.getByRole("button", { name: /^从购物车删除/ });
    for (let n = await buttons.count(); n > 0; n--) {
      await buttons.first().click();
      // Wait for the page to show one line less before the next click.
      await expect(buttons).toHaveCount(n - 1);
    }
    await expect(this.page.getByText("购物车是空的。")).toBeVisible();
  }

  /**
   * Adds one pack of each of `sellers` different sellers to the cart from product pages (a quantity the pack's
   * minimum and multiple accept and its stock covers); returns the seller ids.
   */
  async addFromSellers(sellers: number): Promise<string[]> {
    const seen: string[] = [];
    for (const href of await this.productLinks()) {
      await this.page.goto(href);
      const seller = await this.page.locator('main a[href^="/sellers/"]').first().getAttribute("href");
      if (!seller || seen.includes(seller)) continue;
      const form = this.page.locator("form[data-add-to-cart]").first();
      if ((await form.count()) === 0) continue;
      const min = Number(await form.getAttribute("data-min"));
      const multiple = Number(await form.getAttribute("data-multiple"));
      const available = Number(await form.getAttribute("data-available"));
      if (!(available >= min + multiple * 10)) continue;
      await form.getByRole("textbox").fill(String(min + multiple * 2));
      await form.getByRole("button", { name: "加入购物车" }).click();
      await expect(this.page.getByRole("status")).toContainText("已加入购物车");
      seen.push(seller);
      if (seen.length === sellers) return seen;
    }
    throw new Error(`found only ${seen.length} sellers with stock`);
  }

  /** Raises quantities until no seller shows "再买 ¥x 即可起送". */
  async meetMinimums(): Promise<void> {
    await this.page.goto("/cart");
    for (let i = 0; i < 10; i++) {
      const shortfall = this.page.getByTestId("shortfall").first();
      if ((await shortfall.count()) === 0) return;
      await expect(shortfall).toContainText(/再买 ¥[\d,.]+ 即可起送/);
      const fen = Number(await shortfall.getAttribute("data-shortfall-fen"));
      const first = this.page.locator("section[data-seller]", { has: shortfall }).locator("li[data-line]").first();
      const sku = (await first.getAttribute("data-line"))!;
      const line = this.page.locator(`li[data-line="${sku}"]`);
      const [quantity, multiple, price] = await Promise.all(["data-quantity", "data-multiple", "data-unit-price"].map(async (a) => Number(await line.getAttribute(a))));
      const next = quantity + Math.ceil(fen / (price * multiple)) * multiple;
      await line.getByRole("textbox").fill(String(next));
      await line.getByRole("button", { name: "更新数量" }).click();
      await expect(line).toHaveAttribute("data-quantity", String(next));
    }
    throw new Error("minimums not met after 10 rounds");
  }

  submitButton() {
    return this.page.getByRole("button", { name: /^(提交订单|正在提交…)$/ });
  }

  /** Order numbers on the first page of /orders. */
  async orderNumbers(): Promise<string[]> {
    await this.page.goto("/orders");
    return this.page.locator("li[data-order]").evaluateAll((items) => items.map((li) => li.getAttribute("data-order") ?? ""));
  }
}
