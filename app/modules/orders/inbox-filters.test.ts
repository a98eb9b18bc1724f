import { describe, expect, it } from "vitest";
import { filtersQuery, parseInboxFilters, parseOpsFilters } from "./inbox-filters";

const q = (s: string) => new URLSearchParams(s);

describe("the seller inbox's query", () => {
  it("defaults to open orders of every date and buyer, page 1", () => {
    expect(parseInboxFilters(q(""))).toEqual({ filters: { status: "open", date: null, buyer: "", page: 1 }, ignored: [] });
  });
  it("reads a status, a Beijing day, a buyer and a page", () => {
    expect(parseInboxFilters(q("status=confirmed&date=2026-12-03&buyer=%20复旦%20%20大学%20&page=2")).filters).toEqual({ status: "confirmed", date: "2026-12-03", buyer: "复旦 大学", page: 2 });
    expect(parseInboxFilters(q("status=all")).filters.status).toBe("all");
  });
  it("ignores and reports an unknown status and an impossible date", () => {
    expect(parseInboxFilters(q("status=pending&date=2026-02-30&page=-3"))).toEqual({ filters: { status: "open", date: null, buyer: "", page: 1 }, ignored: ["status", "date"] });
  });
  it("cuts an overlong buyer search", () => {
    expect(parseInboxFilters(q(`buyer=${"食".repeat(200)}`)).filters.buyer).toHaveLength(60);
  });
});

describe("the operator list's query", () => {
  it("reads search, status, date, district and warehouse", () => {
    const w = "8F0C4F0E-1111-4222-8333-944455556666";
    expect(parseOpsFilters(q(`q=HM-2026&status=partially_confirmed&date=2026-12-03&district=杨浦区&warehouse=${w}&page=4`))).toEqual({
      filters: { q: "HM-2026", status: "partially_confirmed", date: "2026-12-03", district: "杨浦区", warehouseId: w.toLowerCase(), page: 4 },
      ignored: [],
    });
  });
  it("ignores a seller-order-only status, a district outside Shanghai and a malformed warehouse", () => {
    expect(parseOpsFilters(q("status=open&district=鼓楼区&warehouse=1;drop&date=tomorrow"))).toEqual({
      filters: { q: "", status: null, date: null, district: null, warehouseId: null, page: 1 },
      ignored: ["status", "date", "district", "warehouseId"],
    });
  });
});

describe("filtersQuery", () => {
  it("leaves out empty values and defaults", () => {
    expect(filtersQuery({ status: "open", date: "2026-12-03", buyer: "", page: 1 }, { status: "open", page: 1 })).toBe("?date=2026-12-03");
    expect(filtersQuery({ status: null })).toBe("");
  });
});
