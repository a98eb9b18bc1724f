import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SearchDb } from "./engine";
import { searchEngineContract } from "./engine.contract";
import type { SearchDocument } from "./documents.server";
import {
  buildFilter,
  createMeiliEngine,
  meiliQueryText,
  meiliSettings,
  meiliSort,
  meiliSynonyms,
  quoteFilterValue,
  settingsMatch,
  toFacetCounts,
  toHits,
  toMeiliDocument,
  type MeiliEngine,
} from "./meili.server";
import { analyzeDocument, analyzeQuery, type QueryTerm } from "./text.server";

// ---------------------------------------------------------------------------------------------
// The contract, against a real server when there is one.

if (process.env.MEILI_URL) {
  let engine: MeiliEngine | undefined;
  const index = `${process.env.MEILI_INDEX ?? "products"}_test_${process.pid}_${Date.now().toString(36)}`;
  searchEngineContract("meilisearch", () => {
    engine = createMeiliEngine({ url: process.env.MEILI_URL!, key: process.env.MEILI_KEY, index });
    return engine;
  });
  afterAll(async () => {
    await engine?.deleteIndex();
  });
} else {
  console.log("Meilisearch tests skipped: set MEILI_URL to run them");
  describe.skip("search engine contract: meilisearch (set MEILI_URL to run it)", () => {
    it.skip("runs the contract against a Meilisearch server", () => undefined);
  });
}

// ---------------------------------------------------------------------------------------------
// The pure parts.

const term = (text: string, han: boolean, parts: string[] = []): QueryTerm => ({ text, alternatives: [text], fuzzy: false, han, parts });

function searchDocument(overrides: Partial<SearchDocument> = {}): SearchDocument {
  return {
    ...analyzeDocument("泰宁香菇 泰宁县 泰宁县菌菇合作社", "Taining shiitake Taining Mushroom Cooperative", ["菌菇", "食用菌", "mushroom", "常温", "ambient"]),
    productId: "0b7c2a4e-1d1f-4c57-9a37-0a3f7d3c1a01",
    sellerId: "0b7c2a4e-1d1f-4c57-9a37-0a3f7d3c1a99",
    nameZh: "泰宁香菇",
    nameEn: "Taining shiitake",
    sellerName: "泰宁县菌菇合作社",
    sellerNameEn: "Taining Mushroom Cooperative",
    category: "mushrooms",
    originCounty: "泰宁县",
    tempClass: "ambient",
    certKinds: ["green_food"],
    inStock: true,
    availableSoon: false,
    minPricePerKgFen: 8000,
    createdAt: new Date("2026-01-02T03:04:05Z"),
    ...overrides,
  };
}

describe("Meilisearch settings", () => {
  const s = meiliSettings();
  it("searches names, pinyin, initials, synonyms, seller and county; product names first", () => {
    expect(s.searchableAttributes).toEqual(expect.arrayContaining(["nameZh", "nameEn", "pinyinFull", "pinyinInitials", "synonymsZh", "synonymsLatin", "sellerName", "originCounty"]));
    expect(s.searchableAttributes?.slice(0, 2)).toEqual(["nameZh", "nameEn"]);
  });
  it("filters on every facet and sorts by price per kg and creation time", () => {
    expect(s.filterableAttributes).toEqual(["category", "originCounty", "tempClass", "sellerId", "certKinds", "inStock", "availableSoon"]);
    expect(s.sortableAttributes).toEqual(expect.arrayContaining(["minPricePerKgFen", "createdAt"]));
    expect(s.rankingRules?.[0]).toBe("sort");
  });
  it("marks the Chinese fields as Chinese and tolerates one typo from four letters", () => {
    expect(s.localizedAttributes).toEqual([{ attributePatterns: expect.arrayContaining(["nameZh", "zhWords", "synonymsZh", "sellerName", "originCounty"]), locales: ["cmn"] }]);
    expect(s.localizedAttributes?.[0]?.attributePatterns).not.toContain("pinyinFull");
    expect(s.typoTolerance?.minWordSizeForTypos).toEqual({ oneTypo: 4, twoTypos: 64 });
    expect(s.typoTolerance?.disableOnAttributes).toContain("pinyinInitials");
    expect(s.pagination?.maxTotalHits).toBeGreaterThanOrEqual(100_000);
  });
  it("turns every synonym group into links both ways", () => {
    const syn = meiliSynonyms();
    expect(syn["香菇"]).toEqual(expect.arrayContaining(["冬菇", "花菇", "shiitake"]));
    expect(syn["冬菇"]).toEqual(expect.arrayContaining(["香菇"]));
    expect(syn["干笋"]).toEqual(["笋干"]);
    expect(syn["lei cha"]).toEqual(["擂茶"]);
    expect(meiliSynonyms([["A", "b"], ["b", "c"]])).toEqual({ a: ["b"], b: ["a", "c"], c: ["b"] });
    expect(s.synonyms).toEqual(syn);
  });
});

describe("Meilisearch settings comparison", () => {
  const wanted = meiliSettings();
  it("matches what the index reports, whatever order its sets come in and whatever else it holds", () => {
    const reported = JSON.parse(JSON.stringify(wanted));
    reported.filterableAttributes.reverse();
    reported.sortableAttributes.sort();
    reported.synonyms["香菇"].reverse();
    reported.typoTolerance.disableOnWords = [];
    reported.faceting.sortFacetValuesBy = { "*": "alpha" };
    reported.stopWords = [];
    expect(settingsMatch(reported, wanted)).toBe(true);
  });
  it("sees a change in order where order matters, or any missing or different value", () => {
    const swapped = JSON.parse(JSON.stringify(wanted));
    swapped.searchableAttributes.reverse();
    expect(settingsMatch(swapped, wanted)).toBe(false);
    const fewer = JSON.parse(JSON.stringify(wanted));
    fewer.filterableAttributes.pop();
    expect(settingsMatch(fewer, wanted)).toBe(false);
    expect(settingsMatch({ ...wanted, typoTolerance: { ...wanted.typoTolerance, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } } }, wanted)).toBe(false);
    expect(settingsMatch({}, wanted)).toBe(false);
  });
});

describe("Meilisearch filters and sorts", () => {
  it("quotes values, escaping quotes and backslashes and dropping control characters", () => {
    expect(quoteFilterValue("建宁县")).toBe('"建宁县"');
    expect(quoteFilterValue('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quoteFilterValue("x\u0000y\n")).toBe('"xy"');
    expect(quoteFilterValue(`"; OR inStock = true`)).toBe(`"\\"; OR inStock = true"`);
  });
  it("builds one expression per facet choice", () => {
    expect(buildFilter({ q: "" })).toEqual([]);
    expect(
      buildFilter({ q: "", category: "mushrooms", originCounty: "尤溪县", tempClass: "chilled", sellerId: "not-a-uuid", certKind: "organic", inStock: true, availableSoon: true }),
    ).toEqual(['category = "mushrooms"', 'originCounty = "尤溪县"', 'tempClass = "chilled"', 'sellerId = "not-a-uuid"', 'certKinds = "organic"', "inStock = true", "availableSoon = true"]);
    expect(buildFilter({ q: "", category: "'; --", inStock: false })).toEqual([`category = "'; --"`]);
  });
  it("maps sorts, ties broken by id", () => {
    expect(meiliSort("relevance")).toBeUndefined();
    expect(meiliSort(undefined)).toBeUndefined();
    expect(meiliSort("price_per_kg")).toEqual(["minPricePerKgFen:asc", "productId:asc"]);
    expect(meiliSort("newest")).toEqual(["createdAt:desc", "productId:asc"]);
  });
  it("sends our analysed words, compounds as their parts, at most ten", () => {
    expect(meiliQueryText(analyzeQuery("香菇 5kg"))).toBe("香菇");
    expect(meiliQueryText(analyzeQuery("ＸＧ"))).toBe("xg");
    expect(meiliQueryText([term("冻蒸饺", true, ["蒸饺", "冻"]), term("mushroom", false), term("蒸饺", true)])).toBe("蒸饺 冻 mushroom");
    expect(meiliQueryText(Array.from({ length: 12 }, (_, i) => term(`w${i}`, false))).split(" ")).toHaveLength(10);
    expect(meiliQueryText([])).toBe("");
  });
});

describe("Meilisearch documents, hits and facets", () => {
  it("keeps the analysed words as arrays, without the embedded engine's n-grams", () => {
    const d = toMeiliDocument(searchDocument());
    expect(d.zhWords).toEqual(expect.arrayContaining(["泰宁", "香菇"]));
    expect(d.pinyinFull).toContain("xianggu");
    expect(d.pinyinInitials).toContain("xg");
    expect(d.synonymsZh).toEqual(expect.arrayContaining(["冬菇", "花菇"]));
    expect(d.synonymsLatin).toContain("shiitake");
    // Category and temperature words, unless the name or seller already has them (菌菇 is in the seller's name).
    expect(d.extraZh).toEqual(expect.arrayContaining(["食用菌", "常温"]));
    expect(d.zhWords).toContain("菌菇");
    expect(d.extraZh).not.toContain("菌菇");
    // English words are in nameEn / sellerNameEn already.
    expect(d.extraLatin).toEqual(["ambient"]);
    expect([...d.zhWords, ...d.extraZh, ...d.extraLatin, ...d.synonymsZh].some((w) => w.includes(":"))).toBe(false);
    expect(d.createdAt).toBe(Date.parse("2026-01-02T03:04:05Z"));
    expect(d.minPricePerKgFen).toBe(8000);
    expect(d).toMatchObject({ productId: searchDocument().productId, category: "mushrooms", tempClass: "ambient", certKinds: ["green_food"], inStock: true, availableSoon: false });
  });
  it("leaves an unknown price out (sorted last), not null", () => {
    expect("minPricePerKgFen" in toMeiliDocument(searchDocument({ minPricePerKgFen: null }))).toBe(false);
  });
  it("maps hits and facet counts", () => {
    expect(toHits([{ productId: "a", _rankingScore: 0.98765 }, { productId: "b" }, { _rankingScore: 1 }])).toEqual([
      { id: "a", score: 0.988 },
      { id: "b", score: 0 },
    ]);
    expect(toFacetCounts({ certKinds: { organic: 2 }, inStock: { true: 1, false: 3 }, category: { tea: 4 } })).toEqual({
      category: { tea: 4 },
      originCounty: {},
      tempClass: {},
      sellerId: {},
      certKind: { organic: 2 },
      inStock: { true: 1, false: 3 },
      availableSoon: {},
    });
    expect(toFacetCounts(undefined).certKind).toEqual({});
  });
});

// ---------------------------------------------------------------------------------------------
// The engine's conversation with Meilisearch, against a stand-in speaking its HTTP API.

interface Recorded {
  method: string;
  path: string;
  body: unknown;
}

class FakeMeili {
  requests: Recorded[] = [];
  tasks = new Map<number, { status: string; error: { code: string; message: string } | null }>();
  searchResponses: ((body: Record<string, unknown>) => unknown)[] = [];
  failNext: { code: string; message: string } | null = null;
  settings: Record<string, unknown> = {};
  private server: Server = createServer((req, res) => void this.handle(req, res.writeHead.bind(res), res.end.bind(res)));
  url = "";

  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  stop() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
  of(method: string, pattern: RegExp) {
    return this.requests.filter((r) => r.method === method && pattern.test(r.path));
  }

  private task(type: string) {
    const uid = this.tasks.size + 1;
    this.tasks.set(uid, { status: this.failNext ? "failed" : "succeeded", error: this.failNext });
    this.failNext = null;
    return { taskUid: uid, indexUid: "products", status: "enqueued", type, enqueuedAt: new Date().toISOString() };
  }

  private async handle(req: IncomingMessage, head: (status: number, headers: Record<string, string>) => unknown, end: (body: string) => unknown) {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const url = new URL(req.url ?? "/", "http://x");
    const body = raw ? JSON.parse(raw) : undefined;
    this.requests.push({ method: req.method ?? "", path: url.pathname, body });
    const send = (status: number, json: unknown) => {
      head(status, { "content-type": "application/json" });
      end(JSON.stringify(json));
    };
    const taskMatch = /^\/tasks\/(\d+)$/.exec(url.pathname);
    if (req.method === "GET" && taskMatch) {
      const t = this.tasks.get(Number(taskMatch[1]))!;
      return send(200, { uid: Number(taskMatch[1]), indexUid: "products", type: "x", status: t.status, error: t.error, enqueuedAt: "", startedAt: "", finishedAt: "", duration: "PT0S", canceledBy: null, batchUid: 1 });
    }
    if (url.pathname === "/indexes/products/settings") {
      if (req.method === "GET") return send(200, this.settings);
      // As Meilisearch does: sets come back sorted, with defaults for what was not sent.
      this.settings = { ...(body as Record<string, unknown>), filterableAttributes: [...(body as { filterableAttributes: string[] }).filterableAttributes].sort(), distinctAttribute: null };
    }
    if (req.method === "POST" && url.pathname.endsWith("/search")) {
      const respond = this.searchResponses.shift();
      return send(200, respond ? respond(body) : { hits: [], totalHits: 0, totalPages: 0, page: 1, hitsPerPage: 24, processingTimeMs: 0, query: "" });
    }
    if (req.method === "GET" && url.pathname.endsWith("/documents")) {
      const offset = Number(url.searchParams.get("offset") ?? 0);
      const all = Array.from({ length: 1500 }, (_, i) => ({ productId: `p${i}` }));
      return send(200, { results: all.slice(offset, offset + Number(url.searchParams.get("limit") ?? 20)), offset, limit: 1000, total: all.length });
    }
    return send(202, this.task(`${req.method} ${url.pathname}`));
  }
}

/** A database stand-in answering loadSearchDocuments' one query with these product rows. */
function fakeDb(rows: unknown[]): SearchDb {
  return { product: { findMany: async () => rows } } as unknown as SearchDb;
}

const listedRow = {
  id: "0b7c2a4e-1d1f-4c57-9a37-0a3f7d3c1a01",
  sellerId: "0b7c2a4e-1d1f-4c57-9a37-0a3f7d3c1a99",
  nameZh: "泰宁香菇",
  nameEn: "Taining shiitake",
  category: "mushrooms",
  originCounty: "泰宁县",
  tempClass: "ambient",
  status: "active",
  createdAt: new Date("2026-01-02T03:04:05Z"),
  seller: { name: "泰宁县菌菇合作社", nameEn: null, verificationStatus: "verified", suspendedAt: null },
  variants: [{ netWeightGrams: 500, priceTiers: [{ unitPriceFen: 4000 }], stockBalance: { onHand: 3, reserved: 1 }, harvestWindows: [], lots: [] }],
};

describe("Meilisearch engine over HTTP (a stand-in server)", () => {
  const meili = new FakeMeili();
  let engine: MeiliEngine;
  beforeAll(async () => {
    await meili.start();
    engine = createMeiliEngine({ url: meili.url, key: "secret", index: "products", taskTimeoutMs: 2000 });
  });
  afterAll(() => meili.stop());

  it("applies the settings once, before the first call, and waits for those tasks", async () => {
    await engine.search(fakeDb([]), { q: "" });
    await engine.search(fakeDb([]), { q: "" });
    expect(meili.of("POST", /^\/indexes$/)).toEqual([{ method: "POST", path: "/indexes", body: { uid: "products", primaryKey: "productId" } }]);
    const settings = meili.of("PATCH", /^\/indexes\/products\/settings$/);
    expect(settings).toHaveLength(1);
    expect(settings[0]!.body).toEqual(JSON.parse(JSON.stringify(meiliSettings())));
    expect(meili.of("GET", /^\/tasks\/\d+$/).length).toBeGreaterThanOrEqual(2);
  });

  it("leaves settings the index already has alone (no re-indexing at every start)", async () => {
    const again = createMeiliEngine({ url: meili.url, index: "products" });
    await again.ensureSettings();
    expect(meili.of("PATCH", /^\/indexes\/products\/settings$/)).toHaveLength(1);
  });

  it("indexes listed products, removes the others, and waits for both tasks", async () => {
    const missing = "0b7c2a4e-1d1f-4c57-9a37-0a3f7d3c1a02";
    const before = meili.requests.length;
    await engine.index(fakeDb([listedRow]), [listedRow.id, missing]);
    const sent = meili.requests.slice(before);
    const add = sent.find((r) => r.method === "POST" && r.path === "/indexes/products/documents")!;
    expect(add.body).toEqual([expect.objectContaining({ productId: listedRow.id, nameZh: "泰宁香菇", inStock: true, minPricePerKgFen: 8000, createdAt: Date.parse("2026-01-02T03:04:05Z") })]);
    expect(sent.find((r) => r.path === "/indexes/products/documents/delete-batch")?.body).toEqual([missing]);
    // Each change is followed by polling its task before index() resolves.
    expect(sent.filter((r) => r.path.startsWith("/tasks/")).length).toBeGreaterThanOrEqual(2);
  });

  it("fails (so the job retries) when Meilisearch refuses a change", async () => {
    meili.failNext = { code: "invalid_document_id", message: "Document identifier is invalid" };
    await expect(engine.index(fakeDb([listedRow]), [listedRow.id])).rejects.toThrow(/Meilisearch index "products" at .*indexing documents failed: Document identifier is invalid/);
  });

  it("searches with the analysed words, filters, sort and facets, and maps the answer", async () => {
    meili.searchResponses.push(() => ({
      hits: [{ productId: listedRow.id, _rankingScore: 0.91234 }],
      totalHits: 1,
      totalPages: 1,
      page: 1,
      hitsPerPage: 10,
      processingTimeMs: 1,
      query: "香菇",
      facetDistribution: { certKinds: { organic: 1 }, inStock: { true: 1 } },
    }));
    const r = await engine.search(fakeDb([]), { q: "  香菇 5kg ", originCounty: "泰宁县", inStock: true, sort: "price_per_kg", facets: true, pageSize: 10, page: 1 });
    const body = meili.of("POST", /\/search$/).at(-1)!.body;
    expect(body).toEqual({
      q: "香菇",
      hitsPerPage: 10,
      page: 1,
      attributesToRetrieve: ["productId"],
      showRankingScore: true,
      matchingStrategy: "all",
      filter: ['originCounty = "泰宁县"', "inStock = true"],
      sort: ["minPricePerKgFen:asc", "productId:asc"],
      facets: ["category", "originCounty", "tempClass", "sellerId", "certKinds", "inStock", "availableSoon"],
      locales: ["cmn"],
    });
    expect(r).toEqual({ hits: [{ id: listedRow.id, score: 0.912 }], total: 1, page: 1, pages: 1, facets: expect.objectContaining({ certKind: { organic: 1 }, inStock: { true: 1 } }) });
  });

  it("answers a page beyond the end with the last page, and clamps absurd page sizes", async () => {
    const page = (n: number) => () => ({ hits: n === 3 ? [{ productId: "last", _rankingScore: 0.5 }] : [], totalHits: 50, totalPages: 3, page: n, hitsPerPage: 24, processingTimeMs: 0, query: "xg" });
    meili.searchResponses.push(page(99), page(3));
    const r = await engine.search(fakeDb([]), { q: "xg", page: Number.MAX_SAFE_INTEGER, pageSize: 24 });
    const bodies = meili.of("POST", /\/search$/).slice(-2).map((b) => b.body as { page: number; hitsPerPage: number; locales?: string[] });
    expect(bodies[0]!.page).toBeLessThanOrEqual(100_000);
    expect(bodies[1]!.page).toBe(3);
    expect(bodies[0]!.locales).toBeUndefined();
    expect(r).toEqual({ hits: [{ id: "last", score: 0.5 }], total: 50, page: 3, pages: 3 });
    await engine.search(fakeDb([]), { q: "", pageSize: 10_000, page: -5 });
    expect(meili.of("POST", /\/search$/).at(-1)!.body).toMatchObject({ q: "", hitsPerPage: 100, page: 1 });
  });

  it("finds nothing for text without words, without asking", async () => {
    const before = meili.of("POST", /\/search$/).length;
    for (const q of ["%", "!!!，。", "🍄"]) expect(await engine.search(fakeDb([]), { q, facets: true })).toEqual({ hits: [], total: 0, page: 1, pages: 1, facets: toFacetCounts(undefined) });
    expect(meili.of("POST", /\/search$/).length).toBe(before);
  });

  it("lists the indexed ids page by page", async () => {
    const ids = await engine.indexedIds();
    expect(ids).toHaveLength(1500);
    expect(ids[1499]).toBe("p1499");
  });

  it("says where Meilisearch could not be reached", async () => {
    const down = createMeiliEngine({ url: "http://127.0.0.1:9", index: "products", taskTimeoutMs: 500 });
    await expect(down.search(fakeDb([]), { q: "xg" })).rejects.toThrow(/Meilisearch index "products" at http:\/\/127.0.0.1:9: creating the index failed/);
  });
});
