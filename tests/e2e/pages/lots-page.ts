import { expect, type Download, type Locator, type Page } from "@playwright/test";

/** What a new lot is recorded with; only the pack and the production day are needed. */
export interface NewLot {
  /** Part of the pack's option text in the select (product name or pack label). */
  pack: string | RegExp;
  /** YYYY-MM-DD. */
  producedOn: string;
  /** YYYY-MM-DD; empty keeps the default from the product's shelf life. */
  expiresOn?: string;
  code?: string;
  originBase?: string;
  originPlot?: string;
  inspection?: string;
  quantity?: string;
  certificates?: Partial<Record<"green_food" | "organic" | "geo_indication" | "sc_licence", string>>;
}

/**
 * The seller's lots (/seller/lots, /seller/lots/new, /seller/lots/<id>) and what a lot leads to: its
 * PDF label and the public traceability page (/t/<id>) a canteen opens by scanning the label.
 */
export class LotsPage {
  constructor(private readonly page: Page) {}

  async openList(): Promise<void> {
    await this.page.goto("/seller/lots");
    await expect(this.page.getByRole("heading", { level: 1, name: /批次与溯源|Lots and traceability/ })).toBeVisible();
  }

  /** Opens the new-lot form, optionally for one pack (`?variant=`). */
  async openNew(variantId?: string): Promise<void> {
    await this.page.goto(`/seller/lots/new${variantId ? `?variant=${variantId}` : ""}`);
    await expect(this.page.getByRole("heading", { level: 1, name: /新建批次|New lot/ })).toBeVisible();
  }

  /** Fills and submits the new-lot form; returns the new lot's id from the page it lands on. */
  async create(lot: NewLot): Promise<string> {
    await this.openNew();
    const form = this.page.locator("form:has(select[name=variantId])");
    const select = form.locator("select[name=variantId]");
    const options = await select.locator("option").allTextContents();
    const label = options.find((o) => (typeof lot.pack === "string" ? o.includes(lot.pack) : lot.pack.test(o)));
    if (!label) throw new Error(`no pack matching ${String(lot.pack)} among: ${options.join(" | ")}`);
    await select.selectOption({ label });
    await this.fill(form, lot);
    await form.locator('button[type="submit"]').click();
    await expect(this.page).toHaveURL(/\/seller\/lots\/[0-9a-f-]{36}\?created=1/);
    return this.currentLotId();
  }

  /** The id of the lot whose page is open. */
  currentLotId(): string {
    const id = /\/seller\/lots\/([0-9a-f-]{36})/.exec(this.page.url())?.[1];
    if (!id) throw new Error(`not on a lot page: ${this.page.url()}`);
    return id;
  }

  async openLot(lotId: string): Promise<void> {
    await this.page.goto(`/seller/lots/${lotId}`);
  }

  /** The field error shown under a field of the lot form (e.g. "expiresOn"). */
  fieldError(field: string) {
    return this.page.locator(`#f-${field}-error`);
  }

  /** Submits the open lot's form with new dates (and the rest unchanged). */
  async changeDates(producedOn: string, expiresOn: string): Promise<void> {
    const form = this.page.locator('form:has(input[name=intent][value=save])');
    await form.locator("input[name=producedOn]").fill(producedOn);
    await form.locator("input[name=expiresOn]").fill(expiresOn);
    await form.locator('button[type="submit"]').click();
  }

  /** Uploads a document to the open lot. */
  async upload(filePath: string, kind = "test_report", number = ""): Promise<void> {
    const form = this.page.locator('form[enctype="multipart/form-data"]');
    await form.locator("select[name=kind]").selectOption(kind);
    if (number) await form.locator("input[name=number]").fill(number);
    await form.locator("input[type=file]").setInputFiles(filePath);
    await form.locator('button[type="submit"]').click();
  }

  /**
   * Opens the open lot's PDF label (a new tab) and returns its bytes; `copies` > 1 gives A4 sheets.
   * The label is fetched with the page's cookies, as the browser's PDF viewer would.
   */
  async openLabel(copies = 1): Promise<Buffer> {
    const lotId = this.currentLotId();
    const response = await this.page.request.get(`/seller/lots/${lotId}/label?copies=${copies}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    const body = await response.body();
    expect(body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    return body;
  }

  /** Clicks "生成 PDF 标签" and waits for the tab it opens (for journeys that print from the browser). */
  async clickPrintLabel(): Promise<Page> {
    const [popup] = await Promise.all([this.page.context().waitForEvent("page"), this.page.getByRole("button", { name: /生成 PDF 标签|Make the PDF label/ }).click()]);
    await popup.waitForLoadState();
    return popup;
  }

  /** Opens the public traceability page of a lot, as a phone that scanned the label would (no session needed). */
  async openPublicPage(lotId: string, page: Page = this.page): Promise<void> {
    await page.goto(`/t/${lotId}`);
    await expect(page.getByText(/产品溯源|Product traceability/).first()).toBeVisible();
  }

  /** Downloads a document from the public page by its kind's label (e.g. "检测报告"). */
  async downloadDocument(kindLabel: string | RegExp, page: Page = this.page): Promise<Download> {
    const row = page.locator("li", { hasText: kindLabel });
    const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: /下载|Download/ }).click()]);
    return download;
  }

  private async fill(form: Locator, lot: NewLot): Promise<void> {
    await form.locator("input[name=producedOn]").fill(lot.producedOn);
    if (lot.expiresOn !== undefined) await form.locator("input[name=expiresOn]").fill(lot.expiresOn);
    if (lot.code !== undefined) await form.locator("input[name=code]").fill(lot.code);
    if (lot.originBase !== undefined) await form.locator("input[name=originBase]").fill(lot.originBase);
    if (lot.originPlot !== undefined) await form.locator("input[name=originPlot]").fill(lot.originPlot);
    if (lot.inspection !== undefined) await form.locator("input[name=inspection]").fill(lot.inspection);
    if (lot.quantity !== undefined) await form.locator("input[name=quantity]").fill(lot.quantity);
    for (const [kind, number] of Object.entries(lot.certificates ?? {})) await form.locator(`input[name=cert_${kind}]`).fill(number ?? "");
  }
}
