import { expect, test } from "./fixtures";
import { DEMO_PASSWORD } from "../demo-accounts";
import { LoginPage } from "./pages/login-page";
import { PlanningPage } from "./pages/planning-page";

// The operator plans tomorrow for 江桥 from the seeded orders: a short solve, a stop locked to its van, a
// re-plan that keeps it there, publishing, and a route's load sheet.
test("the operator plans tomorrow's routes, locks a stop, re-plans, publishes and prints a load sheet", async ({ page }) => {
  // Publishing changes the day's plan, and both projects share one server: desktop only (planning is a desk job).
  test.skip(test.info().project.name !== "desktop", "runs in the desktop project only");
  test.setTimeout(240_000);
  const planning = new PlanningPage(page);
  await new LoginPage(page).signIn("13800000003", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/ops/);

  await planning.openDay(/江桥/);
  await planning.createPlan(2);
  await planning.waitForSolve();
  await expect(planning.routes().first()).toBeVisible();

  const firstRoute = planning.routes().first();
  const plate = (await firstRoute.getAttribute("data-plate"))!;
  const row = firstRoute.locator('tr[data-testid="stop-row"]').first();
  const stopId = (await row.getAttribute("data-stop"))!;
  await planning.lock(row, plate);
  await expect(planning.stopRow(stopId)).toHaveAttribute("data-locked", "true");

  await planning.reoptimise(2);
  await planning.waitForSolve();
  const lockedRow = planning.stopRow(stopId);
  await expect(lockedRow).toHaveAttribute("data-locked", "true");
  await expect(page.locator(`[data-testid="route"][data-plate="${plate}"] tr[data-stop="${stopId}"]`)).toHaveCount(1);

  await planning.publish();
  await expect(page.getByRole("button", { name: "新建修订版" })).toBeVisible();

  const href = (await page.getByTestId("load-sheet").first().getAttribute("href"))!;
  const pdf = await page.request.get(href);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
});
