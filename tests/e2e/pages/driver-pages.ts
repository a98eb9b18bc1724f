import { expect, type Locator, type Page } from "@playwright/test";

/** The driver app: today's route (/driver) and a stop's page (/driver/stops/:id). */
export class DriverPages {
  constructor(private readonly page: Page) {}

  async openRoute(): Promise<void> {
    await this.page.goto("/driver");
    await expect(this.page.getByRole("heading", { level: 1, name: "今日配送" })).toBeVisible();
    await expect(this.unsent()).toBeVisible();
  }

  /** The banner line with the number of actions still on the phone. */
  unsent(): Locator {
    return this.page.getByTestId("unsent");
  }

  /** Stop ids on the first route, in visit order. */
  async stopIds(): Promise<string[]> {
    const items = this.page.locator("section[data-route] li[data-stop]");
    await expect(items.first()).toBeVisible();
    return items.evaluateAll((els) => els.map((e) => e.getAttribute("data-stop")!));
  }

  /** Stop ids whose badge says planned (nothing done yet). */
  async plannedStopIds(): Promise<string[]> {
    return this.page.locator('section[data-route] li[data-stop]:has([data-status="planned"])').evaluateAll((els) => els.map((e) => e.getAttribute("data-stop")!));
  }

  async startRouteIfOffered(): Promise<void> {
    const button = this.page.getByRole("button", { name: /^(开始配送|有新到仓的订单，再次出库)$/ });
    if ((await button.count()) === 0) return;
    await button.first().click();
    await expect(this.page).toHaveURL(/\/driver\?started=\d+/);
  }

  async openStop(stopId: string): Promise<void> {
    await this.page.goto(`/driver/stops/${stopId}`);
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
    // Hydrated: the signature canvas replaces the typed-name fallback once signature_pad has loaded.
    await expect(this.signaturePad()).toBeVisible();
    await expect(this.unsent()).toBeVisible();
  }

  status(): Locator {
    return this.page.locator("header [data-status]");
  }

  signaturePad(): Locator {
    return this.page.getByTestId("signature-pad");
  }

  async arrive(): Promise<void> {
    await this.page.getByRole("button", { name: "已到达", exact: true }).click();
  }

  /** Fills each cold compartment's probe reading: `value(compartment)` gives the text to type. */
  async fillTemperatures(value: (compartment: "chilled" | "frozen") => string): Promise<string[]> {
    const inputs = this.page.locator('[data-testid="handover-form"] input[name^="temperature:"]');
    const names = await inputs.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).name));
    for (const name of names) {
      const c = name.split(":")[1] as "chilled" | "frozen";
      await this.page.locator(`input[name="${name}"]`).fill(value(c));
    }
    return names.map((n) => n.split(":")[1]);
  }

  async fillReceiver(name: string): Promise<void> {
    await this.page.locator("#f-receiverName").fill(name);
  }

  /** Signs with a few mouse strokes across the canvas. */
  async sign(): Promise<void> {
    // Mouse coordinates are the viewport's: bring the canvas on screen first.
    await this.signaturePad().scrollIntoViewIfNeeded();
    const box = (await this.signaturePad().boundingBox())!;
    const { mouse } = this.page;
    await mouse.move(box.x + 20, box.y + box.height / 2);
    await mouse.down();
    for (let i = 1; i <= 12; i++) await mouse.move(box.x + 20 + i * ((box.width - 40) / 12), box.y + box.height / 2 + (i % 2 === 0 ? -25 : 25), { steps: 3 });
    await mouse.up();
    await expect(this.page.locator('input[name="signatureSvg"]')).toHaveValue(/^<svg/);
  }

  async submitHandOver(): Promise<void> {
    await this.page.getByRole("button", { name: "确认签收" }).click();
  }

  fieldError(text: string | RegExp): Locator {
    return this.page.locator('[data-testid="handover-form"] p.text-red-700', { hasText: text });
  }

  deliveredProof(): Locator {
    return this.page.getByTestId("delivered-proof");
  }
}
