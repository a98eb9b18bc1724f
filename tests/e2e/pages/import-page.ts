import { expect, type Download, type Page } from "@playwright/test";

/** A problem as the preview lists it (the visible list: cards on a phone, a table from 640 px). */
export interface ImportIssue {
  row: number;
  column: string;
  message: string;
}

/**
 * The seller's spreadsheet import (/seller/import): download a template, upload a file (with JavaScript
 * it goes by XMLHttpRequest with a progress bar), read the preview's summary and problems, and apply.
 *
 *   const files = await writeImportFiles();            // tests/fixtures/import/files.ts
 *   await importPage.open();
 *   await importPage.upload(files.bad);
 *   expect(await importPage.issues()).toHaveLength(2);
 *   await importPage.upload(files.fixed);
 *   await importPage.apply();
 */
export class ImportPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/seller/import");
    await expect(this.page.getByRole("heading", { level: 1, name: /批量导入商品|Import products/ })).toBeVisible();
  }

  /** Downloads the XLSX or CSV template. */
  async downloadTemplate(kind: "xlsx" | "csv"): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.page.locator(`a[href="/seller/import/template.${kind}"]`).click()]);
    return download;
  }

  /** Chooses the file and uploads it; waits for the preview (or for the upload's error message). */
  async upload(filePath: string): Promise<void> {
    await this.page.locator('input[type="file"][name="file"]').setInputFiles(filePath);
    await this.page.locator('form:has(input[name="intent"][value="upload"]) button[type="submit"]').click();
    await expect(this.page.locator("[data-import-summary], [data-import-error], [data-import-failed]").first()).toBeAttached({ timeout: 60_000 });
  }

  /** The upload id of the preview on screen. */
  uploadId(): string {
    const id = new URL(this.page.url()).searchParams.get("upload");
    if (!id) throw new Error(`not on a preview: ${this.page.url()}`);
    return id;
  }

  /** Products, packs and errors the preview counts. */
  async summary(): Promise<{ products: number; packs: number; errors: number }> {
    const el = this.page.locator("[data-import-summary]");
    const n = async (name: string) => Number(await el.getAttribute(`data-${name}`));
    return { products: await n("products"), packs: await n("packs"), errors: await n("errors") };
  }

  /** The problems listed (row, column, message), as the seller sees them at this viewport. */
  async issues(): Promise<ImportIssue[]> {
    const items = this.page.locator("[data-import-issues] [data-row]:visible");
    const out: ImportIssue[] = [];
    for (let i = 0; i < (await items.count()); i++) {
      const item = items.nth(i);
      out.push({
        row: Number(await item.getAttribute("data-row")),
        column: ((await item.locator('[data-field="column"]').textContent()) ?? "").trim(),
        message: ((await item.locator('[data-field="message"]').textContent()) ?? "").trim(),
      });
    }
    return out;
  }

  /** Problems with the whole file (merged cells, headers, sheets …). */
  async fileProblems(): Promise<string[]> {
    return (await this.page.locator("[data-import-problems] li").allTextContents()).map((s) => s.trim());
  }

  /** The form-level message of a refused upload (too large, a PDF …). */
  async uploadError(): Promise<string> {
    return ((await this.page.locator("[data-import-error], [data-import-failed]").first().textContent()) ?? "").trim();
  }

  /** Imports the previewed file (ticking 直接上架 when asked and offered); waits for the result. */
  async apply(options: { publish?: boolean } = {}): Promise<{ products: number; packs: number; status: string }> {
    const form = this.page.locator('form:has(input[name="intent"][value="apply"])');
    if (options.publish) await form.locator('input[name="publish"]').check();
    await form.locator('button[type="submit"]').click();
    await expect(this.page).toHaveURL(/\/seller\/import\?done=/, { timeout: 60_000 });
    const url = new URL(this.page.url());
    return { status: url.searchParams.get("done") ?? "", products: Number(url.searchParams.get("products")), packs: Number(url.searchParams.get("packs")) };
  }
}
