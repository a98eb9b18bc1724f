import { expect, test } from "./fixtures";
import { DEMO_PASSWORD } from "../demo-accounts";
import { DriverPages } from "./pages/driver-pages";
import { AppShell, LoginPage } from "./pages/login-page";

// The demo driver works today's published route on a phone: two stops handed over with a drawn
// signature and probe temperatures, the second one while offline (queued on the phone, shown as
// unsent, sent when the network is back, then shown delivered).
const DRIVER_PHONE = "13800000004";

test("the driver delivers two stops with signature and temperature, one of them offline", async ({ page, context }) => {
  // It changes the seeded route, and both projects share one server: it runs once, on the phone.
  test.skip(test.info().project.name !== "phone", "runs in the phone project only");
  test.setTimeout(180_000);
  const login = new LoginPage(page);
  const driver = new DriverPages(page);

  await login.signIn(DRIVER_PHONE, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/driver$/);
  await driver.openRoute();
  expect((await driver.stopIds()).length).toBeGreaterThanOrEqual(3);
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/driver.webmanifest");
  await driver.startRouteIfOffered();
  const [first, second] = await driver.plannedStopIds();
  expect(second, "two planned stops on the demo driver's route").toBeTruthy();

  // Stop 1, online: arrive, a temperature out of range is refused on its field, then the hand-over.
  await driver.openStop(first);
  await expect(page.getByTestId("nav-amap")).toHaveAttribute("href", /^https:\/\/uri\.amap\.com\/marker\?position=1\d\d\.\d+%2C3\d\.\d+/);
  await expect(page.getByTestId("nav-baidu")).toHaveAttribute("href", /coord_type=gcj02/);
  await driver.arrive();
  await expect(driver.status()).toHaveAttribute("data-status", "arrived");
  // Sent and reloaded from the server (the page settles before the receiver signs).
  await expect(driver.unsent()).toHaveAttribute("data-count", "0");
  await expect(driver.status()).not.toHaveAttribute("data-unsent", /.*/);
  const compartments = await driver.fillTemperatures((c) => (c === "chilled" ? "12" : "-5"));
  await driver.fillReceiver("王师傅");
  await driver.sign();
  await driver.submitHandOver();
  if (compartments.length > 0) {
    await expect(driver.fieldError(/冷藏温度须在 0 至 8 °C 之间|冷冻温度须不高于 −15 °C/).first()).toBeVisible();
    await driver.fillTemperatures((c) => (c === "chilled" ? "3.5" : "-18"));
    await driver.submitHandOver();
  }
  await expect(driver.deliveredProof()).toBeVisible();
  await expect(driver.status()).toHaveAttribute("data-status", "delivered");
  await expect(driver.status()).not.toHaveAttribute("data-unsent", /.*/);
  await expect(driver.deliveredProof().getByRole("img")).toBeVisible();
  await expect(driver.unsent()).toHaveAttribute("data-count", "0");

  // Stop 2, offline: the hand-over is kept on the phone and shown as unsent until the network is back.
  await driver.openStop(second);
  const number = ((await page.getByText(/^订单：HM-/).first().textContent()) ?? "").match(/HM-\d{8}-\d+/)?.[0];
  expect(number, "the stop names its orders").toBeTruthy();
  await context.setOffline(true);
  await driver.fillTemperatures((c) => (c === "chilled" ? "4" : "-18"));
  await driver.fillReceiver("李阿姨");
  await driver.sign();
  await driver.submitHandOver();
  await expect(driver.unsent()).toHaveAttribute("data-count", "1");
  await expect(driver.unsent()).toHaveText("还有 1 条操作未同步");
  await expect(driver.status()).toHaveAttribute("data-status", "delivered");
  await expect(driver.status()).toHaveAttribute("data-unsent", "true");
  await expect(page.getByText("已保存在手机上，联网后同步。")).toBeVisible();
  await context.setOffline(false);
  await expect(driver.unsent()).toHaveAttribute("data-count", "0", { timeout: 20_000 });
  await expect(driver.deliveredProof()).toBeVisible();
  await expect(driver.status()).not.toHaveAttribute("data-unsent", /.*/);

  // The route page counts both as done.
  await driver.openRoute();
  await expect(page.locator(`li[data-stop="${first}"] [data-status="delivered"]`)).toBeVisible();
  await expect(page.locator(`li[data-stop="${second}"] [data-status="delivered"]`)).toBeVisible();

  // The operator sees the offline hand-over's proof on the order: receiver, probe temperature, signature.
  // Signing out forgets the cached route pages (addresses, receivers' phones) on the shared phone.
  // (The worker may cache the signed-out root data and icons again afterwards: nothing of the route.)
  const cachedDriverPages = () =>
    page.evaluate(async () => {
      const urls = await Promise.all((await caches.keys()).filter((k) => k.startsWith("huming-driver-pages-")).map(async (k) => (await (await caches.open(k)).keys()).map((r) => new URL(r.url).pathname)));
      return urls.flat().filter((p) => p.startsWith("/driver"));
    });
  expect((await cachedDriverPages()).length).toBeGreaterThan(0);
  await new AppShell(page).signOut();
  await expect.poll(cachedDriverPages).toEqual([]);
  await login.signIn("13800000003", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/ops/);
  await page.goto(`/ops/orders/${number}`);
  const proof = page.getByRole("region", { name: "签收记录" });
  await expect(proof).toContainText("签收人：李阿姨");
  await expect(proof).toContainText(/(冷藏交接温度：4|冷冻交接温度：-18) ℃/);
  await expect(proof.getByRole("img", { name: "签收人签名" })).toBeVisible();
});
