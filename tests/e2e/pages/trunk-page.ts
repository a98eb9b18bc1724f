import { expect, type Locator, type Page } from "@playwright/test";

/** The operator's Sanming trunk page (/ops/trunk): runs per warehouse, 自动分配, 发车 / 到达, 明日可用库存. */
export class TrunkPage {
  constructor(private readonly page: Page) {}

  async open(date?: string): Promise<void> {
    await this.page.goto(date ? `/ops/trunk?date=${date}` : "/ops/trunk");
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(
      "三明干线"
    );
  }

  notice(): Locator {
    return this.page.getByTestId("trunk-notice");
  }

  async autoAssign(): Promise<void> {
    await this.page
      .getByRole("button", { name: "自动分配", exact: true })
      .click();
    await expect(this.notice()).toContainText("已分配");
  }

  /** Runs still on their way or waiting to leave that carry seller orders. */
  openRunsWithLoads(): Locator {
    return this.page
      .locator(
        'li[data-departure]:is([data-status="scheduled"], [data-status="departed"])'
      )
      .filter({ has: this.page.locator("li[data-seller-order]") });
  }

  run(id: string): Locator {
    return this.page.locator(`li[data-departure="${id}"]`);
  }

  async depart(run: Locator): Promise<void> {
    await run.getByRole("button", { name: /发车$/ }).click();
    await expect(this.notice()).toContainText("已发车");
  }

  async arrive(run: Locator): Promise<void> {
    await run.getByRole("button", { name: /到达$/ }).click();
    await expect(this.notice()).toContainText("已到达");
  }

  /** The seller order numbers on a run (from the run's list of seller orders). */
  async orderNumbers(run: Locator): Promise<string[]> {
    return run.locator("li[data-seller-order] a").allInnerTexts();
  }

  outlook(): Locator {
    return this.page.getByTestId("stock-outlook");
  }
}
