import { expect, type Page } from "@playwright/test";

/** The administrator's organization list (/admin) and review page (/admin/organizations/:id). */
export class AdminReviewPage {
  constructor(private readonly page: Page) {}

  /** The organization list, optionally filtered (state "submitted" is the review queue). */
  async openList(filters: { q?: string; kind?: string; state?: "submitted" | "incomplete" | "verified" | "rejected" | "suspended" } = {}): Promise<void> {
    const params = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => !!e[1]));
    await this.page.goto(`/admin${params.size > 0 ? `?${params}` : ""}`);
  }

  /** The "待审核 N" link above the list. */
  pendingCount() {
    return this.page.getByTestId("pending-review");
  }

  /** Types a search into the organization list's search box and submits it. */
  async search(q: string): Promise<void> {
    await this.page.locator("#admin-q").fill(q);
    await this.page.getByRole("search").getByRole("button", { name: /^(搜索|Search)$/ }).click();
    await expect(this.page).toHaveURL(new RegExp(`[?&]q=`));
  }

  /** Finds an organization by name through the search box and opens its review page. */
  async findOrganization(name: string): Promise<void> {
    await this.openList();
    await this.search(name);
    await this.page.getByRole("link", { name, exact: true }).click();
    await expect(this.page.getByRole("heading", { level: 1, name })).toBeVisible();
  }

  async approve(note?: string): Promise<void> {
    const form = this.page.locator('form[data-intent="approve"]');
    if (note) await form.locator('textarea[name="reason"]').fill(note);
    await form.getByRole("button", { name: /^(通过认证|Approve)$/ }).click();
    await expect(this.page).toHaveURL(/[?&]done=approve/);
  }

  async reject(reason: string): Promise<void> {
    const form = this.page.locator('form[data-intent="reject"]');
    await form.locator('textarea[name="reason"]').fill(reason);
    await form.getByRole("button", { name: /^(驳回|Reject)$/ }).click();
    await expect(this.page).toHaveURL(/[?&]done=reject/);
  }

  async suspend(reason: string): Promise<void> {
    const form = this.page.locator('form[data-intent="suspend"]');
    await form.locator('textarea[name="reason"]').fill(reason);
    await form.getByRole("button", { name: /^(暂停机构|Suspend organization)$/ }).click();
    await expect(this.page).toHaveURL(/[?&]done=suspend/);
  }

  async unsuspend(): Promise<void> {
    await this.page.locator('form[data-intent="unsuspend"]').getByRole("button").click();
    await expect(this.page).toHaveURL(/[?&]done=unsuspend/);
  }

  /** Disables (or re-enables) a member's account from the members list. */
  async toggleMember(displayName: string): Promise<void> {
    await this.page.locator("li", { hasText: displayName }).getByRole("button").click();
    await expect(this.page).toHaveURL(/[?&]done=(suspendUser|reactivateUser)/);
  }

  /** The organization's licence images, as shown on the review page. */
  licenceImages() {
    return this.page.locator('section[aria-labelledby="files-heading"] img');
  }
}
