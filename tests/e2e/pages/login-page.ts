import { expect, type Page } from "@playwright/test";

/** The sign-in page (/login). */
export class LoginPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/login");
  }

  async signIn(phone: string, password: string): Promise<void> {
    await this.open();
    await this.page.locator('input[name="phone"]').fill(phone);
    await this.page.locator('input[name="password"]').fill(password);
    await this.page.locator('form:has(input[name="password"]) [type="submit"]').click();
  }

  async expectError(): Promise<void> {
    await expect(this.page.getByRole("alert")).toBeVisible();
    await expect(this.page).toHaveURL(/\/login/);
  }
}

/** The shared layout around every signed-in page. */
export class AppShell {
  constructor(private readonly page: Page) {}

  heading() {
    return this.page.getByRole("heading", { level: 1 });
  }

  async signOut(): Promise<void> {
    const button = this.page.getByRole("button", { name: /^(退出登录|Sign out)$/ });
    if (!(await button.isVisible())) {
      // On phones the nav may be folded behind a menu button.
      await this.page.getByRole("button", { name: /菜单|Menu/ }).click();
    }
    await button.click();
    await expect(this.page).not.toHaveURL(/\/(catalog|seller|ops|driver|admin)/);
  }
}
