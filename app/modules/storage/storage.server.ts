import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, stat } from "node:fs/promises";
import { writeFile } from "node:fs/promises";
import path from "node:path";

/** A stored object as read back. */
export interface StoredObject {
  body: Buffer;
  contentType: string;
  byteSize: number;
}

/**
 * Where uploaded files live (photos, licences, lot certificates). Keys are relative paths such as
 * `products/<id>/<photo>/640.webp`: only letters, digits, `-`, `_`, `.` and `/`, never `..`.
 * Routes never touch a backend directly; they go through the module that owns the file.
 */
export interface Storage {
  /** Stores bytes under a key (replacing what was there). */
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** Reads an object, or null when there is none. */
  get(key: string): Promise<StoredObject | null>;
  /** Removes an object; a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** "local" or "s3", for logs and tests. */
  readonly kind: string;
}

const KEY = /^[A-Za-z0-9_-][A-Za-z0-9_.\-/]*$/;

/** Throws on a key that could escape the storage root or is not of the documented form. */
export function assertStorageKey(key: string): void {
  if (!KEY.test(key) || key.includes("..") || key.includes("//") || key.endsWith("/") || key.length > 300) {
    throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
  }
}

/** A random, URL-safe id for new objects (unguessable, so a key is no invitation to enumerate). */
export function newObjectId(): string {
  return randomBytes(12).toString("base64url");
}

// Content types sit beside the object in a small sidecar file, so reading back needs no database.
const META_SUFFIX = ".content-type";

/** Files on the local disk under `root` (default: `<DATA_DIR's parent>/uploads`). Writes are atomic (temp file + rename). */
export function localDiskStorage(root: string): Storage {
  const full = (key: string) => {
    assertStorageKey(key);
    return path.join(root, key);
  };
  return {
    kind: "local",
    async put(key, body, contentType) {
      const file = full(key);
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${newObjectId()}.tmp`;
      await writeFile(tmp, body);
      await writeFile(`${file}${META_SUFFIX}`, contentType);
      await rename(tmp, file);
    },
    async get(key) {
      const file = full(key);
      try {
        const [body, contentType, info] = await Promise.all([readFile(file), readFile(`${file}${META_SUFFIX}`, "utf8").catch(() => "application/octet-stream"), stat(file)]);
        return { body, contentType, byteSize: info.size };
      } catch (error) {
        if ((error as { code?: string }).code === "ENOENT") return null;
        throw error;
      }
    },
    async delete(key) {
      const file = full(key);
      await rm(file, { force: true });
      await rm(`${file}${META_SUFFIX}`, { force: true });
    },
  };
}
