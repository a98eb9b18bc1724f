import { expect, test } from "./fixtures";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../demo-accounts";
import { AppShell, LoginPage } from "./pages/login-page";
import { RegisterPage } from "./pages/register-page";

// A phone number of our own per project and run, so the phone and desktop projects never collide.
function freshPhone(project: string): string {
  const tail = String(Date.now() % 1_000_000).padStart(6, "0");
  return `139${project === "phone" ? "1" : "2"}${tail}0`;
}

test("a new canteen registers and lands on the catalogue as a buyer", async ({ page }, info) => {
  const phone = freshPhone(info.project.name);
  await new RegisterPage(page).register({
    kind: "canteen",
    orgName: "上海海洋大学 第一食堂",
    county: "浦东新区",
    address: "上海市浦东新区沪城环路999号",
    displayName: "周采购",
    phone,
    password: "canteen-2026",
  });
  await expect(page).toHaveURL(/\/catalog/);
  await expect(new AppShell(page).heading()).toHaveText("商品目录");
  // The new account signs in again with its own password.
  await new AppShell(page).signOut();
  await new LoginPage(page).signIn(phone, "canteen-2026");
  await expect(page).toHaveURL(/\/catalog/);
});

test("registering a phone number that is taken shows a field error and keeps the input", async ({ page }) => {
  const register = new RegisterPage(page);
  await register.register({
    kind: "cooperative",
    orgName: "泰宁县岩谷香菇合作社",
    county: "泰宁县",
    address: "福建省三明市泰宁县杉城镇",
    displayName: "李社长",
    phone: DEMO_ACCOUNTS[0].phone,
    password: "coop-pass-2026",
  });
  await expect(register.fieldError("phone")).toHaveText("该手机号已注册");
  await expect(page.locator('input[name="orgName"]')).toHaveValue("泰宁县岩谷香菇合作社");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("sign-in and a wrong password work as plain HTML forms", async ({ page }) => {
    const login = new LoginPage(page);
    // Another account than auth.spec's wrong-password test, to stay clear of the sign-in rate limit.
    await login.signIn(DEMO_ACCOUNTS[3].phone, "not-the-password");
    await login.expectError();
    await login.signIn(DEMO_ACCOUNTS[1].phone, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/catalog/);
    await expect(new AppShell(page).heading()).toHaveText("商品目录");
  });
});

test("/healthz says ok and nothing about the installation", async ({ request }) => {
  const res = await request.get("/healthz");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok" });
});
