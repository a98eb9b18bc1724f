import path from "node:path";
import { env } from "~/utils/env.server";
import { s3ConfigFromEnv, s3Storage } from "./s3.server";
import { localDiskStorage, type Storage } from "./storage.server";

export type { Storage, StoredObject } from "./storage.server";
export { assertStorageKey, newObjectId } from "./storage.server";

let current: Storage | undefined;

/**
 * The process's storage backend, from the environment: an S3-compatible bucket when S3_ENDPOINT,
 * S3_BUCKET and the keys are set, otherwise local disk (UPLOADS_DIR, default beside the embedded database).
 */
export function getStorage(): Storage {
  if (!current) {
    const e = env();
    const s3 = s3ConfigFromEnv(e);
    current = s3 ? s3Storage(s3) : localDiskStorage(path.resolve(e.UPLOADS_DIR ?? path.join(path.dirname(path.resolve(e.DATA_DIR)), "uploads")));
  }
  return current;
}

/** Replaces the backend (tests). */
export function setStorage(storage: Storage | undefined): void {
  current = storage;
}
