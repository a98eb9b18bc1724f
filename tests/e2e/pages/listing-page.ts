import { expect, type Page } from "@playwright/test";

/** One pack of a listing as the editor takes it; tiers are [packs, yuan] pairs. */
export interface PackEntry {
  unit: "kg" | "jin" | "box" | "bag" | "piece";
  netWeight: string;
  volume: string;
  minOrder?: string;
  multiple?: string;
  tiers: [string, string][];
}

/** The seller's listing pages: new listing, the editor (/seller/products/:id/edit), photos and status. */
export class ListingPage {
  constructor(private readonly page: Page) {}

  /** Creates a draft from the first-step form; returns the product id from the editor's URL. */
  async createDraft(input: { nameZh: string; category: string; originCounty: string; tempClass: "ambient" | "chilled" | "frozen"; shelfLifeDays: string }): Promise<string> {
    await this.page.goto("/seller/products/new");
    const form = this.page.locator('form:has(input[name="shelfLifeDays"])');
    await form.locator('input[name="nameZh"]').fill(input.nameZh);
    await form.locator('select[name="category"]').selectOption(input.category);
    await form.locator('select[name="originCounty"]').selectOption(input.originCounty);
    await form.locator(`input[name="tempClass"][value="${input.tempClass}"]`).check();
    await form.locator('input[name="shelfLifeDays"]').fill(input.shelfLifeDays);
    await form.locator('button[type="submit"]').click();
    await expect(this.page).toHaveURL(/\/seller\/products\/[0-9a-f-]{36}\/edit/);
    return /\/seller\/products\/([0-9a-f-]{36})\/edit/.exec(this.page.url())![1];
  }

  async openEditor(productId: string): Promise<void> {
    await this.page.goto(`/seller/products/${productId}/edit`);
    await expect(this.page.locator('input[name="nameZh"]')).toBeVisible();
  }

  /** Fills pack `index` of the open editor. */
  async fillPack(index: number, pack: PackEntry): Promise<void> {
    const f = (field: string) => this.page.locator(`[name="packs.${index}.${field}"]`);
    await f("unit").selectOption(pack.unit);
    await f("netWeight").fill(pack.netWeight);
    await f("volume").fill(pack.volume);
    if (pack.minOrder) await f("minOrder").fill(pack.minOrder);
    if (pack.multiple) await f("multiple").fill(pack.multiple);
    for (const [j, [quantity, price]] of pack.tiers.entries()) {
      // A new pack shows one tier row; with JavaScript "＋ 添加一档" adds the next.
      if ((await f(`tiers.${j}.quantity`).count()) === 0) await this.page.getByRole("button", { name: /＋ 添加一档|\+ Add a tier/ }).nth(index).click();
      await f(`tiers.${j}.quantity`).fill(quantity);
      await f(`tiers.${j}.price`).fill(price);
    }
  }

  /** Saves the editor and waits for the product page. */
  async save(): Promise<void> {
    await this.page.locator('button[name="intent"][value="save"]').click();
    await expect(this.page).toHaveURL(/\/seller\/products\/[0-9a-f-]{36}\?saved=1/);
  }

  /** Uploads photos on the product's photos page and waits until the page lists them. */
  async addPhotos(productId: string, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
    await this.page.goto(`/seller/products/${productId}/photos`);
    await this.page.locator("#photo-files").setInputFiles(files);
    // With JavaScript each file uploads in turn with its own progress row; wait for all, then look at the grid.
    const done = this.page.locator('ul[aria-label="上传进度"] > li, ul[aria-label="Upload progress"] > li').filter({ hasText: /已添加|Added/ });
    await expect(done).toHaveCount(files.length, { timeout: 60_000 });
    await this.page.reload();
    await expect(this.page.locator(`li[id^="photo-"]`)).toHaveCount(files.length);
  }

  /** Publishes from the product page. */
  async publish(productId: string): Promise<void> {
    await this.page.goto(`/seller/products/${productId}`);
    await this.page.locator('button[name="intent"][value="publish"]').click();
    await expect(this.page.getByText(/已上架，买家现在可以在商品目录中看到它。|Published: buyers now see it/)).toBeVisible();
  }
}
