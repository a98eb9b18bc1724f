import { createHash } from "node:crypto";
import { test as base } from "@playwright/test";

/**
 * Every journey starts in Chinese, the default a new visitor sees: the locale cookie wins over the
 * language stored on an account, so one test switching an account to English cannot leak into another.
 *
 * Each test also comes from an address of its own: the e2e server trusts the loopback proxy
 * (TRUST_PROXY=loopback, see serve.ts), so X-Forwarded-For gives every test its own sign-in and
 * registration throttle buckets, as different people behind a real proxy would have.
 */
export const test = base.extend({
  context: async ({ context, baseURL }, use, testInfo) => {
    await context.addCookies([{ name: "hm_locale", value: "zh", url: baseURL ?? "http://localhost" }]);
    await context.setExtraHTTPHeaders({ "X-Forwarded-For": testAddress(`${testInfo.project.name} ${testInfo.titlePath.join(" ")}`) });
    await use(context);
  },
});

/** A stable documentation-range address (198.18.0.0/15) per test. */
function testAddress(name: string): string {
  const h = createHash("sha256").update(name).digest();
  return `198.${18 + (h[0] & 1)}.${h[1]}.${h[2] || 1}`;
}

export { expect } from "@playwright/test";
