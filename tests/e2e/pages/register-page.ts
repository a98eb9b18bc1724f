import type { Page } from "@playwright/test";

export interface Registration {
  kind: "cooperative" | "snack_supplier" | "wholesale_market" | "canteen" | "community_group";
  orgName: string;
  county: string;
  address: string;
  displayName: string;
  phone: string;
  password: string;
}

/** The registration page (/register): a new organization with its first user. */
export class RegisterPage {
  constructor(private readonly page: Page) {}

  async register(r: Registration): Promise<void> {
    await this.page.goto("/register");
    await this.page.locator(`input[name="kind"][value="${r.kind}"]`).check();
    await this.page.locator('input[name="orgName"]').fill(r.orgName);
    await this.page.locator('input[name="county"]').fill(r.county);
    await this.page.locator('input[name="address"]').fill(r.address);
    await this.page.locator('input[name="displayName"]').fill(r.displayName);
    await this.page.locator('input[name="phone"]').fill(r.phone);
    await this.page.locator('input[name="password"]').fill(r.password);
    await this.page.locator('input[name="passwordConfirm"]').fill(r.password);
    await this.page.locator('form:has(input[name="passwordConfirm"]) [type="submit"]').click();
  }

  fieldError(name: string) {
    return this.page.locator(`#f-${name}-error`);
  }
}
