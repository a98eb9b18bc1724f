import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assertStorageKey, localDiskStorage } from "./storage.server";

const root = mkdtempSync(path.join(tmpdir(), "hm-storage-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("local disk storage", () => {
  const storage = localDiskStorage(root);

  it("stores, reads back with the content type, replaces and deletes", async () => {
    await storage.put("products/p1/a/640.webp", Buffer.from("one"), "image/webp");
    expect(await storage.get("products/p1/a/640.webp")).toEqual({ body: Buffer.from("one"), contentType: "image/webp", byteSize: 3 });
    await storage.put("products/p1/a/640.webp", Buffer.from("two!"), "image/webp");
    expect((await storage.get("products/p1/a/640.webp"))?.byteSize).toBe(4);
    await storage.delete("products/p1/a/640.webp");
    expect(await storage.get("products/p1/a/640.webp")).toBeNull();
    await storage.delete("products/p1/a/640.webp");
  });

  it.each(["../etc/passwd", "/abs", "a/../../b", "a//b", "a/", "", "a b", "a\u0000b", "x".repeat(301)])("refuses the key %j", async (key) => {
    expect(() => assertStorageKey(key)).toThrow(/invalid storage key/);
    await expect(storage.get(key)).rejects.toThrow(/invalid storage key/);
  });
});
