import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { translator } from "~/utils/i18n/translate";
import { SyncBanner } from "./sync-banner";
import type { DriverQueue } from "./use-driver-queue";

const queue = (over: Partial<DriverQueue> = {}): DriverQueue => ({
  ready: true,
  pending: [],
  otherAccounts: 0,
  notices: [],
  status: "idle",
  sync: async () => undefined,
  record: async () => undefined,
  dismiss: async () => undefined,
  ...over,
});

const render = (q: DriverQueue, locale: "zh" | "en" = "zh") => renderToStaticMarkup(<SyncBanner queue={q} t={translator(locale)} stopName={() => "复旦大学南区食堂"} />);

describe("SyncBanner", () => {
  it("shows nothing until the phone's queue was read (and so never without JavaScript)", () => {
    expect(render(queue({ ready: false, otherAccounts: 3 }))).toBe("");
  });

  it("says everything is sent, and tells of another account's unsent actions without counting them as the driver's", () => {
    const html = render(queue({ otherAccounts: 2 }));
    expect(html).toContain('data-count="0"');
    expect(html).toContain("本手机上还有 2 条由其他账号记录的操作未同步");
    expect(html).toContain('data-testid="other-accounts"');
    expect(render(queue({ otherAccounts: 2 }), "en")).toContain("2 unsent actions on this phone were recorded by another account");
  });

  it("has no other-account note when there is none, and names the stop of a refused action", () => {
    const html = render(queue({ notices: [{ id: "n1", stopId: "s1", outcome: "stale", message: "driverApp.outcome.stale" }] }));
    expect(html).not.toContain("other-accounts");
    expect(html).toContain("站点 复旦大学南区食堂：该站已被重新排线");
  });
});
