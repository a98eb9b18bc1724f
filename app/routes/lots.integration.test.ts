/**
 * Traceable lots through their route modules on a real database: create and update (own
 * organization only), dates checked with nothing half-saved, attachments sniffed and size-limited
 * (a renamed non-PDF, a 200 MB upload), the PDF label, the QR code and the public page without a session.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import jsQR from "jsqr";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLot as createLotRow, createOrganization, createProduct, createUser } from "../../tests/factories";
import { sessionCookieFor } from "../../tests/support/route-harness";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import { addDaysToDay, dayOf } from "~/modules/lots/rules";
import { localDiskStorage } from "~/modules/storage/storage.server";
import { setStorage } from "~/modules/storage/index.server";
import type { Database } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { action as newAction, loader as newLoader } from "./seller.lots.new";
import { action as lotAction, loader as lotLoader } from "./seller.lots.$lotId";
import { loader as labelLoader } from "./seller.lots.$lotId.label";
import { loader as listLoader } from "./seller.lots._index";
import { loader as traceLoader } from "./t.$lotId";
import { loader as fileLoader } from "./t.$lotId.files.$attachmentId";
import { loader as qrLoader } from "./t.$lotId.qr";

const store = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };
let t: TestDatabase;
const uploads = mkdtempSync(path.join(tmpdir(), "hm-lots-"));
const ids = {} as { orgA: string; variantA: string; variantB: string; lotB: string; pendingLot: string; pausedLot: string };
let cookieA = "";
const today = dayOf(new Date());

beforeAll(async () => {
  t = await createTestDatabase();
  store.__humingDb = Promise.resolve(t.db);
  setStorage(localDiskStorage(uploads));
  console.log(`[integration] lots: database ${t.label}`);
  const db = t.db.prisma;
  const a = await createOrganization(db, { kind: "cooperative", name: "建宁县通心白莲专业合作社", county: "建宁县" });
  const b = await createOrganization(db, { kind: "snack_supplier", name: "沙县区夏茂小吃食品厂", county: "沙县区" });
  const pending = await createOrganization(db, { kind: "cooperative", name: "明溪县新合作社", county: "明溪县", verificationStatus: "pending" });
  ids.orgA = a.id;
  const userA = await createUser(db, { role: "seller", organizationId: a.id });
  cookieA = await sessionCookieFor(db, userA.id);
  const productA = await createProduct(db, { sellerId: a.id, nameZh: "建宁通心白莲", nameEn: "Jianning cored lotus seeds", originCounty: "建宁县", shelfLifeDays: 365 });
  ids.variantA = productA.variants[0].id;
  const productB = await createProduct(db, { sellerId: b.id, nameZh: "沙县扁肉", shelfLifeDays: 180 });
  ids.variantB = productB.variants[0].id;
  ids.lotB = (await createLotRow(db, { variantId: ids.variantB, code: "B-1" })).id;
  const pendingProduct = await createProduct(db, { sellerId: pending.id });
  ids.pendingLot = (await createLotRow(db, { variantId: pendingProduct.variants[0].id, code: "P-1" })).id;
  const paused = await createProduct(db, { sellerId: a.id, nameZh: "尤溪金柑", status: "paused", shelfLifeDays: 30 });
  ids.pausedLot = (await createLotRow(db, { variantId: paused.variants[0].id, code: "K-1" })).id;
});
afterAll(async () => {
  setStorage(undefined);
  store.__humingDb = undefined;
  await t?.drop();
  rmSync(uploads, { recursive: true, force: true });
});

const ORIGIN = "http://localhost";
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });
const get = (p: string, cookie = cookieA) => new Request(`${ORIGIN}${p}`, { headers: cookie ? { cookie } : {} });
const post = (p: string, fields: Record<string, string>, cookie = cookieA) =>
  new Request(`${ORIGIN}${p}`, { method: "POST", body: new URLSearchParams(fields), headers: { cookie, origin: ORIGIN } });
function upload(p: string, fields: Record<string, string>, file: { name: string; bytes: Uint8Array; type?: string } | null, cookie = cookieA) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append("file", new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? "application/octet-stream" }));
  return new Request(`${ORIGIN}${p}`, { method: "POST", body: form, headers: { cookie, origin: ORIGIN } });
}

async function outcome(run: () => unknown): Promise<unknown> {
  try {
    return await run();
  } catch (thrown) {
    return thrown;
  }
}
type DataLike = { type?: string; data?: unknown; init?: { status?: number } | null };
const statusOf = (v: unknown) => (v instanceof Response ? v.status : ((v as DataLike)?.init?.status ?? 200));
const dataOf = <T,>(v: unknown) => (v as DataLike).data as T;
const locationOf = (v: unknown) => (v instanceof Response ? v.headers.get("Location") : null);

/** A one-page PDF of a few hundred bytes (file-type knows PDFs by their header). */
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n");

const lotCount = () => t.db.prisma.lot.count();

describe("creating a lot", () => {
  it("creates one for the seller's own pack, with the suggested code and the default expiry from the shelf life", async () => {
    const produced = addDaysToDay(today, -2);
    const res = await outcome(() =>
      newAction(args(post("/seller/lots/new", { variantId: ids.variantA, producedOn: produced, originBase: "均口镇莲子种植基地", originPlot: "3 号地块", inspection: "农残快检合格", quantity: "120", cert_green_food: "LB-15-2412130123A" }))),
    );
    expect(statusOf(res)).toBe(302);
    const id = /^\/seller\/lots\/([0-9a-f-]{36})\?created=1$/.exec(locationOf(res) ?? "")?.[1];
    expect(id).toBeDefined();
    const lot = await t.db.prisma.lot.findUniqueOrThrow({ where: { id }, select: { code: true, producedAt: true, expiresAt: true, originBase: true, quantity: true, certificates: true, variantId: true } });
    expect(lot.code).toBe(`${produced.replaceAll("-", "")}-1`);
    expect(dayOf(lot.producedAt)).toBe(produced);
    expect(dayOf(lot.expiresAt)).toBe(addDaysToDay(produced, 365));
    expect(lot).toMatchObject({ originBase: "均口镇莲子种植基地", quantity: 120, certificates: [{ kind: "green_food", number: "LB-15-2412130123A" }], variantId: ids.variantA });
    // The next lot of that day gets the next number.
    const second = await outcome(() => newAction(args(post("/seller/lots/new", { variantId: ids.variantA, producedOn: produced }))));
    const secondId = /lots\/([0-9a-f-]{36})/.exec(locationOf(second) ?? "")?.[1];
    expect((await t.db.prisma.lot.findUniqueOrThrow({ where: { id: secondId }, select: { code: true } })).code).toBe(`${produced.replaceAll("-", "")}-2`);
  });

  it("refuses an expiry before production on the expiry field, keeps what was typed, and saves nothing", async () => {
    const before = await lotCount();
    const res = await outcome(() => newAction(args(post("/seller/lots/new", { variantId: ids.variantA, producedOn: today, expiresOn: addDaysToDay(today, -10), originBase: "夏茂镇" }))));
    expect(statusOf(res)).toBe(400);
    expect(dataOf<{ errors: Record<string, string>; values: Record<string, string> }>(res)).toMatchObject({ errors: { expiresOn: "lots.error.expiryNotAfterProduction" }, values: { originBase: "夏茂镇" } });
    expect(await lotCount()).toBe(before);
  });

  it("refuses a code the pack already has", async () => {
    await outcome(() => newAction(args(post("/seller/lots/new", { variantId: ids.variantA, producedOn: today, code: "JN-DUP" }))));
    const before = await lotCount();
    const res = await outcome(() => newAction(args(post("/seller/lots/new", { variantId: ids.variantA, producedOn: today, code: "jn-dup" }))));
    expect(statusOf(res)).toBe(400);
    expect(dataOf<{ errors: Record<string, string> }>(res).errors).toEqual({ code: "lots.error.codeTaken" });
    expect(await lotCount()).toBe(before);
  });

  it("is 403 for another seller's pack, and asks a visitor to sign in", async () => {
    const before = await lotCount();
    expect(statusOf(await outcome(() => newAction(args(post("/seller/lots/new", { variantId: ids.variantB, producedOn: today })))))).toBe(403);
    const anonymous = await outcome(() => newAction(args(post("/seller/lots/new", { variantId: ids.variantA, producedOn: today }, ""))));
    expect(locationOf(anonymous)).toMatch(/^\/login\?redirectTo=/);
    expect(await lotCount()).toBe(before);
  });

  it("preselects the pack of ?variant= and suggests today's code", async () => {
    const res = (await newLoader(args(get(`/seller/lots/new?variant=${ids.variantA}`)))) as { preselected: string; codeExample: string; packs: unknown[] };
    expect(res.preselected).toBe(ids.variantA);
    expect(res.codeExample).toMatch(new RegExp(`^${today.replaceAll("-", "")}-\\d+$`));
    expect(res.packs).toHaveLength(2);
  });
});

async function newLot(fields: Record<string, string> = {}): Promise<string> {
  const res = await outcome(() => newAction(args(post("/seller/lots/new", { variantId: ids.variantA, producedOn: addDaysToDay(today, -1), ...fields }))));
  const id = /lots\/([0-9a-f-]{36})/.exec(locationOf(res) ?? "")?.[1];
  if (!id) throw new Error(`lot not created: ${JSON.stringify(dataOf(res))}`);
  return id;
}

describe("updating a lot", () => {
  it("saves the seller's changes", async () => {
    const id = await newLot();
    const res = await outcome(() =>
      lotAction(args(post(`/seller/lots/${id}`, { intent: "save", code: "JN-2026-A", producedOn: addDaysToDay(today, -3), expiresOn: addDaysToDay(today, 90), inspection: "出厂检验合格", cert_sc_licence: "SC11135043000019" }), { lotId: id })),
    );
    expect(locationOf(res)).toBe(`/seller/lots/${id}?saved=1`);
    const page = (await lotLoader(args(get(`/seller/lots/${id}`), { lotId: id }))) as { lot: { code: string; producedOn: string; expiresOn: string; inspection: string; certificates: unknown } };
    expect(page.lot).toMatchObject({ code: "JN-2026-A", producedOn: addDaysToDay(today, -3), expiresOn: addDaysToDay(today, 90), inspection: "出厂检验合格", certificates: [{ kind: "sc_licence", number: "SC11135043000019" }] });
  });

  it("refuses an expiry before production and changes nothing", async () => {
    const id = await newLot({ inspection: "原样" });
    const before = await t.db.prisma.lot.findUniqueOrThrow({ where: { id } });
    const res = await outcome(() => lotAction(args(post(`/seller/lots/${id}`, { intent: "save", producedOn: today, expiresOn: addDaysToDay(today, -1), inspection: "改了" }), { lotId: id })));
    expect(statusOf(res)).toBe(400);
    expect(dataOf<{ errors: Record<string, string> }>(res).errors).toEqual({ expiresOn: "lots.error.expiryNotAfterProduction" });
    expect(await t.db.prisma.lot.findUniqueOrThrow({ where: { id } })).toEqual(before);
  });

  it("is 403 for another seller's lot, whether reading, saving or uploading", async () => {
    const before = await t.db.prisma.lot.findUniqueOrThrow({ where: { id: ids.lotB } });
    expect(statusOf(await outcome(() => lotLoader(args(get(`/seller/lots/${ids.lotB}`), { lotId: ids.lotB }))))).toBe(403);
    expect(statusOf(await outcome(() => lotAction(args(post(`/seller/lots/${ids.lotB}`, { intent: "save", producedOn: today, code: "HACKED" }), { lotId: ids.lotB }))))).toBe(403);
    expect(statusOf(await outcome(() => lotAction(args(upload(`/seller/lots/${ids.lotB}`, { intent: "upload", kind: "test_report" }, { name: "r.pdf", bytes: PDF }), { lotId: ids.lotB }))))).toBe(403);
    expect(statusOf(await outcome(() => labelLoader(args(get(`/seller/lots/${ids.lotB}/label`), { lotId: ids.lotB }))))).toBe(403);
    expect(await t.db.prisma.lot.findUniqueOrThrow({ where: { id: ids.lotB } })).toEqual(before);
    expect(await t.db.prisma.lotAttachment.count({ where: { lotId: ids.lotB } })).toBe(0);
  });

  it("lists the seller's own lots only, expiring soonest first", async () => {
    const soon = await newLot({ producedOn: addDaysToDay(today, -20), expiresOn: addDaysToDay(today, 2) });
    const list = (await listLoader(args(get("/seller/lots")))) as { lots: { items: { id: string; expiresAt: Date }[] }; counts: { expired: number } };
    expect(list.lots.items[0].id).toBe(soon);
    const expiries = list.lots.items.map((l) => new Date(l.expiresAt).getTime());
    expect(expiries).toEqual([...expiries].sort((x, y) => x - y));
    expect(list.lots.items.map((l) => l.id)).not.toContain(ids.lotB);
  });
});

describe("attachments", () => {
  let lotId = "";
  beforeAll(async () => {
    lotId = await newLot();
  });
  const attachments = () => t.db.prisma.lotAttachment.findMany({ where: { lotId }, select: { id: true, kind: true, number: true, contentType: true, originalName: true, storageKey: true, byteSize: true } });

  it("stores a PDF under lots/<lotId>/ and serves it publicly with a safe name", async () => {
    const res = await outcome(() => lotAction(args(upload(`/seller/lots/${lotId}`, { intent: "upload", kind: "test_report", number: "FJ-2026-118" }, { name: "检测报告\r\n\"x\".pdf", bytes: PDF, type: "application/pdf" }), { lotId })));
    expect(statusOf(res)).toBe(302);
    const [row] = await attachments();
    expect(row).toMatchObject({ kind: "test_report", number: "FJ-2026-118", contentType: "application/pdf", originalName: "检测报告x.pdf", byteSize: PDF.length });
    expect(row.storageKey).toMatch(new RegExp(`^lots/${lotId}/[A-Za-z0-9_-]+\\.pdf$`));
    const file = (await fileLoader(args(get(`/t/${lotId}/files/${row.id}?download=1`, ""), { lotId, attachmentId: row.id }))) as Response;
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Type")).toBe("application/pdf");
    expect(file.headers.get("Content-Disposition")).toBe(`attachment; filename="____x.pdf"; filename*=UTF-8''${encodeURIComponent("检测报告x.pdf")}`);
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
  });

  it("stores a photo sent as .pdf as the JPEG it is", async () => {
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#c0a080" } }).jpeg().toBuffer();
    const res = await outcome(() => lotAction(args(upload(`/seller/lots/${lotId}`, { intent: "upload", kind: "qualification_certificate" }, { name: "合格证.pdf", bytes: jpeg, type: "application/pdf" }), { lotId })));
    expect(statusOf(res)).toBe(302);
    const row = (await attachments()).find((a) => a.kind === "qualification_certificate");
    expect(row).toMatchObject({ contentType: "image/jpeg", originalName: "合格证.jpg" });
    expect(row?.storageKey.endsWith(".jpg")).toBe(true);
  });

  it("refuses a renamed non-PDF (text, ZIP, HEIC) by its content, with a message and nothing stored", async () => {
    const before = (await attachments()).length;
    const zip = Buffer.from("504b0304140000000800", "hex");
    const heic = Buffer.concat([Buffer.from("0000001c6674797068656963000000006d696631686569636d696166", "hex"), Buffer.alloc(64)]);
    for (const [bytes, problem] of [
      [Buffer.from("这不是 PDF，只是改了扩展名的文本文件。"), "lots.attachment.badType"],
      [zip, "lots.attachment.badType"],
      [heic, "lots.attachment.heic"],
    ] as const) {
      const res = await outcome(() => lotAction(args(upload(`/seller/lots/${lotId}`, { intent: "upload", kind: "test_report", number: "N-1" }, { name: "报告.pdf", bytes, type: "application/pdf" }), { lotId })));
      expect(statusOf(res)).toBe(400);
      expect(dataOf<{ errors: Record<string, string>; values: Record<string, string> }>(res)).toMatchObject({ errors: { file: problem }, values: { kind: "test_report", number: "N-1" } });
    }
    expect((await attachments()).length).toBe(before);
  });

  it("refuses a form without a file", async () => {
    const res = await outcome(() => lotAction(args(upload(`/seller/lots/${lotId}`, { intent: "upload", kind: "test_report" }, { name: "", bytes: new Uint8Array() }), { lotId })));
    expect(statusOf(res)).toBe(400);
    expect(dataOf<{ errors: Record<string, string> }>(res).errors).toEqual({ file: "lots.attachment.missing" });
  });

  it("reads a 200 MB upload to its end, answers 413 with the limit, and stores nothing", async () => {
    const before = (await attachments()).length;
    const boundary = "----huming-test-boundary";
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nupload\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ntest_report\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const chunk = Buffer.alloc(1024 * 1024, 0x41);
    let sent = 0;
    const total = 200;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(head);
      },
      pull(c) {
        if (sent < total) {
          c.enqueue(chunk);
          sent += 1;
        } else {
          c.enqueue(tail);
          c.close();
        }
      },
    });
    const request = new Request(`${ORIGIN}/seller/lots/${lotId}`, {
      method: "POST",
      body,
      headers: { cookie: cookieA, origin: ORIGIN, "Content-Type": `multipart/form-data; boundary=${boundary}` },
      duplex: "half",
    } as RequestInit);
    const started = Date.now();
    const res = await outcome(() => lotAction(args(request, { lotId })));
    expect(statusOf(res)).toBe(413);
    expect(dataOf<{ errors: Record<string, string>; maxMb: number }>(res)).toMatchObject({ errors: { file: "lots.attachment.tooLarge" }, maxMb: env().MAX_UPLOAD_MB });
    expect(sent).toBe(total);
    expect((await attachments()).length).toBe(before);
    console.log(`[lots] 200 MB upload refused after reading it through in ${Date.now() - started} ms`);
  });

  it("deletes a document and its file", async () => {
    const [row] = await attachments();
    const res = await outcome(() => lotAction(args(post(`/seller/lots/${lotId}`, { intent: "delete-attachment", attachmentId: row.id }), { lotId })));
    expect(locationOf(res)).toBe(`/seller/lots/${lotId}?deleted=1#attachments`);
    expect((await attachments()).map((a) => a.id)).not.toContain(row.id);
    const gone = await outcome(() => fileLoader(args(get(`/t/${lotId}/files/${row.id}`, ""), { lotId, attachmentId: row.id })));
    expect(statusOf(gone)).toBe(404);
  });
});

const hasPoppler = spawnSync("pdftotext", ["-v"]).status === 0;
if (!hasPoppler) console.warn("[lots] SKIPPED: pdftotext (poppler-utils) not installed; the label route's text is not extracted");

describe("the label, the QR code and the public page", () => {
  let lotId = "";
  beforeAll(async () => {
    lotId = await newLot({ code: "JN20261130-LBL", originBase: "均口镇", inspection: "农残快检合格" });
  });

  it("serves the PDF label of the seller's own lot", async () => {
    const res = (await labelLoader(args(get(`/seller/lots/${lotId}/label?copies=8`), { lotId }))) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(res.headers.get("Content-Disposition")).toContain("label-JN20261130-LBL.pdf");
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.toString("latin1")).toContain("(JN20261130-LBL)");
    if (hasPoppler) {
      const dir = mkdtempSync(path.join(tmpdir(), "hm-label-route-"));
      try {
        writeFileSync(path.join(dir, "l.pdf"), pdf);
        const text = execFileSync("pdftotext", [path.join(dir, "l.pdf"), "-"], { encoding: "utf8" });
        expect(text).toContain("JN20261130-LBL");
        expect(text).toContain("建宁通心白莲");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it("asks a visitor to sign in for the label", async () => {
    const res = await outcome(() => labelLoader(args(get(`/seller/lots/${lotId}/label`, ""), { lotId })));
    expect(locationOf(res)).toBe(`/login?redirectTo=${encodeURIComponent(`/seller/lots/${lotId}/label`)}`);
  });

  it("serves a QR code SVG that decodes to the lot's traceability URL", async () => {
    const res = (await qrLoader(args(get(`/t/${lotId}/qr`, ""), { lotId }))) as Response;
    expect(res.headers.get("Content-Type")).toMatch(/^image\/svg\+xml/);
    const png = await sharp(Buffer.from(await res.text()), { density: 300 }).flatten({ background: "#ffffff" }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const decoded = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.info.width, png.info.height);
    expect(decoded?.data).toBe(`${ORIGIN}/t/${lotId}`);
  });

  it("shows the public page without a session", async () => {
    const page = (await traceLoader(args(get(`/t/${lotId}`, ""), { lotId }))) as { lot: { code: string; inspection: string; product: { nameZh: string }; seller: Record<string, unknown>; onSale: boolean } };
    expect(page.lot).toMatchObject({ code: "JN20261130-LBL", inspection: "农残快检合格", product: { nameZh: "建宁通心白莲" }, onSale: true });
    expect(page.lot.seller).toEqual({ name: "建宁县通心白莲专业合作社", nameEn: expect.any(String), county: "建宁县" });
    expect(JSON.stringify(page)).not.toContain("storageKey");
  });

  it("keeps a paused product's lot public, and hides an unverified seller's and unknown lots (404)", async () => {
    const paused = (await traceLoader(args(get(`/t/${ids.pausedLot}`, ""), { lotId: ids.pausedLot }))) as { lot: { onSale: boolean } };
    expect(paused.lot.onSale).toBe(false);
    expect(statusOf(await outcome(() => traceLoader(args(get(`/t/${ids.pendingLot}`, ""), { lotId: ids.pendingLot }))))).toBe(404);
    expect(statusOf(await outcome(() => qrLoader(args(get(`/t/${ids.pendingLot}/qr`, ""), { lotId: ids.pendingLot }))))).toBe(404);
    expect(statusOf(await outcome(() => traceLoader(args(get("/t/not-a-lot", ""), { lotId: "not-a-lot" }))))).toBe(404);
    const missing = "00000000-0000-4000-8000-000000000000";
    expect(statusOf(await outcome(() => traceLoader(args(get(`/t/${missing}`, ""), { lotId: missing }))))).toBe(404);
  });
});
