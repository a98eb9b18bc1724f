import { expect, type Locator, type Page } from "@playwright/test";

/** What a key may do, as the create form labels its checkboxes (Chinese UI). */
export const SCOPE_LABELS = {
  "catalog:read": "查询商品与价格（catalog:read）",
  "orders:read": "查看订单、配送点与配送时段（orders:read）",
  "orders:write": "下单与取消订单（orders:write）",
} as const;
export type ScopeName = keyof typeof SCOPE_LABELS;

/** The buyer's API key settings (/account/api-keys): the create form, the key shown once, the list with revoke. */
export class ApiKeysPage {
  constructor(private readonly page: Page) {}

  /** Opens the page from the header's main navigation. */
  async openFromNav(): Promise<void> {
    await this.page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "API 密钥", exact: true }).click();
    await this.expectLoaded();
  }

  /**
   * The page is shown and React has hydrated it. Until then its forms post natively: a reload after such a
   * create would send the form again, and revoking would skip the confirmation.
   */
  async expectLoaded(): Promise<void> {
    await expect(this.page).toHaveURL(/\/account\/api-keys(\?|$)/);
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText("API 密钥");
    await this.page.waitForFunction(() => {
      const button = document.querySelector('section[aria-labelledby="create-key"] button[type="submit"]');
      return !!button && Object.keys(button).some((k) => k.startsWith("__reactProps"));
    });
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.expectLoaded();
  }

  nameInput(): Locator {
    return this.page.getByLabel("名称", { exact: true });
  }

  scope(scope: ScopeName): Locator {
    return this.page.getByRole("checkbox", { name: SCOPE_LABELS[scope], exact: true });
  }

  /** Fills the create form: the name and exactly these scopes ticked (the form starts with only the read scopes ticked). */
  async fillCreateForm(name: string, scopes: readonly ScopeName[]): Promise<void> {
    await this.nameInput().fill(name);
    for (const s of Object.keys(SCOPE_LABELS) as ScopeName[]) await this.scope(s).setChecked(scopes.includes(s));
  }

  async submitCreate(): Promise<void> {
    await this.page.getByRole("button", { name: "创建", exact: true }).click();
  }

  nameError(): Locator {
    return this.page.locator("#f-name-error");
  }

  scopesError(): Locator {
    return this.page.locator("#f-scopes-error");
  }

  /** The box with the new key, shown once after creating it. */
  createdBox(): Locator {
    return this.page.getByRole("status").filter({ has: this.page.getByTestId("new-api-key") });
  }

  newKeyField(): Locator {
    return this.page.getByTestId("new-api-key");
  }

  /** The new key's full text, read from the page. */
  async readNewKey(name: string): Promise<string> {
    await expect(this.createdBox().getByRole("heading")).toHaveText(`密钥“${name}”已创建`);
    await expect(this.createdBox()).toContainText("离开本页后将无法再次查看");
    return this.newKeyField().inputValue();
  }

  /** The key's entry in the list 已有密钥. */
  keyItem(name: string): Locator {
    return this.page.locator('section[aria-labelledby="key-list"] li').filter({ has: this.page.getByRole("heading", { level: 3, name, exact: true }) });
  }

  revokeButton(name: string): Locator {
    return this.page.getByRole("button", { name: `吊销 ${name}`, exact: true });
  }

  /** Revokes the key through its button, accepting the confirmation; returns the confirmation's text. */
  async revoke(name: string): Promise<string> {
    const dialog = this.page.waitForEvent("dialog").then(async (d) => {
      const message = d.message();
      expect(d.type()).toBe("confirm");
      await d.accept();
      return message;
    });
    await this.revokeButton(name).click();
    const message = await dialog;
    await expect(this.page).toHaveURL(/\/account\/api-keys\?revoked=[0-9a-f-]{36}$/);
    return message;
  }
}
