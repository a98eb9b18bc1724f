import { expect, test } from "./fixtures";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../demo-accounts";
import { LoginPage } from "./pages/login-page";
import { TrunkPage } from "./pages/trunk-page";

// The demo operator works today's Sanming trunk runs, which the seed loads with tomorrow's packed orders: it runs
// 自动分配, then takes a run with seller orders on it through 发车 and 到达, and sees its orders received at the
// warehouse (on the run and on an order's timeline). The seeded runs leave at 14:00 and arrive at 23:30 Beijing
// time, their status following the clock: late in the evening every run of today has arrived and there is
// nothing left to receive.
const operator = DEMO_ACCOUNTS.find((a) => a.role === "operator")!;

test("the operator assigns, departs and receives a Sanming trunk run", async ({
  page,
}) => {
  // It changes the seeded orders it acts on, and both projects share one server and database: it runs once,
  // on the desktop (operators plan at a desk).
  test.skip(
    test.info().project.name !== "desktop",
    "runs in the desktop project only"
  );
  test.setTimeout(120_000);
  const login = new LoginPage(page);
  const trunk = new TrunkPage(page);

  await login.signIn(operator.phone, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/ops/);
  await trunk.open();
  await expect(trunk.outlook()).toContainText("明日可用库存");
  await trunk.autoAssign();

  const candidates = trunk.openRunsWithLoads();
  test.skip(
    (await candidates.count()) === 0,
    "every run of today has already arrived (late evening, Beijing time)"
  );
  const run = candidates.first();
  const id = (await run.getAttribute("data-departure"))!;
  const numbers = await trunk.orderNumbers(run);
  expect(numbers.length).toBeGreaterThan(0);

  if ((await run.getAttribute("data-status")) === "scheduled")
    await trunk.depart(trunk.run(id));
  await expect(trunk.run(id)).toHaveAttribute("data-status", "departed");
  await trunk.arrive(trunk.run(id));
  await expect(trunk.notice()).toContainText("个卖家订单已入仓");
  await expect(trunk.run(id)).toHaveAttribute("data-status", "arrived");
  // Its packed seller orders are now at the warehouse.
  const arrived = trunk.run(id);
  await arrived.getByText(/卖家订单（\d+）/).click();
  const received = arrived
    .locator('li[data-seller-order][data-so-status="received"]')
    .first();
  await expect(received).toBeVisible();
  const number = await received.locator("a").first().innerText();

  // That order's timeline tells both trunk events and the receipt.
  await page.goto(`/ops/orders/${number}`);
  const timeline = page
    .locator("ol")
    .filter({ has: page.locator("li[data-event]") });
  await expect(
    timeline.locator('li[data-event="trunk_depart"]').first()
  ).toContainText("干线已从三明发车");
  await expect(
    timeline.locator('li[data-event="trunk_arrive"]').first()
  ).toContainText("干线已到达上海仓");
  await expect(
    timeline.locator('li[data-event="receive"]').first()
  ).toBeVisible();
});
