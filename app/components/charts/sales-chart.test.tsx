import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { lastWeekStarts } from "~/modules/seller/dashboard";
import { translator } from "~/utils/i18n/translate";
import { SalesChart } from "./sales-chart";

const weeks = lastWeekStarts(new Date("2026-12-02T04:00:00Z"));
const series = [
  { key: "a", name: "建宁通心白莲", weekly: [0, 0, 12_000, 0, 5_000, 0, 0, 250_000], totalFen: 267_000 },
  { key: "b", name: "泰宁香菇", weekly: [1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000], totalFen: 8_000 },
];

function render(locale: "zh" | "en") {
  return renderToStaticMarkup(<SalesChart id="c" title="近 8 周销售额" weeks={weeks} series={series} totalFen={275_000} locale={locale} t={translator(locale)} />);
}

describe("SalesChart", () => {
  it("is an SVG image with a title and a description naming the figures", () => {
    const html = render("zh");
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="c-title c-desc"/);
    expect(html).toContain('<title id="c-title">近 8 周销售额</title>');
    expect(html).toMatch(/<desc id="c-desc">[^<]*2 [^<]*¥2,750.00/);
  });

  it("draws one line per product through one point per week", () => {
    const html = render("zh");
    const paths = [...html.matchAll(/<path d="(M[^"]+)" fill="none"/g)].map((m) => m[1]);
    expect(paths).toHaveLength(2);
    for (const d of paths) expect(d.split(" L")).toHaveLength(8);
    // The top of the axis covers the highest week (¥2,500 → ¥3,000 in steps of ¥1,000).
    expect(html).toContain("¥3000");
    expect(html).toContain("¥0");
  });

  it("labels weeks by their Monday, Beijing time, in the viewer's order of day and month", () => {
    expect(render("zh")).toContain(">11/30</text>");
    expect(render("en")).toContain(">30/11</text>");
    expect(render("en")).toContain("¥3k");
  });

  it("repeats every figure in a table: a row per week, a column per product, totals at the foot", () => {
    const html = render("en");
    expect(html).toContain("<summary");
    expect([...html.matchAll(/<th scope="row"/g)]).toHaveLength(9);
    expect(html).toContain("Week of 30 Nov 2026");
    expect(html).toContain("¥2,500.00");
    expect(html).toContain("¥2,670.00");
  });
});
