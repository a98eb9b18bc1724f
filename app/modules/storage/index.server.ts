import path from "node:path";
import { env } from "~/utils/env.server";
import { localDiskStorage, type Storage } from "./storage.server";

export type { Storage, StoredObject } from "./storage.server";
export { assertStorageKey, newObjectId } from "./storage.server";

let current: Storage | undefined;

/** The process's storage backend, from the environment: local disk (UPLOADS_DIR, default beside the embedded database). */
export function getStorage(): Storage {
  if (!current) {
    const e = env();
    current = localDiskStorage(path.resolve(e.UPLOADS_DIR ?? path.join(path.dirname(path.resolve(e.DATA_DIR)), "uploads")));
  }
  return current;
}

/** Replaces the backend (tests). */
export function setStorage(storage: Storage | undefined): void {
  current = storage;
}
