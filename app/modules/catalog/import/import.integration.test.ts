/**
 * The import end to end through its route (app/routes/seller.import.tsx) on a real database: upload,
 * preview, apply; files kept in a temporary local storage. Runs on PostgreSQL with TEST_DATABASE_URL,
 * otherwise on an in-memory PGlite.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization, createProduct, createUser } from "../../../../tests/factories";
import { csvFile, pdfBytes, productRows, twoHundredRows, xlsxFile, type SheetRow } from "../../../../tests/fixtures/import/sheets";
import { routePattern, runRoute, sessionCookieFor, type Outcome, type RouteModule } from "../../../../tests/support/route-harness";
import { createTestDatabase, type TestDatabase } from "../../../../tests/support/test-db";
import type { PrismaClient } from "~/generated/prisma/client";
import * as importRoute from "~/routes/seller.import";
import * as xlsxTemplateRoute from "~/routes/seller.import.template[.]xlsx";
import * as csvTemplateRoute from "~/routes/seller.import.template[.]csv";
import { setStorage } from "~/modules/storage/index.server";
import { localDiskStorage } from "~/modules/storage/storage.server";
import type { Database } from "~/utils/db.server";
import { COUNTY_CODE } from "../counties";
import { applyImport, previewUpload } from "./import.server";
import { findUpload, maxUploadBytes } from "./upload.server";

const store = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };
let t: TestDatabase;
let db: PrismaClient;
let uploadsDir: string;
const orgs = {} as { a: string; b: string; pending: string };
const cookies = {} as { a: string; b: string; pending: string; buyer: string };
const users = {} as { a: string };

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db.prisma;
  store.__humingDb = Promise.resolve(t.db);
  console.log(`[integration] import: database ${t.label}`);
  uploadsDir = await mkdtemp(path.join(tmpdir(), "huming-import-"));
  setStorage(localDiskStorage(uploadsDir));
  orgs.a = (await createOrganization(db, { kind: "cooperative", name: "泰宁县香菇专业合作社", county: "泰宁县" })).id;
  orgs.b = (await createOrganization(db, { kind: "snack_supplier", name: "沙县区夏茂小吃食品厂", county: "沙县区" })).id;
  orgs.pending = (await createOrganization(db, { kind: "cooperative", name: "明溪县淮山合作社", county: "明溪县", verificationStatus: "pending" })).id;
  const buyerOrg = (await createOrganization(db, { kind: "canteen", name: "复旦大学食堂", county: "杨浦区" })).id;
  users.a = (await createUser(db, { role: "seller", organizationId: orgs.a })).id;
  cookies.a = await sessionCookieFor(db, users.a);
  cookies.b = await sessionCookieFor(db, (await createUser(db, { role: "seller", organizationId: orgs.b })).id);
  cookies.pending = await sessionCookieFor(db, (await createUser(db, { role: "seller", organizationId: orgs.pending })).id);
  cookies.buyer = await sessionCookieFor(db, (await createUser(db, { role: "buyer", organizationId: buyerOrg })).id);
});
afterAll(async () => {
  setStorage(undefined);
  store.__humingDb = undefined;
  await t?.drop();
  if (uploadsDir) await rm(uploadsDir, { recursive: true, force: true });
});

const route = importRoute as unknown as RouteModule;
const BASE = "http://localhost";

/** Uploads a file through the action, as the browser's form does (multipart). */
async function upload(cookie: string, bytes: Buffer, name: string, extra: Record<string, string> = {}, query = ""): Promise<Outcome> {
  const form = new FormData();
  form.set("intent", "upload");
  for (const [k, v] of Object.entries(extra)) form.set(k, v);
  form.set("file", new File([new Uint8Array(bytes)], name));
  const request = new Request(`${BASE}/seller/import${query}`, { method: "POST", body: form, headers: { cookie, origin: BASE } });
  return runRoute(route, request, {});
}

async function page(cookie: string, search: string): Promise<Outcome> {
  return runRoute(route, new Request(`${BASE}/seller/import${search}`, { headers: { cookie } }), {});
}

async function apply(cookie: string, uploadId: string, publish = false): Promise<Outcome> {
  const body = new URLSearchParams({ intent: "apply", uploadId, ...(publish ? { publish: "on" } : {}) });
  return runRoute(route, new Request(`${BASE}/seller/import`, { method: "POST", body, headers: { cookie, origin: BASE } }), {});
}

/** Upload then open the preview; returns the upload id and the page data. */
async function uploadAndPreview(cookie: string, bytes: Buffer, name: string) {
  const posted = await upload(cookie, bytes, name);
  expect(posted.status, JSON.stringify(posted.data)).toBe(302);
  const uploadId = new URL(posted.location!, BASE).searchParams.get("upload")!;
  const shown = await page(cookie, `?upload=${uploadId}`);
  expect(shown.status).toBe(200);
  return { uploadId, data: shown.data as Extract<Awaited<ReturnType<typeof importRoute.loader>>, { view: "preview" }> };
}

const countProducts = (sellerId: string) => db.product.count({ where: { sellerId } });
const countPacks = (sellerId: string) => db.variant.count({ where: { product: { sellerId } } });

describe("a 200-row file with two bad rows", () => {
  const file = twoHundredRows();

  it("is previewed with exactly those two problems, and nothing is written", async () => {
    const before = { products: await countProducts(orgs.a), packs: await countPacks(orgs.a) };
    const { data } = await uploadAndPreview(cookies.a, await xlsxFile(file.bad), "商品导入.xlsx");
    expect(data.preview.problems).toEqual([]);
    expect(data.preview.totalIssues).toBe(2);
    expect(data.preview.issues).toEqual([
      { row: 15, rowLabel: "第 15 行", column: "O · 阶梯1单价(元)", message: "价格最多精确到分（两位小数）" },
      { row: 120, rowLabel: "第 120 行", column: "D · 产地县", message: expect.stringContaining("“福州市”不是三明市的区县") },
    ]);
    expect(data.preview.counts).toEqual({ rows: 200, products: 100, packs: 200, rowsWithIssues: 2 });
    expect({ products: await countProducts(orgs.a), packs: await countPacks(orgs.a) }).toEqual(before);
  });

  it("shows the problems in English for an English-speaking seller", async () => {
    const { uploadId } = await uploadAndPreview(cookies.a, await xlsxFile(file.bad), "products.xlsx");
    const shown = await page(`${cookies.a}; hm_locale=en`, `?upload=${uploadId}`);
    const data = shown.data as { preview: { issues: { rowLabel: string; column: string; message: string }[] } };
    expect(data.preview.issues[0]).toEqual({ row: 15, rowLabel: "Row 15", column: "O · Tier 1 unit price (yuan)", message: "Give the price to the fen (two decimals at most)" });
  });

  it("refuses to apply the bad file and writes nothing", async () => {
    const { uploadId } = await uploadAndPreview(cookies.a, await xlsxFile(file.bad), "商品导入.xlsx");
    const before = await countProducts(orgs.a);
    const res = await apply(cookies.a, uploadId);
    expect(res).toMatchObject({ status: 302, location: `/seller/import?upload=${uploadId}&notice=recheck` });
    expect(await countProducts(orgs.a)).toBe(before);
  });

  it("once fixed, applies 100 products with 200 packs in one go, as drafts, and forgets the upload", async () => {
    const { uploadId, data } = await uploadAndPreview(cookies.a, await xlsxFile(file.fixed), "商品导入（修正）.xlsx");
    expect(data.preview.totalIssues).toBe(0);
    expect(data.preview.products).toHaveLength(50);
    expect(data.preview.moreProducts).toBe(50);
    const before = { products: await countProducts(orgs.a), packs: await countPacks(orgs.a) };
    const res = await apply(cookies.a, uploadId);
    expect(res).toMatchObject({ status: 302, location: "/seller/import?done=draft&products=100&packs=200" });
    expect({ products: await countProducts(orgs.a), packs: await countPacks(orgs.a) }).toEqual({ products: before.products + 100, packs: before.packs + 200 });
    const imported = await db.product.findFirstOrThrow({
      where: { sellerId: orgs.a, nameZh: "导入测试0001" },
      select: {
        status: true,
        category: true,
        originCounty: true,
        tempClass: true,
        shelfLifeDays: true,
        nameEn: true,
        variants: {
          orderBy: { netWeightGrams: "asc" },
          select: { sku: true, unit: true, label: true, itemCount: true, itemNetWeightGrams: true, netWeightGrams: true, volumeCm3: true, minOrderQuantity: true, orderMultiple: true, active: true, priceTiers: { orderBy: { minQuantity: "asc" }, select: { minQuantity: true, unitPriceFen: true } } },
        },
      },
    });
    expect(imported).toMatchObject({ status: "draft", category: "mushrooms", originCounty: "三元区", tempClass: "ambient", shelfLifeDays: 180, nameEn: "Test product 1" });
    expect(imported.variants).toMatchObject([
      { unit: "bag", label: "500 g/袋", itemCount: 1, netWeightGrams: 500, volumeCm3: 3500, minOrderQuantity: 1, orderMultiple: 1, active: true, priceTiers: [{ minQuantity: 1, unitPriceFen: 4800 }, { minQuantity: 20, unitPriceFen: 4550 }] },
      { unit: "box", label: "10×500 g/箱", itemCount: 10, itemNetWeightGrams: 500, netWeightGrams: 5000, minOrderQuantity: 2, orderMultiple: 2, priceTiers: [{ minQuantity: 2, unitPriceFen: 41000 }, { minQuantity: 10, unitPriceFen: 39050 }, { minQuantity: 50, unitPriceFen: 37000 }] },
    ]);
    // Generated SKUs follow the listing editor's scheme: the county's division code and a running number.
    expect(imported.variants[0]!.sku).toMatch(new RegExp(`^${COUNTY_CODE["三元区"]}-\\d{5}$`));
    expect(await db.priceTier.count({ where: { variant: { product: { sellerId: orgs.a, nameZh: { startsWith: "导入测试" } } } } })).toBe(500);
    // Applied once: the upload is gone, so a second click (or a replayed form) imports nothing more.
    expect(await findUpload(localDiskStorage(uploadsDir), [orgs.a], uploadId)).toBeNull();
    expect(await apply(cookies.a, uploadId)).toMatchObject({ status: 404 });
    expect(await countProducts(orgs.a)).toBe(before.products + 100);
  });

  it("refuses the same products again as names the seller already has", async () => {
    const { data } = await uploadAndPreview(cookies.a, await xlsxFile(file.fixed), "again.xlsx");
    expect(data.preview.totalIssues).toBe(100);
    expect(data.preview.issues[0]).toMatchObject({ row: 3, column: "A · 商品名称", message: "您已有名为“导入测试0001”的商品。请改名，或到该商品的编辑页添加规格。" });
  });
});

describe("applying", () => {
  it("puts the products on sale straight away when a verified seller asks for it", async () => {
    const { uploadId, data } = await uploadAndPreview(cookies.a, csvFile(productRows(4, 2, "上架测试")), "上架.csv");
    expect(data.preview.canPublish).toBe(true);
    expect(await apply(cookies.a, uploadId, true)).toMatchObject({ status: 302, location: "/seller/import?done=active&products=2&packs=4" });
    expect(await db.product.findMany({ where: { nameZh: { startsWith: "上架测试" } }, select: { status: true } })).toEqual([{ status: "active" }, { status: "active" }]);
  });

  it("keeps an unverified seller's products off sale: publishing is refused and nothing written", async () => {
    const { uploadId, data } = await uploadAndPreview(cookies.pending, csvFile(productRows(2, 2, "待审核")), "p.csv");
    expect(data.preview.canPublish).toBe(false);
    expect(await apply(cookies.pending, uploadId, true)).toMatchObject({ status: 302, location: `/seller/import?upload=${uploadId}&notice=unverified` });
    expect(await countProducts(orgs.pending)).toBe(0);
    expect(await apply(cookies.pending, uploadId)).toMatchObject({ status: 302, location: "/seller/import?done=draft&products=1&packs=2" });
    expect(await db.product.findMany({ where: { sellerId: orgs.pending }, select: { status: true } })).toEqual([{ status: "draft" }]);
  });

  it("writes nothing when the write fails half way (a SKU taken between the check and the write)", async () => {
    const rows: SheetRow[] = productRows(6, 2, "回滚测试").map((r, i) => ({ ...r, sku: `RB-${i + 1}` }));
    const { uploadId } = await uploadAndPreview(cookies.a, await xlsxFile(rows), "rollback.xlsx");
    const before = { products: await countProducts(orgs.a), packs: await countPacks(orgs.a), tiers: await db.priceTier.count() };
    let intruded = false;
    const result = await applyImport(db, localDiskStorage(uploadsDir), {
      orgIds: [orgs.a],
      uploadId,
      userId: users.a,
      publish: false,
      // Another seller takes row 8's SKU after the check: the pack insert fails after the products went in.
      afterValidate: async () => {
        if (intruded) return;
        intruded = true;
        await createProduct(db, { sellerId: orgs.b, variants: [{ sku: "RB-6" }] });
      },
    });
    expect(result.kind).toBe("invalid");
    if (result.kind !== "invalid") return;
    expect(result.preview.issues).toEqual([{ row: 8, column: "sku", key: "import.row.skuTaken", params: { sku: "RB-6" } }]);
    expect({ products: await countProducts(orgs.a), packs: await countPacks(orgs.a), tiers: await db.priceTier.count() - 2 }).toEqual(before);
    expect(await db.product.count({ where: { nameZh: { startsWith: "回滚测试" } } })).toBe(0);
  });

  it("imports a file once when it is applied twice at the same moment", async () => {
    const { uploadId } = await uploadAndPreview(cookies.a, csvFile(productRows(4, 2, "并发测试")), "twice.csv");
    const results = await Promise.all([apply(cookies.a, uploadId), apply(cookies.a, uploadId)]);
    expect(results.filter((r) => r.location?.startsWith("/seller/import?done=")).length).toBe(1);
    expect(await db.product.count({ where: { nameZh: { startsWith: "并发测试" } } })).toBe(2);
  });
});

describe("another seller's upload", () => {
  it("is not found for the preview nor the import, and nothing is written", async () => {
    const { uploadId } = await uploadAndPreview(cookies.a, csvFile(productRows(2, 2, "他人的文件")), "mine.csv");
    expect((await page(cookies.b, `?upload=${uploadId}`)).status).toBe(404);
    expect((await apply(cookies.b, uploadId)).status).toBe(404);
    expect(await previewUpload(db, localDiskStorage(uploadsDir), [orgs.b], uploadId)).toBeNull();
    expect(await db.product.count({ where: { nameZh: { startsWith: "他人的文件" } } })).toBe(0);
    // Still there for its owner.
    expect((await page(cookies.a, `?upload=${uploadId}`)).status).toBe(200);
  });

  it("cannot be reached with a made-up or malformed id either", async () => {
    expect((await page(cookies.a, "?upload=AAAAAAAAAAAAAAAA")).status).toBe(404);
    expect((await page(cookies.a, "?upload=../../etc/passwd")).status).toBe(404);
    expect((await apply(cookies.a, "../x")).status).toBe(404);
  });

  it("is refused when uploading into an organization that is not the seller's", async () => {
    expect((await upload(cookies.a, csvFile(productRows(2)), "x.csv", { organizationId: orgs.b })).status).toBe(403);
  });
});

describe("files that cannot be imported", () => {
  const formError = (o: Outcome) => (o.data as { formError?: string }).formError;
  const problemsOf = async (bytes: Buffer, name: string) => (await uploadAndPreview(cookies.a, bytes, name)).data.preview.problems;

  it("refuses a PDF renamed .xlsx by its content", async () => {
    const res = await upload(cookies.a, pdfBytes(), "商品.xlsx");
    expect(res.status).toBe(400);
    expect(formError(res)).toBe("这是 PDF 文件，不是表格。请上传填好的模板（.xlsx 或 .csv）。");
  });

  it("asks for a file when none was chosen", async () => {
    const form = new FormData();
    form.set("intent", "upload");
    form.set("file", new File([], ""));
    const res = await runRoute(route, new Request(`${BASE}/seller/import`, { method: "POST", body: form, headers: { cookie: cookies.a, origin: BASE } }), {});
    expect(res.status).toBe(400);
    expect(formError(res)).toBe("请选择要上传的表格文件。");
  });

  it("names merged cells", async () => {
    expect(await problemsOf(await xlsxFile(productRows(4), { merges: ["A3:A5"] }), "merged.xlsx")).toEqual(["A3:A5 是合并单元格，请取消合并后再上传（共 1 处）。"]);
  });

  it("lists missing and unknown columns", async () => {
    const headers = ["商品名称", "分类", "颜色", "包装单位", "单件净重(克)", "阶梯1单价(元)"];
    const problems = await problemsOf(await xlsxFile(productRows(2), { headers, columns: ["nameZh", "category", "nameEn", "unit", "itemWeight", "tier1Price"], englishRow: false }), "wrong.xlsx");
    expect(problems).toEqual(["缺少必填列：产地县、温层、保质期(天)、体积(升)。请使用模板的表头。", "无法识别的列：C「颜色」。请改回模板的表头，或删除这些列。"]);
  });

  it("asks which sheet when there are several and none is called 商品", async () => {
    expect(await problemsOf(await xlsxFile(productRows(2), { sheetName: "Sheet1", extraSheets: [{ name: "Sheet2" }] }), "sheets.xlsx")).toEqual([
      "工作簿里有多个工作表（「Sheet1」、「Sheet2」），不知道导入哪一个。请把要导入的工作表命名为“商品”，或删除其他工作表。",
    ]);
  });

  it("says a file of headers only has nothing to import", async () => {
    expect(await problemsOf(await xlsxFile([]), "empty.xlsx")).toEqual(["文件里没有要导入的商品行（以【示例】开头的行不会导入）。"]);
  });

  it("refuses a 200 MB upload while it streams in, without reading it whole (no Content-Length)", async () => {
    const limit = maxUploadBytes();
    const chunk = new Uint8Array(1024 * 1024).fill(0x41);
    let sent = 0;
    const boundary = "----huming-test-boundary";
    const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nupload\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.csv"\r\nContent-Type: text/csv\r\n\r\n`);
    let started = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(head);
          return;
        }
        if (sent >= 200 * 1024 * 1024) {
          controller.enqueue(new TextEncoder().encode(`\r\n--${boundary}--\r\n`));
          controller.close();
          return;
        }
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const request = new Request(`${BASE}/seller/import`, {
      method: "POST",
      body,
      headers: { cookie: cookies.a, origin: BASE, "content-type": `multipart/form-data; boundary=${boundary}` },
      duplex: "half",
    } as RequestInit & { duplex: "half" });
    const res = await runRoute(route, request, {});
    expect(res.status).toBe(413);
    expect(formError(res)).toMatch(/^文件过大（最大 15 MB）/);
    // It stopped reading shortly after the limit: far from the 200 MB sent.
    expect(sent).toBeLessThan(limit + 8 * 1024 * 1024);
    expect(await readdir(uploadsDir).catch(() => [])).not.toContain("huge.csv");
  });

  it("refuses a declared 200 MB body before reading any of it", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const request = new Request(`${BASE}/seller/import`, {
      method: "POST",
      body,
      headers: { cookie: cookies.a, origin: BASE, "content-type": "multipart/form-data; boundary=x", "content-length": String(200 * 1024 * 1024) },
      duplex: "half",
    } as RequestInit & { duplex: "half" });
    const res = await runRoute(route, request, {});
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(1);
  });
});

describe("a 1,000-row file", () => {
  it("validates and applies in reasonable time", async () => {
    const bytes = await xlsxFile(productRows(1000, 4, "千行测试"));
    const packsBefore = await countPacks(orgs.b);
    const started = performance.now();
    const posted = await upload(cookies.b, bytes, "千行.xlsx", {}, "?xhr=1");
    expect(posted.location).toMatch(/^\/seller\/import\?upload=[\w-]{16}&pending=1$/);
    const uploadId = new URL(posted.location!, BASE).searchParams.get("upload")!;
    // The light answer the XMLHttpRequest follows does not validate yet.
    expect((await page(cookies.b, `?upload=${uploadId}&pending=1`)).data).toMatchObject({ view: "pending", uploadId });
    const shown = await page(cookies.b, `?upload=${uploadId}`);
    const validatedMs = performance.now() - started;
    expect((shown.data as { preview: { totalIssues: number; counts: unknown } }).preview).toMatchObject({ totalIssues: 0, counts: { rows: 1000, products: 250, packs: 1000 } });
    const applyStarted = performance.now();
    expect(await apply(cookies.b, uploadId)).toMatchObject({ status: 302, location: "/seller/import?done=draft&products=250&packs=1000" });
    const appliedMs = performance.now() - applyStarted;
    console.log(`[integration] import: 1,000 rows uploaded and previewed in ${Math.round(validatedMs)} ms, applied (validated again and written) in ${Math.round(appliedMs)} ms on ${t.label}`);
    expect(await countPacks(orgs.b)).toBe(packsBefore + 1000);
    expect(validatedMs).toBeLessThan(15_000);
    expect(appliedMs).toBeLessThan(15_000);
  });
});

describe("the templates and the page", () => {
  it("serve the XLSX and CSV templates with Chinese file names", async () => {
    const get = (m: unknown, p: string) => runRoute(m as RouteModule, new Request(`${BASE}${p}`, { headers: { cookie: cookies.a } }), {});
    const xlsx = (await (xlsxTemplateRoute.loader as (a: unknown) => Promise<Response>)({ request: new Request(`${BASE}/seller/import/template.xlsx`, { headers: { cookie: cookies.a } }), params: {}, context: {} })) as Response;
    expect(xlsx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(xlsx.headers.get("content-disposition")).toContain("filename*=UTF-8''%E6%B2%AA%E6%98%8E");
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString("latin1")).toBe("PK");
    expect((await get(csvTemplateRoute, "/seller/import/template.csv")).status).toBe(200);
    expect((await runRoute(csvTemplateRoute as unknown as RouteModule, new Request(`${BASE}/seller/import/template.csv`, { headers: { cookie: cookies.buyer } }), {})).status).toBe(403);
  });

  it("is the upload form for a seller and refused to a buyer", async () => {
    expect((await page(cookies.a, "")).data).toMatchObject({ view: "upload", maxMb: 15 });
    expect((await page(cookies.buyer, "")).status).toBe(403);
    expect((await page(cookies.a, "?done=active&products=3&packs=5")).data).toMatchObject({ view: "done", done: { status: "active", products: 3, packs: 5 } });
  });

  it("routes the template files to /seller/import/template.xlsx and .csv", () => {
    expect(routePattern("routes/seller.import.template[.]xlsx.tsx")).toEqual(["seller", "import", "template.xlsx"]);
    expect(routePattern("routes/seller.import.template[.]csv.tsx")).toEqual(["seller", "import", "template.csv"]);
  });
});
