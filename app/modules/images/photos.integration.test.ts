import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization, createProduct } from "../../../tests/factories";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-db";
import { localDiskStorage, type Storage } from "~/modules/storage/storage.server";
import type { PrismaClient } from "~/generated/prisma/client";
import { addPhotos, deletePhoto, getPhotoPage, isKeyReferenced, listPhotos, reorderPhoto, type UploadedFile } from "./photos.server";
import { maxUploadBytes, parseStoredVariants } from "./plan";
import { PhotoRefused, processPhoto } from "./process.server";
import { pdfBytes, phoneJpeg, plainImage } from "./test-images";

let t: TestDatabase;
let db: PrismaClient;
const root = mkdtempSync(path.join(tmpdir(), "hm-photos-"));
let orgA: string;
let orgB: string;
const MAX = maxUploadBytes(15);

/** Local disk storage that can be told to fail the n-th put, and lists what it holds. */
function testStorage(dir: string) {
  const inner = localDiskStorage(dir);
  let failAt = 0;
  let puts = 0;
  const storage: Storage & { failOnPut(n: number): void; files(prefix?: string): string[] } = {
    kind: "local",
    async put(key, body, type) {
      puts += 1;
      if (failAt && puts === failAt) throw new Error("disk full (test)");
      return inner.put(key, body, type);
    },
    get: (key) => inner.get(key),
    delete: (key) => inner.delete(key),
    failOnPut(n) {
      failAt = n;
      puts = 0;
    },
    files(prefix = "") {
      const out: string[] = [];
      const walk = (rel: string) => {
        const full = path.join(dir, rel);
        let entries: string[];
        try {
          entries = readdirSync(full);
        } catch {
          return;
        }
        for (const e of entries) {
          const r = rel ? `${rel}/${e}` : e;
          if (e.endsWith(".webp")) out.push(r);
          else if (!e.includes(".")) walk(r);
        }
      };
      walk(prefix);
      return out.sort();
    },
  };
  return storage;
}

const storage = testStorage(root);
let small: Buffer;

beforeAll(async () => {
  t = await createTestDatabase();
  console.log(`[integration] photos module: database ${t.label}`);
  db = t.db.prisma;
  orgA = (await createOrganization(db, { kind: "cooperative", name: "泰宁县香菇专业合作社", county: "泰宁县" })).id;
  orgB = (await createOrganization(db, { kind: "cooperative", name: "建宁县通心白莲专业合作社", county: "建宁县" })).id;
  small = await phoneJpeg({ width: 700, height: 500 });
});
afterAll(async () => {
  await t?.drop();
  rmSync(root, { recursive: true, force: true });
});

const file = (name: string, body: Buffer): UploadedFile => ({ name, body });
const newProduct = async (sellerId = orgA) => (await createProduct(db, { sellerId })).id;

describe("adding photos", () => {
  it("adds photos in order (the first is the cover) and stores every variant", async () => {
    const productId = await newProduct();
    const result = await addPhotos(db, storage, { productId, orgIds: [orgA], files: [file("a.jpg", await phoneJpeg({ width: 2000, height: 1500 })), file("b.jpg", small)], maxBytes: MAX });
    expect(result.kind).toBe("done");
    if (result.kind !== "done") return;
    expect(result.files.map((f) => f.ok)).toEqual([true, true]);
    const photos = await listPhotos(db, productId);
    expect(photos.map((p) => p.position)).toEqual([0, 1]);
    expect(photos[0].variants.map((v) => v.width)).toEqual([320, 640, 1280]);
    expect(photos[1].variants.map((v) => v.width)).toEqual([320, 640]);
    expect(photos[0].placeholder).toMatch(/^data:image\/webp;base64,/);
    expect(storage.files(`products/${productId}`)).toHaveLength(5);
    for (const v of photos[0].variants) {
      expect(v.key).toBe(`products/${productId}/${photos[0].id}/${v.width}.webp`);
      expect((await storage.get(v.key))?.byteSize).toBe(v.bytes);
    }
    const page = await getPhotoPage(db, productId, [orgA]);
    expect(page.kind === "ok" && page.photos.length).toBe(2);
  });

  it("refuses another seller's product (403) and a missing one (404) without storing anything", async () => {
    const productId = await newProduct(orgB);
    const before = storage.files().length;
    expect(await addPhotos(db, storage, { productId, orgIds: [orgA], files: [file("a.jpg", small)], maxBytes: MAX })).toEqual({ kind: "forbidden" });
    expect(await addPhotos(db, storage, { productId: "00000000-0000-4000-8000-000000000000", orgIds: [orgA], files: [file("a.jpg", small)], maxBytes: MAX })).toEqual({ kind: "not_found" });
    expect(storage.files().length).toBe(before);
    expect(await getPhotoPage(db, productId, [orgA])).toEqual({ kind: "forbidden" });
    expect(await db.productPhoto.count({ where: { productId } })).toBe(0);
  });

  it("reports each refused file by name and keeps the good ones", async () => {
    const productId = await newProduct();
    const result = await addPhotos(db, storage, {
      productId,
      orgIds: [orgA],
      files: [file("report.jpg", pdfBytes()), file("good.jpg", small), { name: "huge.jpg", refused: { code: "tooLarge", params: { limit: "15" } } }],
      maxBytes: MAX,
    });
    expect(result).toMatchObject({
      kind: "done",
      files: [
        { name: "report.jpg", ok: false, refusal: { code: "notImage" } },
        { name: "good.jpg", ok: true, photo: { position: 0 } },
        { name: "huge.jpg", ok: false, refusal: { code: "tooLarge" } },
      ],
    });
    expect(await db.productPhoto.count({ where: { productId } })).toBe(1);
  });

  it("takes at most 8 photos: the 9th is refused, also when several arrive at once", async () => {
    const productId = await newProduct();
    const tiny = await plainImage("png", 120, 90);
    const first = await addPhotos(db, storage, { productId, orgIds: [orgA], files: Array.from({ length: 7 }, (_, i) => file(`p${i}.png`, tiny)), maxBytes: MAX });
    expect(first.kind === "done" && first.files.every((f) => f.ok)).toBe(true);
    // Two uploads race for the last place: the product row lock lets exactly one in.
    const [x, y] = await Promise.all([
      addPhotos(db, storage, { productId, orgIds: [orgA], files: [file("x.png", tiny)], maxBytes: MAX }),
      addPhotos(db, storage, { productId, orgIds: [orgA], files: [file("y.png", tiny)], maxBytes: MAX }),
    ]);
    const outcomes = [x, y].flatMap((r) => (r.kind === "done" ? r.files : []));
    expect(outcomes.filter((f) => f.ok)).toHaveLength(1);
    expect(outcomes.filter((f) => !f.ok).map((f) => !f.ok && f.refusal)).toEqual([{ code: "tooMany", params: { max: 8 } }]);
    const ninth = await addPhotos(db, storage, { productId, orgIds: [orgA], files: [file("ninth.png", tiny)], maxBytes: MAX });
    expect(ninth).toMatchObject({ kind: "done", files: [{ name: "ninth.png", ok: false, refusal: { code: "tooMany", params: { max: 8 } } }] });
    const photos = await listPhotos(db, productId);
    expect(photos.map((p) => p.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // The refused racer's files were removed again: 8 photos, 8 × 1 variant.
    expect(storage.files(`products/${productId}`)).toHaveLength(8);
  });

  it("leaves nothing half-saved: no row and no file when processing or storing fails", async () => {
    const productId = await newProduct();
    const failing = await addPhotos(db, storage, {
      productId,
      orgIds: [orgA],
      files: [file("a.jpg", small)],
      maxBytes: MAX,
      process: async (body) => {
        await processPhoto(body, { maxBytes: MAX });
        throw new Error("sharp crashed (test)");
      },
    });
    expect(failing).toMatchObject({ kind: "done", files: [{ ok: false, refusal: { code: "unreadable" } }] });
    const refused = await addPhotos(db, storage, { productId, orgIds: [orgA], files: [file("a.jpg", small)], maxBytes: MAX, process: () => Promise.reject(new PhotoRefused({ code: "heic" })) });
    expect(refused).toMatchObject({ kind: "done", files: [{ ok: false, refusal: { code: "heic" } }] });
    // The disk fails on the second variant: the first is removed again.
    storage.failOnPut(2);
    const stored = await addPhotos(db, storage, { productId, orgIds: [orgA], files: [file("a.jpg", small)], maxBytes: MAX });
    storage.failOnPut(0);
    expect(stored).toMatchObject({ kind: "done", files: [{ ok: false, refusal: { code: "failed" } }] });
    expect(await db.productPhoto.count({ where: { productId } })).toBe(0);
    expect(storage.files(`products/${productId}`)).toEqual([]);
  });
});

describe("reordering and deleting", () => {
  async function productWithPhotos(count: number) {
    const productId = await newProduct();
    const tiny = await plainImage("png", 100, 80);
    const r = await addPhotos(db, storage, { productId, orgIds: [orgA], files: Array.from({ length: count }, (_, i) => file(`${i}.png`, tiny)), maxBytes: MAX });
    if (r.kind !== "done") throw new Error("setup");
    return { productId, ids: r.files.map((f) => (f.ok ? f.photo.id : "")) };
  }
  const order = async (productId: string) => (await listPhotos(db, productId)).map((p) => p.id);

  it("moves photos earlier and later and makes one the cover, keeping positions 0…n−1", async () => {
    const { productId, ids } = await productWithPhotos(3);
    const [a, b, c] = ids;
    expect((await reorderPhoto(db, { productId, photoId: c, move: "cover", orgIds: [orgA] })).kind).toBe("ok");
    expect(await order(productId)).toEqual([c, a, b]);
    await reorderPhoto(db, { productId, photoId: a, move: "later", orgIds: [orgA] });
    expect(await order(productId)).toEqual([c, b, a]);
    await reorderPhoto(db, { productId, photoId: b, move: "earlier", orgIds: [orgA] });
    expect(await order(productId)).toEqual([b, c, a]);
    // Impossible moves change nothing.
    await reorderPhoto(db, { productId, photoId: b, move: "earlier", orgIds: [orgA] });
    expect((await listPhotos(db, productId)).map((p) => [p.id, p.position])).toEqual([
      [b, 0],
      [c, 1],
      [a, 2],
    ]);
  });

  it("refuses to reorder or delete another seller's photos, or a photo of another product", async () => {
    const { productId, ids } = await productWithPhotos(1);
    const other = await productWithPhotos(1);
    expect(await reorderPhoto(db, { productId, photoId: ids[0], move: "later", orgIds: [orgB] })).toEqual({ kind: "forbidden" });
    expect(await deletePhoto(db, storage, { productId, photoId: ids[0], orgIds: [orgB] })).toEqual({ kind: "forbidden" });
    expect(await deletePhoto(db, storage, { productId, photoId: other.ids[0], orgIds: [orgA] })).toEqual({ kind: "photo_not_found" });
    expect(await db.productPhoto.count({ where: { id: { in: [ids[0], other.ids[0]] } } })).toBe(2);
  });

  it("deletes a photo with its files and closes the gap; the next becomes the cover", async () => {
    const { productId, ids } = await productWithPhotos(3);
    const keys = parseStoredVariants((await db.productPhoto.findUniqueOrThrow({ where: { id: ids[0] }, select: { variants: true } })).variants).map((v) => v.key);
    const result = await deletePhoto(db, storage, { productId, photoId: ids[0], orgIds: [orgA] });
    expect(result.kind).toBe("ok");
    expect((await listPhotos(db, productId)).map((p) => [p.id, p.position])).toEqual([
      [ids[1], 0],
      [ids[2], 1],
    ]);
    for (const key of keys) {
      expect(await storage.get(key)).toBeNull();
      expect(await isKeyReferenced(db, key)).toBe(false);
    }
  });

  it("keeps shared files (the demo photos) while another row still refers to them", async () => {
    const { productId, ids } = await productWithPhotos(1);
    const owner = await db.productPhoto.findUniqueOrThrow({ where: { id: ids[0] }, select: { width: true, height: true, placeholder: true, variants: true } });
    const sharer = await newProduct();
    await db.productPhoto.create({ data: { productId: sharer, position: 0, width: owner.width, height: owner.height, placeholder: owner.placeholder, variants: owner.variants as object }, select: { id: true } });
    const key = parseStoredVariants(owner.variants)[0].key;
    await deletePhoto(db, storage, { productId, photoId: ids[0], orgIds: [orgA] });
    expect(await isKeyReferenced(db, key)).toBe(true);
    expect(await storage.get(key)).not.toBeNull();
    const sharerPhoto = (await listPhotos(db, sharer))[0];
    await deletePhoto(db, storage, { productId: sharer, photoId: sharerPhoto.id, orgIds: [orgA] });
    expect(await isKeyReferenced(db, key)).toBe(false);
    expect(await storage.get(key)).toBeNull();
  });
});
