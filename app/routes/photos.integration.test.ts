import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization, createProduct, createUser } from "../../tests/factories";
import { sessionCookieFor } from "../../tests/support/route-harness";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import type { UploadAnswer } from "~/modules/images/messages";
import { parseStoredVariants } from "~/modules/images/plan";
import { heicBytes, pdfBytes, phoneJpeg, plainImage, pngBomb } from "~/modules/images/test-images";
import { setStorage } from "~/modules/storage/index.server";
import { localDiskStorage } from "~/modules/storage/storage.server";
import type { Database } from "~/utils/db.server";
import { loader as catalogLoader } from "./catalog._index";
import { loader as productLoader } from "./catalog.$productId";
import { loader as mediaLoader } from "./media.$";
import { action as pageAction, loader as pageLoader } from "./seller.products.$productId_.photos";
import { action as uploadAction, loader as uploadLoader } from "./seller.products.$productId_.photos.upload";

const store = globalThis as typeof globalThis & { __humingDb?: Promise<Database> };
const uploads = mkdtempSync(path.join(tmpdir(), "hm-photo-routes-"));
const storage = localDiskStorage(uploads);
let t: TestDatabase;
let own: string;
let other: string;
let sellerCookie: string;
let otherSellerCookie: string;
let buyerCookie: string;

beforeAll(async () => {
  t = await createTestDatabase();
  store.__humingDb = Promise.resolve(t.db);
  setStorage(storage);
  console.log(`[integration] photo routes: database ${t.label}`);
  const db = t.db.prisma;
  const a = await createOrganization(db, { kind: "cooperative", name: "泰宁县香菇专业合作社", county: "泰宁县" });
  const b = await createOrganization(db, { kind: "cooperative", name: "建宁县通心白莲专业合作社", county: "建宁县" });
  const buyer = await createOrganization(db, { kind: "canteen", name: "复旦大学邯郸校区食堂", county: "杨浦区" });
  own = (await createProduct(db, { sellerId: a.id, nameZh: "泰宁香菇" })).id;
  other = (await createProduct(db, { sellerId: b.id, nameZh: "建宁通心白莲" })).id;
  sellerCookie = await sessionCookieFor(db, (await createUser(db, { role: "seller", organizationId: a.id })).id);
  otherSellerCookie = await sessionCookieFor(db, (await createUser(db, { role: "seller", organizationId: b.id })).id);
  buyerCookie = await sessionCookieFor(db, (await createUser(db, { role: "buyer", organizationId: buyer.id })).id);
});
afterAll(async () => {
  store.__humingDb = undefined;
  setStorage(undefined);
  await t?.drop();
  rmSync(uploads, { recursive: true, force: true });
});

const args = (request: Request, params: Record<string, string>) => ({ request, params, context: {} });

async function settle(run: () => unknown): Promise<unknown> {
  try {
    return await run();
  } catch (thrown) {
    return thrown;
  }
}
function statusOf(value: unknown): number | undefined {
  if (value instanceof Response) return value.status;
  const init = (value as { init?: { status?: number } | null; type?: string } | null)?.init;
  return init?.status ?? ((value as { type?: string } | null)?.type === "DataWithResponseInit" ? 200 : undefined);
}
function dataOf<T>(value: unknown): T {
  return ((value as { data?: T }).data ?? value) as T;
}

/** A multipart POST as a browser sends a file form. */
function multipart(url: string, files: { name: string; body: Buffer }[], cookie: string, fields: Record<string, string> = {}): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append("photo", new File([new Uint8Array(f.body)], f.name, { type: "image/jpeg" }));
  return new Request(`http://localhost${url}`, { method: "POST", body: form, headers: { cookie, origin: "http://localhost" } });
}
const urlencoded = (url: string, fields: Record<string, string>, cookie: string) =>
  new Request(`http://localhost${url}`, { method: "POST", body: new URLSearchParams(fields), headers: { cookie, origin: "http://localhost" } });
const get = (url: string, cookie = "", headers: Record<string, string> = {}) => new Request(`http://localhost${url}`, { headers: { cookie, ...headers } });

const photosOf = (productId: string) => t.db.prisma.productPhoto.findMany({ where: { productId }, select: { id: true, position: true, variants: true }, orderBy: { position: "asc" } });

describe("the photos page", () => {
  it("shows the seller's own product and its photos; another seller's is 403, a missing one 404, a buyer 403", async () => {
    const page = dataOf<{ product: { id: string }; photos: unknown[]; maxBytes: number }>(await pageLoader(args(get(`/seller/products/${own}/photos`, sellerCookie), { productId: own })));
    expect(page.product.id).toBe(own);
    expect(page.maxBytes).toBe(15 * 1024 * 1024);
    expect(statusOf(await settle(() => pageLoader(args(get(`/seller/products/${other}/photos`, sellerCookie), { productId: other }))))).toBe(403);
    expect(statusOf(await settle(() => pageLoader(args(get(`/seller/products/${crypto.randomUUID()}/photos`, sellerCookie), { productId: crypto.randomUUID() }))))).toBe(404);
    expect(statusOf(await settle(() => pageLoader(args(get(`/seller/products/${own}/photos`, buyerCookie), { productId: own }))))).toBe(403);
  });

  it("adds photos from a plain multipart form and names each refused file with its message", async () => {
    const turned = await phoneJpeg({ width: 1600, height: 1200, orientation: 6 });
    const answer = await settle(() =>
      pageAction(
        args(
          multipart(
            `/seller/products/${own}/photos`,
            [
              { name: "猪圈旁的香菇.jpg", body: turned },
              { name: "检测报告.jpg", body: pdfBytes() },
              { name: "IMG_0001.HEIC", body: heicBytes() },
              { name: "bomb.png", body: pngBomb() },
            ],
            sellerCookie,
          ),
          { productId: own },
        ),
      ),
    );
    expect(statusOf(answer)).toBe(200);
    const files = dataOf<UploadAnswer>(answer).files;
    expect(files.map((f) => [f.name, f.ok, f.error?.key])).toEqual([
      ["猪圈旁的香菇.jpg", true, undefined],
      ["检测报告.jpg", false, "photos.error.notImage"],
      ["IMG_0001.HEIC", false, "photos.error.heic"],
      ["bomb.png", false, "photos.error.tooManyPixels"],
    ]);
    const rows = await photosOf(own);
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(files[0].photoId);
  });

  it("refuses another seller's product with 403 and stores nothing", async () => {
    const before = (await photosOf(other)).length;
    const answer = await settle(() => pageAction(args(multipart(`/seller/products/${other}/photos`, [{ name: "a.jpg", body: Buffer.from("x") }], sellerCookie), { productId: other })));
    expect(statusOf(answer)).toBe(403);
    const upload = await settle(() => uploadAction(args(multipart(`/seller/products/${other}/photos/upload`, [{ name: "a.jpg", body: Buffer.from("x") }], sellerCookie), { productId: other })));
    expect(statusOf(upload)).toBe(403);
    expect(statusOf(await settle(() => pageAction(args(urlencoded(`/seller/products/${other}/photos`, { intent: "cover", photoId: crypto.randomUUID() }, sellerCookie), { productId: other }))))).toBe(403);
    expect((await photosOf(other)).length).toBe(before);
  });

  it("moves, makes cover and deletes through the form buttons, redirecting back (no resubmission on reload)", async () => {
    const tiny = await plainImage("png", 120, 90);
    await uploadAction(args(multipart(`/seller/products/${own}/photos/upload`, [{ name: "2.png", body: tiny }], sellerCookie), { productId: own }));
    await uploadAction(args(multipart(`/seller/products/${own}/photos/upload`, [{ name: "3.png", body: tiny }], sellerCookie), { productId: own }));
    const [p1, p2, p3] = (await photosOf(own)).map((p) => p.id);
    const post = (fields: Record<string, string>) => settle(() => pageAction(args(urlencoded(`/seller/products/${own}/photos`, fields, sellerCookie), { productId: own })));
    const cover = (await post({ intent: "cover", photoId: p3 })) as Response;
    expect(cover.status).toBe(302);
    expect(cover.headers.get("Location")).toBe(`/seller/products/${own}/photos?notice=cover`);
    expect((await photosOf(own)).map((p) => p.id)).toEqual([p3, p1, p2]);
    await post({ intent: "later", photoId: p3 });
    expect((await photosOf(own)).map((p) => p.id)).toEqual([p1, p3, p2]);
    await post({ intent: "earlier", photoId: p2 });
    expect((await photosOf(own)).map((p) => p.id)).toEqual([p1, p2, p3]);
    const gone = (await photosOf(own))[0];
    const deleted = (await post({ intent: "delete", photoId: gone.id })) as Response;
    expect(deleted.headers.get("Location")).toBe(`/seller/products/${own}/photos?notice=deleted`);
    expect((await photosOf(own)).map((p) => [p.id, p.position])).toEqual([
      [p2, 0],
      [p3, 1],
    ]);
    for (const v of parseStoredVariants(gone.variants)) expect(await storage.get(v.key)).toBeNull();
    // Bad input: 400; a photo that is gone: 404 with its message.
    expect(statusOf(await post({ intent: "sideways", photoId: p2 }))).toBe(400);
    expect(statusOf(await post({ intent: "cover", photoId: "nope" }))).toBe(400);
    const missing = await post({ intent: "delete", photoId: gone.id });
    expect(statusOf(missing)).toBe(404);
    expect(dataOf<UploadAnswer>(missing).error?.key).toBe("photos.error.photoGone");
    // The notice shows after the redirect.
    const page = dataOf<{ notice: string | null }>(await pageLoader(args(get(`/seller/products/${own}/photos?notice=deleted`, sellerCookie), { productId: own })));
    expect(page.notice).toBe("deleted");
  });
});

describe("the upload route (one file per request, JSON)", () => {
  it("answers JSON per file; the 9th photo is refused with the limit", async () => {
    const productId = (await createProduct(t.db.prisma, { sellerId: (await t.db.prisma.product.findUniqueOrThrow({ where: { id: own }, select: { sellerId: true } })).sellerId })).id;
    const tiny = await plainImage("png", 100, 75);
    for (let i = 0; i < 8; i++) {
      const res = (await uploadAction(args(multipart(`/seller/products/${productId}/photos/upload`, [{ name: `${i}.png`, body: tiny }], sellerCookie), { productId }))) as Response;
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toMatch(/application\/json/);
      expect(((await res.json()) as UploadAnswer).files[0]).toMatchObject({ name: `${i}.png`, ok: true });
    }
    const ninth = (await uploadAction(args(multipart(`/seller/products/${productId}/photos/upload`, [{ name: "9.png", body: tiny }], sellerCookie), { productId }))) as Response;
    expect(ninth.status).toBe(400);
    expect(await ninth.json()).toEqual({ files: [{ name: "9.png", ok: false, error: { key: "photos.error.tooMany", params: { max: 8 } } }] });
    expect(await t.db.prisma.productPhoto.count({ where: { productId } })).toBe(8);
  });

  it("refuses a file over MAX_UPLOAD_MB by name and still takes the others in the same request", async () => {
    const tiny = await plainImage("png", 100, 75);
    const productId = (await createProduct(t.db.prisma, { sellerId: (await t.db.prisma.product.findUniqueOrThrow({ where: { id: own }, select: { sellerId: true } })).sellerId })).id;
    const res = await settle(() =>
      pageAction(
        args(
          multipart(
            `/seller/products/${productId}/photos`,
            [
              { name: "big.jpg", body: Buffer.alloc(16 * 1024 * 1024, 0xff) },
              { name: "ok.png", body: tiny },
            ],
            sellerCookie,
          ),
          { productId },
        ),
      ),
    );
    expect(statusOf(res)).toBe(200);
    expect(dataOf<UploadAnswer>(res).files).toMatchObject([
      { name: "big.jpg", ok: false, error: { key: "photos.error.tooLarge", params: { limit: "15" } } },
      { name: "ok.png", ok: true },
    ]);
    expect(await t.db.prisma.productPhoto.count({ where: { productId } })).toBe(1);
  });

  it("refuses a declared 200 MB upload before reading it, with a clear message and no 500", async () => {
    const started = performance.now();
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024 * 1024));
      },
    });
    const request = new Request(`http://localhost/seller/products/${own}/photos/upload`, {
      method: "POST",
      body,
      headers: { cookie: sellerCookie, origin: "http://localhost", "content-type": "multipart/form-data; boundary=xyz", "content-length": String(200 * 1024 * 1024) },
      duplex: "half",
    } as RequestInit);
    const res = (await uploadAction(args(request, { productId: own }))) as Response;
    expect(res.status).toBe(413);
    expect(((await res.json()) as UploadAnswer).error).toEqual({ key: "photos.error.requestTooLarge", params: { limit: "120" } });
    expect(pulled).toBeLessThan(3);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("stops reading an undeclared (chunked) 200 MB body at the limit", async () => {
    let sent = 0;
    const head = new TextEncoder().encode('--xyz\r\nContent-Disposition: form-data; name="photo"; filename="huge.jpg"\r\nContent-Type: image/jpeg\r\n\r\n');
    const chunk = new Uint8Array(1024 * 1024).fill(0x41);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(head);
      },
      pull(controller) {
        if (sent >= 200 * 1024 * 1024) {
          controller.enqueue(new TextEncoder().encode("\r\n--xyz--\r\n"));
          controller.close();
          return;
        }
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const request = new Request(`http://localhost/seller/products/${own}/photos/upload`, {
      method: "POST",
      body,
      headers: { cookie: sellerCookie, origin: "http://localhost", "content-type": "multipart/form-data; boundary=xyz" },
      duplex: "half",
    } as RequestInit);
    const res = (await uploadAction(args(request, { productId: own }))) as Response;
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(130 * 1024 * 1024);
  });

  it("answers a malformed body and a form without a file with 400, GET with 405, a visitor with sign-in", async () => {
    const bad = new Request(`http://localhost/seller/products/${own}/photos/upload`, { method: "POST", body: "garbage", headers: { cookie: sellerCookie, "content-type": "multipart/form-data; boundary=zzz" } });
    expect(((await uploadAction(args(bad, { productId: own }))) as Response).status).toBe(400);
    const none = (await uploadAction(args(multipart(`/seller/products/${own}/photos/upload`, [], sellerCookie, { note: "x" }), { productId: own }))) as Response;
    expect(none.status).toBe(400);
    expect(((await none.json()) as UploadAnswer).error?.key).toBe("photos.error.noFile");
    expect(statusOf(await settle(() => uploadLoader()))).toBe(405);
    const visitor = (await settle(() => uploadAction(args(multipart(`/seller/products/${own}/photos/upload`, [], ""), { productId: own })))) as Response;
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    expect(statusOf(await settle(() => uploadAction(args(multipart(`/seller/products/${own}/photos/upload`, [], buyerCookie), { productId: own }))))).toBe(403);
    expect(statusOf(await settle(() => uploadAction(args(multipart(`/seller/products/${own}/photos/upload`, [], otherSellerCookie), { productId: own }))))).toBe(403);
  });
});

describe("the media route and the catalogue", () => {
  it("serves a variant with long-cache headers, an ETag and its type; 304 for a matching If-None-Match", async () => {
    const photo = (await photosOf(own))[0];
    const v = parseStoredVariants(photo.variants)[0];
    const res = (await mediaLoader(args(get(`/media/${v.key}`), { "*": v.key }))) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/webp");
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("Content-Length")).toBe(String(v.bytes));
    const etag = res.headers.get("ETag");
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(Buffer.from(await res.arrayBuffer()).subarray(8, 12).toString("latin1")).toBe("WEBP");
    const again = (await mediaLoader(args(get(`/media/${v.key}`, "", { "If-None-Match": etag ?? "" }), { "*": v.key }))) as Response;
    expect(again.status).toBe(304);
  });

  it("answers 404 for unknown, foreign or malformed keys and for photos whose row is gone", async () => {
    const photo = (await photosOf(own))[1];
    const key = parseStoredVariants(photo.variants)[0].key;
    const unknown = key.replace(photo.id, crypto.randomUUID());
    for (const k of [unknown, `licences/${own}/${photo.id}/320.webp`, `products/${own}/${photo.id}/321.webp`, "products/../../etc/passwd", "", `products/${own}/${photo.id}/320.webp.content-type`]) {
      const res = (await mediaLoader(args(get(`/media/${k}`), { "*": k }))) as Response;
      expect(res.status, k).toBe(404);
      expect(res.headers.get("Cache-Control")).toBe("no-store");
    }
    // The file is still on disk, but no row refers to it any more.
    await t.db.prisma.productPhoto.delete({ where: { id: photo.id } });
    expect(await storage.get(key)).not.toBeNull();
    expect(((await mediaLoader(args(get(`/media/${key}`), { "*": key }))) as Response).status).toBe(404);
  });

  it("puts the cover on the catalogue card and every photo in the product page", async () => {
    const list = dataOf<{ items: { id: string; photos: { id: string; variants: unknown[]; placeholder: string }[] }[] }>(await catalogLoader(args(get("/catalog", buyerCookie), {})));
    const card = list.items.find((i) => i.id === own);
    const rows = await photosOf(own);
    expect(card?.photos.map((p) => p.id)).toEqual([rows[0].id]);
    expect(card?.photos[0].placeholder).toMatch(/^data:image\/webp;base64,/);
    expect(list.items.find((i) => i.id === other)?.photos).toEqual([]);
    const detail = dataOf<{ product: { photos: { id: string }[] } }>(await productLoader(args(get(`/catalog/${own}`, buyerCookie), { productId: own })));
    expect(detail.product.photos.map((p) => p.id)).toEqual(rows.map((r) => r.id));
  });
});
