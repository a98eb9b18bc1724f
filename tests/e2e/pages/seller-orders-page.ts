import { expect, type Locator, type Page } from "@playwright/test";

/** The seller's order inbox (/seller/orders) and one seller order (/seller/orders/:id). */
export class SellerOrdersPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/seller/orders");
  }

  /** Filters the inbox by buyer name and status, as a person would with the filter form. */
  async filter(options: { buyer?: string; status?: string }): Promise<void> {
    if (options.buyer !== undefined) await this.page.getByLabel("买家", { exact: true }).fill(options.buyer);
    if (options.status !== undefined) await this.page.getByLabel("状态", { exact: true }).selectOption(options.status);
    await this.page.getByRole("button", { name: "筛选" }).click();
  }

  /** The inbox card of the first order of a buyer. */
  card(buyer: string): Locator {
    return this.page.locator("li[data-number]").filter({ hasText: buyer }).first();
  }

  async confirmFromInbox(card: Locator): Promise<void> {
    await card.getByRole("button", { name: /整单确认/ }).click();
    await expect(this.page.getByRole("status")).toContainText("已确认接单");
  }

  async openOrder(card: Locator): Promise<void> {
    await card.getByRole("link", { name: /处理订单/ }).click();
    await expect(this.page).toHaveURL(/\/seller\/orders\/[0-9a-f-]{36}/);
  }

  /** Short-ships the line with the most packs by `fewer` packs, with a reason; returns the packs it ships now. */
  async shortShipLargestLine(fewer: number, reason: string): Promise<number> {
    const form = this.page.locator("details").filter({ hasText: "缺货调整" });
    await form.locator("summary").click();
    const inputs = form.locator('input[name^="shipped-"]');
    let best: { name: string; value: number } | null = null;
    for (const input of await inputs.all()) {
      const value = Number(await input.inputValue());
      const name = (await input.getAttribute("name"))!;
      if (!best || value > best.value) best = { name, value };
    }
    if (!best || best.value <= fewer) throw new Error("no line with enough packs to short-ship");
    const lineId = best.name.slice("shipped-".length);
    await form.locator(`input[name="${best.name}"]`).fill(String(best.value - fewer));
    await form.locator(`input[name="reason-${lineId}"]`).fill(reason);
    await form.getByRole("button", { name: "保存缺货调整" }).click();
    await expect(this.page.getByRole("status")).toContainText("已保存缺货调整");
    return best.value - fewer;
  }

  /** Records every variable-weight line at `ratio` of its nominal weight, in kilograms. */
  async recordWeights(ratio: number): Promise<void> {
    const inputs = this.page.locator('input[name^="weight-"]');
    await expect(inputs.first()).toBeVisible();
    for (const input of await inputs.all()) {
      const nominal = Number(await input.getAttribute("data-nominal-grams"));
      await input.fill(((Math.round(nominal * ratio) / 1000)).toFixed(3).replace(/\.?0+$/, ""));
    }
    await this.page.getByRole("button", { name: "保存实重" }).click();
    await expect(this.page.getByRole("status")).toContainText("已保存实重");
  }

  async pack(): Promise<void> {
    await this.page.getByRole("button", { name: "标记已打包" }).click();
    await expect(this.page.getByRole("status")).toContainText("已标记为已打包");
    await expect(this.page.getByTestId("seller-order-status")).toHaveText("已打包");
  }

  /** The order number from the page heading. */
  async number(): Promise<string> {
    const heading = await this.page.getByRole("heading", { level: 1 }).innerText();
    const m = /HM-\d{8}-\d+/.exec(heading);
    if (!m) throw new Error(`no order number in "${heading}"`);
    return m[0];
  }
}
