import { expect, type Locator, type Page } from "@playwright/test";

/** The operator's route planning screens: /ops/plans and /ops/plans/:planId. */
export class PlanningPage {
  constructor(private readonly page: Page) {}

  async openDay(warehouseName: RegExp): Promise<void> {
    await this.page.goto("/ops/plans");
    await this.page.locator("#plan-warehouse").selectOption({ label: (await this.warehouseLabel(warehouseName)) ?? "" });
    await this.page.getByRole("button", { name: "查看" }).click();
    await expect(this.page.getByTestId("plan-day-summary")).toBeVisible();
  }

  private async warehouseLabel(name: RegExp): Promise<string | undefined> {
    const options = await this.page.locator("#plan-warehouse option").allTextContents();
    return options.find((o) => name.test(o));
  }

  /** Opens "高级选项" of a form and sets the solve seconds (tests keep solves short). */
  async setSeconds(form: Locator, seconds: number): Promise<void> {
    await form.locator("summary").click();
    await form.locator('input[name="solveSeconds"]').fill(String(seconds));
  }

  async createPlan(seconds: number): Promise<void> {
    const form = this.page.getByRole("form", { name: "生成排线方案" });
    await this.setSeconds(form, seconds);
    await form.getByRole("button", { name: "生成排线方案" }).click();
    await expect(this.page).toHaveURL(/\/ops\/plans\/[0-9a-f-]{36}/);
  }

  /** Waits for the solve to end (the page reloads its data when the progress endpoint says so). */
  async waitForSolve(): Promise<void> {
    await expect(this.page.getByTestId("plan-summary")).toBeVisible({ timeout: 90_000 });
  }

  routes(): Locator {
    return this.page.getByTestId("route");
  }

  stopRow(stopId: string): Locator {
    return this.page.locator(`tr[data-stop="${stopId}"]`);
  }

  /** Locks a stop (a row of a route) to the van whose plate the option starts with. */
  async lock(row: Locator, plate: string): Promise<void> {
    const select = row.locator('select[name="vehicleId"]');
    const label = (await select.locator("option").allTextContents()).find((o) => o.startsWith(plate));
    await select.selectOption({ label: label ?? "" });
    await row.getByRole("button", { name: "保存锁定" }).click();
    await expect(this.page.getByText("已保存锁定")).toBeVisible();
  }

  async reoptimise(seconds: number): Promise<void> {
    const form = this.page.locator("form").filter({ has: this.page.locator('input[name="intent"][value="solve"]') });
    await this.setSeconds(form, seconds);
    await form.getByRole("button", { name: "重新优化" }).click();
    await expect(this.page).toHaveURL(/notice=solving/);
  }

  async publish(): Promise<void> {
    await this.page.getByRole("button", { name: /^发布/ }).click();
    const confirm = this.page.getByRole("button", { name: "确认发布" });
    const published = this.page.getByText(/方案已发布/);
    await expect(confirm.or(published)).toBeVisible();
    if (await confirm.isVisible()) await confirm.click();
    await expect(published).toBeVisible();
  }
}
