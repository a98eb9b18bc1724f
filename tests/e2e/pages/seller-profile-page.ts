import { expect, type Page } from "@playwright/test";

/** The fields of the seller's profile form (/seller/profile); any left out keep what the page shows. */
export interface SellerProfile {
  name?: string;
  nameEn?: string;
  county?: string;
  address?: string;
  lat?: string;
  lng?: string;
  contactName?: string;
  contactPhone?: string;
  businessLicenceNo?: string;
  foodLicenceNo?: string;
  descriptionZh?: string;
  descriptionEn?: string;
}

export type LicenceFile = string | { name: string; mimeType: string; buffer: Buffer };

/** The seller's profile and verification page (/seller/profile): fill the profile, upload a licence image, submit for review. */
export class SellerProfilePage {
  constructor(private readonly page: Page) {}

  async open(orgId?: string): Promise<void> {
    await this.page.goto(orgId ? `/seller/profile?org=${orgId}` : "/seller/profile");
    await expect(this.page.getByRole("heading", { level: 1, name: /机构资料与认证|Profile and verification/ })).toBeVisible();
  }

  /** The status banner (待审核 / 已认证 / 未通过：… / 已暂停：… / 待提交审核); its data-verification-state is the state. */
  banner() {
    return this.page.locator("[data-verification-state]").first();
  }

  async expectState(state: "incomplete" | "submitted" | "verified" | "rejected" | "suspended"): Promise<void> {
    await expect(this.banner()).toHaveAttribute("data-verification-state", state);
  }

  /** Fills the given fields and saves; waits for the "saved" notice (or stays on the page with field errors). */
  async fillProfile(profile: SellerProfile, options: { expectSaved?: boolean } = {}): Promise<void> {
    for (const [name, value] of Object.entries(profile)) {
      if (value === undefined) continue;
      await this.page.locator(`form:has(input[name="intent"][value="save"]) [name="${name}"]`).fill(value);
    }
    await this.page.getByRole("button", { name: /^(保存资料|Save profile)$/ }).click();
    if (options.expectSaved ?? true) await expect(this.page).toHaveURL(/[?&]done=(saved|reset)/);
  }

  /** Uploads a licence image or PDF through the file picker (the camera input is for real phones). */
  async uploadLicence(file: LicenceFile, kind: "business_licence" | "food_licence" | "profile_photo" = "business_licence"): Promise<void> {
    const form = this.page.getByTestId("upload-form");
    await form.locator('select[name="kind"]').selectOption(kind);
    await form.locator("#f-file").setInputFiles(file);
    await form.getByRole("button", { name: /^(上传|Upload)$/ }).click();
    await expect(this.page).toHaveURL(/[?&]done=(uploaded|uploadedReset)/);
  }

  /** The uploaded files listed on the page. */
  files() {
    return this.page.locator('ul[aria-label="已上传的文件"] > li, ul[aria-label="Uploaded files"] > li');
  }

  async submitForReview(): Promise<void> {
    await this.page.getByRole("button", { name: /^(提交审核|Submit for review)$/ }).click();
    await expect(this.page).toHaveURL(/[?&]done=submitted/);
    await this.expectState("submitted");
  }

  /** What the page says is still missing before review (one item per line). */
  blockers() {
    return this.page.getByTestId("review-blockers").locator("li");
  }

  fieldError(name: string) {
    return this.page.locator(`#f-${name}-error`);
  }
}
