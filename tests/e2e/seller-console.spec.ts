import sharp from "sharp";
import { expect, test } from "./fixtures";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../demo-accounts";
import { writeImportFiles } from "../fixtures/import/files";
import { AdminReviewPage } from "./pages/admin-review-page";
import { ImportPage } from "./pages/import-page";
import { ListingPage } from "./pages/listing-page";
import { AppShell, LoginPage } from "./pages/login-page";
import { LotsPage } from "./pages/lots-page";
import { RegisterPage } from "./pages/register-page";
import { SellerProfilePage } from "./pages/seller-profile-page";

// The seller console on a farmer's phone (390 × 844), from registration to a product buyers can see.
// Phone journeys only: playwright.config.ts leaves this file out of the desktop project.
test.use({ viewport: { width: 390, height: 844 } });

const admin = DEMO_ACCOUNTS.find((a) => a.role === "admin")!;
const buyer = DEMO_ACCOUNTS.find((a) => a.role === "buyer")!;
const demoSeller = DEMO_ACCOUNTS[0];

async function photo(hue: string, name: string) {
  const buffer = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: hue } }).jpeg({ quality: 80 }).toBuffer();
  return { name, mimeType: "image/jpeg", buffer };
}

test("a new cooperative is verified, lists a product with two photos and three price tiers, and buyers see it with its cover", async ({ page }) => {
  test.setTimeout(180_000);
  const suffix = String(Date.now() % 1_000_000).padStart(6, "0");
  const orgName = `明溪县夏阳淮山专业合作社${suffix}`;
  const phone = `1371${suffix}0`;
  const productName = `明溪淮山（铁棍）${suffix}`;
  const shell = new AppShell(page);

  await new RegisterPage(page).register({ kind: "cooperative", orgName, county: "明溪县", address: "福建省三明市明溪县夏阳乡", displayName: "黄社长", phone, password: "coop-pass-2026" });
  await expect(page).toHaveURL(/\/seller/);

  const profile = new SellerProfilePage(page);
  await profile.open();
  await profile.fillProfile({ contactName: "黄社长", contactPhone: phone, businessLicenceNo: "93350430MATWJJDQXF", lat: "26.3556", lng: "117.2016" });
  await profile.uploadLicence(await photo("#d8c9a8", "营业执照.jpg"));
  await profile.submitForReview();
  await shell.signOut();

  await new LoginPage(page).signIn(admin.phone, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/admin/);
  const review = new AdminReviewPage(page);
  await review.findOrganization(orgName);
  await review.approve();
  await shell.signOut();

  await new LoginPage(page).signIn(phone, "coop-pass-2026");
  await expect(page).toHaveURL(/\/seller/);
  const listing = new ListingPage(page);
  const productId = await listing.createDraft({ nameZh: productName, category: "vegetables", originCounty: "明溪县", tempClass: "ambient", shelfLifeDays: "30" });
  await listing.fillPack(0, { unit: "box", netWeight: "5kg", volume: "30", tiers: [["1", "68"], ["10", "64.5"], ["50", "60"]] });
  await listing.save();
  await listing.addPhotos(productId, [await photo("#7a5c3a", "淮山-1.jpg"), await photo("#c2a16b", "淮山-2.jpg")]);
  await listing.publish(productId);
  await shell.signOut();

  await new LoginPage(page).signIn(buyer.phone, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/catalog/);
  const card = page.locator(`a[href="/catalog/${productId}"]`);
  // The search index follows the publish through the job queue (ADR 0006): a few seconds at most, so search again
  // until the job has run rather than once.
  await expect
    .poll(
      async () => {
        await page.goto(`/catalog?q=${encodeURIComponent(productName)}`);
        return card.count();
      },
      { timeout: 30_000, intervals: [500, 1000, 2000] },
    )
    .toBeGreaterThan(0);
  await expect(card).toBeVisible();
  const cover = card.locator("img");
  await expect(cover).toHaveAttribute("srcset", /\/media\/products\/.+ 320w/);
  await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await card.click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(productName);
  await expect(page.getByText("¥60.00").first()).toBeVisible();
});

test("a 200-row spreadsheet with two bad rows is imported after fixing them", async ({ page }) => {
  test.setTimeout(120_000);
  const files = await writeImportFiles();
  await new LoginPage(page).signIn(demoSeller.phone, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/seller/);
  const importPage = new ImportPage(page);
  await importPage.open();
  await importPage.upload(files.bad);
  const issues = await importPage.issues();
  expect(issues.map((i) => i.row).sort((a, b) => a - b)).toEqual(files.badCells.map((c) => c.row).sort((a, b) => a - b));
  await importPage.open();
  await importPage.upload(files.fixed);
  expect(await importPage.summary()).toMatchObject({ packs: 200, errors: 0 });
  await importPage.apply();
});

test("a lot's QR label is printed and its traceability page opens without signing in", async ({ page, browser }) => {
  await new LoginPage(page).signIn(demoSeller.phone, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/seller/);
  const lots = new LotsPage(page);
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const lotId = await lots.create({ pack: /\d/, producedOn: today, originBase: "沙县区夏茂镇中心厨房", inspection: "出厂检验合格" });
  const label = await page.request.get(`/seller/lots/${lotId}/label`);
  expect(label.status()).toBe(200);
  expect(label.headers()["content-type"]).toBe("application/pdf");
  expect((await label.body()).subarray(0, 5).toString()).toBe("%PDF-");
  // What a canteen's phone shows after scanning the label: no account needed.
  const stranger = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const trace = await stranger.newPage();
  const res = await trace.goto(`/t/${lotId}`);
  expect(res?.status()).toBe(200);
  await expect(trace.getByText("沙县区夏茂镇中心厨房")).toBeVisible();
  await expect(trace.getByText("出厂检验合格")).toBeVisible();
  await stranger.close();
});

test("a listing draft survives going offline and closing the page", async ({ page, context }) => {
  test.setTimeout(120_000);
  await new LoginPage(page).signIn(demoSeller.phone, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/seller/);
  const listing = new ListingPage(page);
  const productId = await listing.createDraft({ nameZh: "沙县拌面（待定价）", category: "snacks_prepared", originCounty: "沙县区", tempClass: "chilled", shelfLifeDays: "5" });
  await listing.openEditor(productId);
  await context.setOffline(true);
  await page.locator('input[name="nameZh"]').fill("沙县拌面（花生酱 冷藏）");
  await page.locator('textarea[name="descriptionZh"]').fill("每份 250 克，配花生酱包。");
  await expect(page.locator("#listing-save-state")).toHaveText("离线，已保存在手机上", { timeout: 15_000 });
  await page.close();
  await context.setOffline(false);
  const again = await context.newPage();
  await new ListingPage(again).openEditor(productId);
  await again.getByRole("button", { name: "恢复未保存的内容" }).click();
  await expect(again.locator('input[name="nameZh"]')).toHaveValue("沙县拌面（花生酱 冷藏）");
  await expect(again.locator('textarea[name="descriptionZh"]')).toHaveValue("每份 250 克，配花生酱包。");
});
