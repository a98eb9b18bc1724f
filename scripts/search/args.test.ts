import { describe, expect, it } from "vitest";
import { parseQueryArgs, parseReindexArgs } from "./args";

describe("search:query arguments", () => {
  it("reads a query and the options", () => {
    expect(parseQueryArgs(["xg"])).toEqual({ query: "xg", engine: null, limit: 10, facets: false, sort: "relevance" });
    expect(parseQueryArgs(["香菇 5kg", "--engine", "embedded", "--limit", "3", "--facets", "--sort", "newest"])).toEqual({ query: "香菇 5kg", engine: "embedded", limit: 3, facets: true, sort: "newest" });
    expect(parseQueryArgs(["--engine", "meili", "mushroom"])).toEqual({ query: "mushroom", engine: "meili", limit: 10, facets: false, sort: "relevance" });
    expect(parseQueryArgs(["xg", "--help"])).toEqual({ help: true });
  });
  it("refuses bad arguments", () => {
    for (const argv of [[], ["a", "b"], ["a", "--limit"], ["a", "--limit", "0"], ["a", "--limit", "101"], ["a", "--limit", "x"], ["a", "--engine", "solr"], ["a", "--engine"], ["a", "--sort", "price"], ["a", "--verbose"]]) {
      expect(parseQueryArgs(argv)).toHaveProperty("error");
    }
    expect(parseQueryArgs(["a", "--engine", "solr"])).toEqual({ error: "unknown engine solr (available: embedded, meili)" });
    // An option where the engine's name belongs is not taken for one.
    expect(parseQueryArgs(["a", "--engine", "--facets"])).toEqual({ error: "--engine needs a value" });
  });
});

describe("search:reindex arguments", () => {
  it("defaults to the configured engine and batches of 200", () => {
    expect(parseReindexArgs([])).toEqual({ engine: null, batchSize: 200 });
    expect(parseReindexArgs(["--engine", "meili"])).toEqual({ engine: "meili", batchSize: 200 });
    expect(parseReindexArgs(["--batch-size", "50", "--engine", "embedded"])).toEqual({ engine: "embedded", batchSize: 50 });
    expect(parseReindexArgs(["-h"])).toEqual({ help: true });
  });
  it("refuses bad arguments", () => {
    for (const argv of [["--engine"], ["--engine", "elastic"], ["--batch-size", "0"], ["--batch-size", "1001"], ["--batch-size", "ten"], ["--force"], ["products"]]) {
      expect(parseReindexArgs(argv)).toHaveProperty("error");
    }
  });
});
