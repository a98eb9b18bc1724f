import { expect, test } from "./fixtures";
import { LoginPage } from "./pages/login-page";
import { OrderingPages } from "./pages/ordering-pages";

// The demo canteen buyer (复旦大学邯郸校区食堂) orders for tomorrow's delivery: packs of three sellers into the
// shared cart from product pages, each seller's minimum order value met, a delivery point and an open slot
// picked, the order placed and shown split per seller. A double click on 提交订单 makes one order; the whole
// flow also works with JavaScript switched off. Runs in the desktop and the phone project.
const BUYER = { phone: "13800000002", password: "huming2026" };

// Finding three sellers with stock walks several product pages.
test.describe.configure({ timeout: 180_000 });

test("a canteen buyer builds a cart across three sellers, picks a delivery point and slot, places the order and sees it split", async ({ page }) => {
  await new LoginPage(page).signIn(BUYER.phone, BUYER.password);
  await expect(page).toHaveURL(/\/catalog/);
  const ordering = new OrderingPages(page);
  await ordering.emptyCart();
  const sellers = await ordering.addFromSellers(3);
  await ordering.meetMinimums();

  // Three seller groups, a total, no shortfall, tier and per-kg prices shown.
  await expect(page.locator("section[data-seller]")).toHaveCount(3);
  await expect(page.getByTestId("shortfall")).toHaveCount(0);
  await expect(page.getByTestId("cart-total")).toContainText(/合计 ¥[\d,]+\.\d{2}/);
  await expect(page.getByText(/折合 ¥[\d,.]+\/公斤/).first()).toBeVisible();

  // Another canteen of the university, then the first open slot for it.
  const point = page.getByLabel("送货地址");
  const options = await point.locator("option").allInnerTexts();
  expect(options.length).toBeGreaterThanOrEqual(1);
  if (options.length > 1) {
    // With JavaScript the slots follow the point as soon as it changes.
    await point.selectOption({ index: 1 });
    await expect(page).toHaveURL(/\?point=/);
  }
  const slot = page.getByRole("radio").first();
  await slot.check();
  await page.getByLabel("备注（选填）").fill("请从北门进，联系王师傅");
  await ordering.submitButton().click();

  await expect(page).toHaveURL(/\/orders\/HM-\d{8}-\d{6,}\?placed=1$/);
  await expect(page.getByRole("status")).toContainText("订单已提交，已按卖家拆分为 3 个子订单");
  await expect(page.locator("section[data-seller-order]")).toHaveCount(3);
  for (const s of sellers) await expect(page.locator(`section[data-seller-order="${s.replace("/sellers/", "")}"]`)).toHaveCount(1);
  await expect(page.getByText("待卖家确认").first()).toBeVisible();
  await expect(page.getByText("请从北门进，联系王师傅")).toBeVisible();
  await expect(page.getByRole("heading", { name: "订单进度" })).toBeVisible();
  await expect(page.locator("[data-event=place]")).toContainText("提交订单");
  await expect(page.getByTestId("order-total")).toContainText(/¥[\d,]+\.\d{2}/);
  // The cart is empty again; the order is in the organization's list.
  await page.goto("/cart");
  await expect(page.getByText("购物车是空的。")).toBeVisible();
});

test("a double click on 提交订单 places one order", async ({ page }) => {
  await new LoginPage(page).signIn(BUYER.phone, BUYER.password);
  await expect(page).toHaveURL(/\/catalog/);
  const ordering = new OrderingPages(page);
  await ordering.emptyCart();
  await ordering.addFromSellers(1);
  await ordering.meetMinimums();
  const before = await ordering.orderNumbers();
  await page.goto("/cart");
  await page.getByRole("radio").first().check();
  await ordering.submitButton().dblclick();
  await expect(page).toHaveURL(/\/orders\/HM-\d{8}-\d{6,}/);
  await expect(page.locator("section[data-seller-order]")).toHaveCount(1);
  const after = await ordering.orderNumbers();
  expect(after.filter((n) => !before.includes(n))).toHaveLength(1);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("adding to the cart, a refused quantity, checkout and cancelling work with plain form posts", async ({ page }) => {
    await new LoginPage(page).signIn(BUYER.phone, BUYER.password);
    await expect(page).toHaveURL(/\/catalog/);
    const ordering = new OrderingPages(page);
    await ordering.emptyCart();
    // A quantity the pack refuses comes back as a field error on the product page, the typed value kept.
    const links = await ordering.productLinks();
    await page.goto(links[0]!);
    const form = page.locator("form[data-add-to-cart]").first();
    await form.getByRole("textbox").fill("-3");
    await form.getByRole("button", { name: "加入购物车" }).click();
    await expect(page.getByText("数量须大于 0")).toBeVisible();
    await expect(page.locator("form[data-add-to-cart]").first().getByRole("textbox")).toHaveValue("-3");

    await ordering.addFromSellers(2);
    await ordering.meetMinimums();
    const before = await ordering.orderNumbers();
    await page.goto("/cart");
    // Without JavaScript the point is chosen with its own button; the first slot is preselected.
    await page.getByRole("button", { name: "查看可选时段" }).click();
    await expect(page.getByRole("radio").first()).toBeChecked();
    await ordering.submitButton().click();
    await expect(page).toHaveURL(/\/orders\/HM-\d{8}-\d{6,}\?placed=1$/);
    await expect(page.locator("section[data-seller-order]")).toHaveCount(2);
    const number = /\/orders\/(HM-[\d-]+)/.exec(page.url())![1]!;
    expect(before).not.toContain(number);

    // Cancel before the cut-off: the timeline says who cancelled.
    await page.getByLabel("取消原因（选填）").fill("菜单调整");
    await page.getByRole("button", { name: "取消订单" }).click();
    await expect(page.getByRole("status")).toContainText("订单已取消");
    await expect(page.getByTestId("order-status")).toHaveText("已取消");
    await expect(page.locator("[data-event=cancel_by_buyer]").first()).toContainText("买家取消");

    // Re-order puts the lines back into the cart.
    await page.getByRole("button", { name: "再来一单" }).click();
    await expect(page).toHaveURL(/\/cart\?done=reordered/);
    await expect(page.getByRole("status")).toContainText("加入购物车");
    await ordering.emptyCart();
  });
});
