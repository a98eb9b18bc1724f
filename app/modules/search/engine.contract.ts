/**
 * The search contract every engine must meet: run it with an engine factory (embedded.test.ts for the embedded engine).
 * Seeds a small catalogue on a fresh database (PostgreSQL when TEST_DATABASE_URL is set, otherwise PGlite).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "~/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-db";
import { createOrganization, createProduct } from "../../../tests/factories";
import type { SearchEngine, SearchQuery } from "./engine";

export function searchEngineContract(label: string, makeEngine: () => SearchEngine | Promise<SearchEngine>) {
  describe(`search engine contract: ${label}`, () => {
    let t: TestDatabase;
    let db: PrismaClient;
    let engine: SearchEngine;
    const id: Record<string, string> = {};
    const names = async (query: SearchQuery) => {
      const r = await engine.search(db, query);
      const rows = await db.product.findMany({ where: { id: { in: r.hits.map((h) => h.id) } }, select: { id: true, nameZh: true } });
      const byId = new Map(rows.map((p) => [p.id, p.nameZh]));
      return r.hits.map((h) => byId.get(h.id) ?? h.id);
    };

    beforeAll(async () => {
      t = await createTestDatabase();
      console.log(`search contract (${label}) on ${t.label}`);
      db = t.db.prisma;
      engine = await makeEngine();
      const seller = await createOrganization(db, { name: "建宁县莲乡合作社", nameEn: "Jianning Lotus Cooperative", county: "建宁县" });
      const snack = await createOrganization(db, { kind: "snack_supplier", name: "沙县小吃食品公司", nameEn: "Shaxian Snacks", county: "沙县区" });
      const pending = await createOrganization(db, { name: "待审核合作社", verificationStatus: "pending" });
      const suspended = await createOrganization(db, { name: "停业合作社", suspendedAt: new Date() });
      const mk = async (key: string, input: Parameters<typeof createProduct>[1], perPackFen: number, grams = 1000) => {
        const p = await createProduct(db, { ...input, variants: [{ netWeightGrams: grams, tiers: [{ minQuantity: 1, unitPriceFen: perPackFen }] }] });
        id[key] = p.id;
        return p;
      };
      await mk("lotus", { sellerId: seller.id, nameZh: "建宁通心白莲（特级）", nameEn: "Jianning cored white lotus seeds", category: "forest_goods", originCounty: "建宁县" }, 9000);
      await mk("kumquat", { sellerId: seller.id, nameZh: "尤溪金柑", nameEn: "Youxi kumquats", category: "fruit", originCounty: "尤溪县", tempClass: "chilled" }, 1600);
      await mk("wonton", { sellerId: snack.id, nameZh: "沙县扁肉（速冻）", nameEn: "Shaxian wontons, frozen", category: "snacks_prepared", originCounty: "沙县区", tempClass: "frozen" }, 2400, 500);
      await mk("dumpling", { sellerId: snack.id, nameZh: "沙县蒸饺", nameEn: "Shaxian steamed dumplings", category: "snacks_prepared", originCounty: "沙县区", tempClass: "frozen" }, 2000);
      const shiitake = await mk("shiitake", { sellerId: seller.id, nameZh: "泰宁香菇（光面菇）", nameEn: "Taining dried shiitake mushroom", category: "mushrooms", originCounty: "泰宁县" }, 8000);
      await mk("winter", { sellerId: seller.id, nameZh: "冬菇", nameEn: "winter mushroom", category: "mushrooms", originCounty: "建宁县" }, 7000);
      await mk("bamboo", { sellerId: seller.id, nameZh: "明溪笋干", nameEn: "Mingxi dried bamboo shoots", category: "bamboo_shoots", originCounty: "明溪县" }, 6000);
      await mk("paused", { sellerId: seller.id, nameZh: "泰宁香菇（暂停）", nameEn: "paused shiitake", status: "paused" }, 5000);
      await mk("archived", { sellerId: seller.id, nameZh: "泰宁香菇（下架）", nameEn: "archived shiitake", status: "archived" }, 5000);
      await mk("pending", { sellerId: pending.id, nameZh: "待审香菇", nameEn: "pending shiitake" }, 5000);
      await mk("suspended", { sellerId: suspended.id, nameZh: "停业香菇", nameEn: "suspended shiitake" }, 5000);
      for (let i = 0; i < 30; i += 1) await mk(`tea${i}`, { sellerId: seller.id, nameZh: `高山绿茶${i}号`, nameEn: `highland green tea ${i}`, category: "tea", originCounty: "大田县" }, 10000);
      // Known creation times for "newest"; stock on the shiitake; a certificate on the lotus.
      let minute = 0;
      for (const key of Object.keys(id)) await db.product.update({ where: { id: id[key] }, data: { createdAt: new Date(Date.UTC(2026, 0, 1, 0, (minute += 1))) } });
      await db.stockBalance.create({ data: { variantId: shiitake.variants[0].id, onHand: 10, reserved: 2 } });
      const lotusVariant = await db.variant.findFirstOrThrow({ where: { productId: id.lotus }, select: { id: true } });
      await db.lot.create({ data: { variantId: lotusVariant.id, code: "L1", producedAt: new Date(), expiresAt: new Date(Date.now() + 86_400_000 * 300), certificates: [{ kind: "geo_indication", number: "GI-1" }] } });
      await engine.index(db, Object.values(id));
    }, 120_000);

    afterAll(async () => {
      await t?.drop();
    });

    it("finds an exact word", async () => {
      expect(await names({ q: "建宁通心白莲" })).toEqual(["建宁通心白莲（特级）"]);
      expect(await names({ q: "尤溪金柑" })).toEqual(["尤溪金柑"]);
      expect(await names({ q: "沙县扁肉" })).toEqual(["沙县扁肉（速冻）"]);
    });

    it("finds a two-character word inside a longer name", async () => {
      expect(await names({ q: "白莲" })).toEqual(["建宁通心白莲（特级）"]);
      expect(await names({ q: "扁肉" })).toEqual(["沙县扁肉（速冻）"]);
      expect(await names({ q: "金柑" })).toEqual(["尤溪金柑"]);
    });

    it("finds by full pinyin and by initials", async () => {
      expect(await names({ q: "xianggu" })).toContain("泰宁香菇（光面菇）");
      expect(await names({ q: "xg" })).toContain("泰宁香菇（光面菇）");
      expect(await names({ q: "bailian" })).toEqual(["建宁通心白莲（特级）"]);
    });

    it("expands synonyms", async () => {
      const dong = await names({ q: "冬菇" });
      expect(dong).toContain("泰宁香菇（光面菇）");
      expect(dong).toContain("冬菇");
      expect(await names({ q: "干笋" })).toEqual(["明溪笋干"]);
      expect(await names({ q: "饺子" })).toEqual(["沙县蒸饺"]);
      // A compound the dictionary keeps whole still finds its parts: frozen (temperature class) 蒸饺.
      expect(await names({ q: "冻蒸饺" })).toEqual(["沙县蒸饺"]);
      expect(await names({ q: "mushroom" })).toEqual(expect.arrayContaining(["泰宁香菇（光面菇）", "冬菇"]));
    });

    it("reads ü typed as v in full pinyin", async () => {
      expect((await engine.search(db, { q: "lvcha" })).total).toBe(30);
      expect((await engine.search(db, { q: "gaoshanlvcha" })).total).toBe(30);
    });

    it("tolerates one typo in Latin script", async () => {
      expect(await names({ q: "mushrom" })).toContain("泰宁香菇（光面菇）");
      expect(await names({ q: "xiangu" })).toContain("泰宁香菇（光面菇）");
      expect(await names({ q: "kumquat" })).toEqual(["尤溪金柑"]);
      // Two typos are too many for a word this short.
      expect(await names({ q: "mushrm" })).toEqual([]);
    });

    it("filters by facets and counts them from the same query", async () => {
      const r = await engine.search(db, { q: "沙县", facets: true });
      expect(r.total).toBe(2);
      expect(r.facets?.tempClass).toEqual({ frozen: 2 });
      expect(r.facets?.category).toEqual({ snacks_prepared: 2 });
      const all = await engine.search(db, { q: "", facets: true });
      expect(all.total).toBe(37);
      expect(all.facets?.originCounty["大田县"]).toBe(30);
      expect(all.facets?.inStock).toEqual({ true: 1, false: 36 });
      expect(all.facets?.certKind).toEqual({ geo_indication: 1 });
      expect(await names({ q: "", tempClass: "chilled" })).toEqual(["尤溪金柑"]);
      expect(await names({ q: "", originCounty: "泰宁县", inStock: true })).toEqual(["泰宁香菇（光面菇）"]);
      expect(await names({ q: "", certKind: "geo_indication" })).toEqual(["建宁通心白莲（特级）"]);
      expect((await engine.search(db, { q: "", tempClass: "plasma", category: "nope", originCounty: "火星" })).total).toBe(0);
    });

    it("combines words with facet filters", async () => {
      expect(await names({ q: "香菇", originCounty: "泰宁县" })).toEqual(["泰宁香菇（光面菇）"]);
      expect(await names({ q: "沙县", tempClass: "frozen", sort: "price_per_kg" })).toEqual(["沙县蒸饺", "沙县扁肉（速冻）"]);
      expect(await names({ q: "xg", certKind: "geo_indication" })).toEqual([]);
      const r = await engine.search(db, { q: "绿茶", originCounty: "大田县", facets: true, pageSize: 5 });
      expect(r.total).toBe(30);
      expect(r.facets?.originCounty).toEqual({ 大田县: 30 });
    });

    it("sorts by relevance, price per kg and newest", async () => {
      const rel = await engine.search(db, { q: "泰宁香菇" });
      expect(rel.hits[0].id).toBe(id.shiitake);
      for (let i = 1; i < rel.hits.length; i += 1) expect(rel.hits[i - 1].score).toBeGreaterThanOrEqual(rel.hits[i].score);
      expect(await names({ q: "沙县", sort: "price_per_kg" })).toEqual(["沙县蒸饺", "沙县扁肉（速冻）"]);
      const cheapest = await names({ q: "", sort: "price_per_kg", pageSize: 2 });
      expect(cheapest).toEqual(["尤溪金柑", "沙县蒸饺"]);
      const newest = await engine.search(db, { q: "", sort: "newest", pageSize: 1 });
      expect(newest.hits[0].id).toBe(id.tea29);
    });

    it("paginates stably (ties broken by id)", async () => {
      const seen: string[] = [];
      for (let page = 1; page <= 4; page += 1) {
        const r = await engine.search(db, { q: "绿茶", page, pageSize: 8, sort: "price_per_kg" });
        expect(r.total).toBe(30);
        expect(r.pages).toBe(4);
        seen.push(...r.hits.map((h) => h.id));
      }
      expect(new Set(seen).size).toBe(30);
      const again = await engine.search(db, { q: "绿茶", page: 2, pageSize: 8, sort: "price_per_kg" });
      expect(again.hits.map((h) => h.id)).toEqual(seen.slice(8, 16));
      const beyond = await engine.search(db, { q: "绿茶", page: 10 ** 9, pageSize: 8 });
      expect(beyond.page).toBe(4);
    });

    it("never returns paused, archived, unverified or suspended sellers' products", async () => {
      const hidden = new Set([id.paused, id.archived, id.pending, id.suspended]);
      for (const q of ["香菇", "xg", "shiitake", ""]) {
        const r = await engine.search(db, { q, pageSize: 100 });
        expect(r.hits.filter((h) => hidden.has(h.id))).toEqual([]);
      }
    });

    it("answers bad input with results or nothing, never an error", async () => {
      const bad = ["香".repeat(500), "!!!，。、", "   ", "%", "_", "%_%", "'; DROP TABLE products; --", "<script>alert(1)</script>", "香\u0000菇", "🍄🍄", "ＸＧ", "香菇 5kg", "a".repeat(500)];
      for (const q of bad) {
        const r = await engine.search(db, { q, facets: true, page: Number.MAX_SAFE_INTEGER, category: "'; --", sellerId: "not-a-uuid" });
        expect(r.total).toBeGreaterThanOrEqual(0);
      }
      expect((await engine.search(db, { q: "%" })).total).toBe(0);
      expect(await names({ q: "ＸＧ" })).toContain("泰宁香菇（光面菇）");
      expect(await names({ q: "香菇 5kg" })).toContain("泰宁香菇（光面菇）");
    });

    it("pages by relevance stably, the word in the name's head first", async () => {
      const seller = await createOrganization(db, { name: "大田县云雾茶场", nameEn: "Datian Cloud Tea Farm", county: "大田县" });
      const added: string[] = [];
      for (let i = 0; i < 7; i += 1) {
        for (const nameZh of [`云雾绿茶${i}号`, `大田高山茶（云雾${i}号）`]) {
          const p = await createProduct(db, { sellerId: seller.id, nameZh, nameEn: `tea ${i}`, category: "tea", originCounty: "大田县", variants: [{ netWeightGrams: 500, tiers: [{ minQuantity: 1, unitPriceFen: 5000 }] }] });
          added.push(p.id);
        }
      }
      await engine.index(db, added);
      const seen: { id: string; score: number }[] = [];
      for (let page = 1; page <= 4; page += 1) seen.push(...(await engine.search(db, { q: "云雾", page, pageSize: 4 })).hits);
      expect(new Set(seen.map((h) => h.id)).size).toBe(14);
      for (let i = 1; i < seen.length; i += 1) expect(seen[i - 1].score).toBeGreaterThanOrEqual(seen[i].score);
      const rows = await db.product.findMany({ where: { id: { in: seen.slice(0, 7).map((h) => h.id) } }, select: { nameZh: true } });
      expect(rows.every((r) => r.nameZh.startsWith("云雾"))).toBe(true);
      expect((await engine.search(db, { q: "云雾", page: 3, pageSize: 4 })).hits).toEqual(seen.slice(8, 12));
      await engine.remove(db, added);
    });

    it("drops removed products and refreshes changed ones", async () => {
      await engine.remove(db, [id.kumquat]);
      expect(await names({ q: "金柑" })).toEqual([]);
      await db.product.update({ where: { id: id.kumquat }, data: { nameZh: "尤溪金柑（新）" } });
      await engine.index(db, [id.kumquat]);
      expect(await names({ q: "金柑" })).toEqual(["尤溪金柑（新）"]);
    });
  });
}
