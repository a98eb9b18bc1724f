import { describe, expect, it } from "vitest";
import { parseQueryArgs } from "./args";

describe("search:query arguments", () => {
  it("reads a query and the options", () => {
    expect(parseQueryArgs(["xg"])).toEqual({ query: "xg", engine: "embedded", limit: 10, facets: false, sort: "relevance" });
    expect(parseQueryArgs(["香菇 5kg", "--engine", "embedded", "--limit", "3", "--facets", "--sort", "newest"])).toEqual({ query: "香菇 5kg", engine: "embedded", limit: 3, facets: true, sort: "newest" });
  });
  it("refuses bad arguments", () => {
    for (const argv of [[], ["a", "b"], ["a", "--limit"], ["a", "--limit", "0"], ["a", "--limit", "x"], ["a", "--engine", "solr"], ["a", "--sort", "price"], ["a", "--verbose"]]) {
      expect(parseQueryArgs(argv)).toHaveProperty("error");
    }
  });
});
