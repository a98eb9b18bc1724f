import { test as base } from "@playwright/test";

/**
 * Every journey starts in Chinese, the default a new visitor sees: the locale cookie wins over the
 * language stored on an account, so one test switching an account to English cannot leak into another.
 */
export const test = base.extend({
  context: async ({ context, baseURL }, use) => {
    await context.addCookies([{ name: "hm_locale", value: "zh", url: baseURL ?? "http://localhost" }]);
    await use(context);
  },
});

export { expect } from "@playwright/test";
