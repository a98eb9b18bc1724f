/**
 * The listing editor's copy on the phone: the form's values in IndexedDB (idb-keyval, ~600 bytes), written
 * on every change, so a dropped connection or a closed tab loses nothing. Browser only; every function is a
 * no-op where IndexedDB is missing (private mode on old browsers, the server).
 */
import { del, get, set } from "idb-keyval";
import { readListing } from "~/modules/catalog/listing-schema";

export interface StoredDraft {
  /** The form's values, as FormData gives them. */
  values: Record<string, string>;
  /** When the phone stored them (ms since epoch, the phone's clock: shown, never compared with the server's). */
  savedAt: number;
  /** The server version (product updatedAt, ISO) the values were edited on top of. */
  base: string;
}

const key = (productId: string) => `huming:listing:${productId}`;
const available = () => typeof indexedDB !== "undefined";

export async function readDraft(productId: string): Promise<StoredDraft | undefined> {
  if (!available()) return undefined;
  try {
    const value = (await get(key(productId))) as StoredDraft | undefined;
    return value && typeof value === "object" && value.values && typeof value.base === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

export async function writeDraft(productId: string, draft: StoredDraft): Promise<boolean> {
  if (!available()) return false;
  try {
    await set(key(productId), draft);
    return true;
  } catch {
    return false;
  }
}

export async function clearDraft(productId: string): Promise<void> {
  if (!available()) return;
  try {
    await del(key(productId));
  } catch {
    // nothing to do: the copy is dropped next time it is found out of date
  }
}

/** Values equal field by field, ignoring fields that are empty on one side and missing on the other. */
export function sameValues(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if ((a[k] ?? "").trim() !== (b[k] ?? "").trim()) return false;
  return true;
}

/**
 * The same listing, whatever the spelling: "345.5" and "345.50", "24 L" and "40×30×20", an untouched spare
 * block with another id. Fields that do not parse are compared as typed.
 */
export function sameListing(a: Record<string, string>, b: Record<string, string>): boolean {
  const ra = readListing(a);
  const rb = readListing(b);
  if (JSON.stringify(ra.data) !== JSON.stringify(rb.data)) return false;
  const bad = new Set([...Object.keys(ra.errors), ...Object.keys(rb.errors)]);
  for (const k of bad) if ((a[k] ?? "").trim() !== (b[k] ?? "").trim()) return false;
  return true;
}

/** A new pack id in the browser (crypto.randomUUID needs a secure context; plain-HTTP intranets lack it). */
export function newPackId(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
