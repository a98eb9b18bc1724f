/**
 * Reading the upload form within the size limit (env MAX_UPLOAD_MB), and keeping an uploaded file in
 * storage between the preview and the import (key `imports/<orgId>/<id>.<ext>`, beside a small JSON
 * with its name and who sent it), so applying needs no second upload and works without JavaScript.
 *
 * The limit is enforced while the body streams in: a declared Content-Length over it is refused before
 * a byte is read, and a body without one (or lying about it) is cut off as soon as the file part passes
 * the limit. Nothing larger than the limit is ever held in memory.
 */
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { newObjectId, type Storage } from "~/modules/storage/index.server";
import { env } from "~/utils/env.server";
import type { ImportFormat } from "./read.server";

/** Text fields of the form are small; the whole body may exceed the file limit by this much. */
const FIELD_LIMIT = 64 * 1024;
const BODY_SLACK = 1024 * 1024;
/** An upload kept longer than this is gone: the seller uploads again. */
export const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;

/** The largest file accepted, in bytes. */
export function maxUploadBytes(): number {
  return Math.floor(env().MAX_UPLOAD_MB * 1024 * 1024);
}

export interface UploadedFile {
  name: string;
  bytes: Buffer;
}

export type UploadForm = { kind: "ok"; fields: Record<string, string>; file: UploadedFile | null } | { kind: "too_large" } | { kind: "bad_request" };

class TooLarge extends Error {
  constructor() {
    super("upload over the size limit");
  }
}

async function collect(data: AsyncIterable<Uint8Array>, limit: number, onBytes: (n: number) => void): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    onBytes(chunk.byteLength);
    if (size > limit) throw new TooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function readLimitedText(request: Request, limit: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The upload form's fields and its one file (the part named `fileField`), within `maxBytes`. Other file
 * parts are read and dropped (they count towards the body's limit). A urlencoded body (the apply form)
 * is read too, within a small limit.
 */
export async function readUploadForm(request: Request, maxBytes: number, fileField = "file"): Promise<UploadForm> {
  const declared = Number(request.headers.get("Content-Length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes + BODY_SLACK) {
    await request.body?.cancel().catch(() => undefined);
    return { kind: "too_large" };
  }
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "multipart/form-data") {
    const text = await readLimitedText(request, FIELD_LIMIT);
    if (text === null) return { kind: "too_large" };
    return { kind: "ok", fields: Object.fromEntries(new URLSearchParams(text)), file: null };
  }
  let total = 0;
  const count = (n: number) => {
    total += n;
    if (total > maxBytes + BODY_SLACK) throw new TooLarge();
  };
  let file: UploadedFile | null = null;
  const handler: UploadHandler = async (part) => {
    if (typeof part.filename === "string") {
      if (part.name === fileField && file === null) {
        const bytes = await collect(part.data, maxBytes, count);
        // An empty file input is sent as a part without a name and without bytes.
        if (part.filename !== "" || bytes.length > 0) file = { name: part.filename || "upload", bytes };
        return undefined;
      }
      await collect(part.data, maxBytes, count);
      return undefined;
    }
    return (await collect(part.data, FIELD_LIMIT, count)).toString("utf8");
  };
  try {
    const form = await unstable_parseMultipartFormData(request, handler);
    const fields: Record<string, string> = {};
    for (const [k, v] of form) if (typeof v === "string") fields[k] = v;
    return { kind: "ok", fields, file };
  } catch (error) {
    if (error instanceof TooLarge) {
      await request.body?.cancel().catch(() => undefined);
      return { kind: "too_large" };
    }
    return { kind: "bad_request" };
  }
}

// ---------------------------------------------------------------------------------------------
// Keeping the upload between preview and import

const UPLOAD_ID = /^[A-Za-z0-9_-]{16}$/;

/** True for a well-formed upload id (what newObjectId makes). */
export function isUploadId(value: unknown): value is string {
  return typeof value === "string" && UPLOAD_ID.test(value);
}

interface UploadMeta {
  format: ImportFormat;
  fileName: string;
  userId: string;
  uploadedAt: string;
  byteSize: number;
}

const dataKey = (orgId: string, id: string, format: ImportFormat) => `imports/${orgId}/${id}.${format}`;
const metaKey = (orgId: string, id: string) => `imports/${orgId}/${id}.json`;
const CONTENT_TYPE: Record<ImportFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv",
};

export interface StoredUpload {
  id: string;
  orgId: string;
  format: ImportFormat;
  fileName: string;
  bytes: Buffer;
  uploadedAt: Date;
}

/** Keeps an upload for the organization; returns its id. */
export async function storeUpload(storage: Storage, orgId: string, upload: { bytes: Buffer; fileName: string; format: ImportFormat; userId: string }, now = new Date()): Promise<string> {
  const id = newObjectId();
  await storage.put(dataKey(orgId, id, upload.format), upload.bytes, CONTENT_TYPE[upload.format]);
  const meta: UploadMeta = { format: upload.format, fileName: upload.fileName.slice(0, 200), userId: upload.userId, uploadedAt: now.toISOString(), byteSize: upload.bytes.length };
  await storage.put(metaKey(orgId, id), Buffer.from(JSON.stringify(meta)), "application/json");
  return id;
}

/**
 * An upload kept for one of the organizations, or null: an id of another organization's upload is not
 * found under these (so it is refused the same way as a made-up one), and one older than UPLOAD_TTL_MS
 * is deleted instead of returned.
 */
export async function findUpload(storage: Storage, orgIds: readonly string[], id: string, now = new Date()): Promise<StoredUpload | null> {
  if (!isUploadId(id)) return null;
  for (const orgId of orgIds) {
    const metaObject = await storage.get(metaKey(orgId, id));
    if (!metaObject) continue;
    let meta: UploadMeta;
    try {
      meta = JSON.parse(metaObject.body.toString("utf8")) as UploadMeta;
    } catch {
      return null;
    }
    if (meta.format !== "xlsx" && meta.format !== "csv") return null;
    const uploadedAt = new Date(meta.uploadedAt);
    if (!(now.getTime() - uploadedAt.getTime() < UPLOAD_TTL_MS)) {
      await discardUpload(storage, orgId, id, meta.format);
      return null;
    }
    const data = await storage.get(dataKey(orgId, id, meta.format));
    if (!data) return null;
    return { id, orgId, format: meta.format, fileName: meta.fileName, bytes: data.body, uploadedAt };
  }
  return null;
}

/** Removes an upload (after it was imported, or when it expired). */
export async function discardUpload(storage: Storage, orgId: string, id: string, format?: ImportFormat): Promise<void> {
  for (const f of format ? [format] : (["xlsx", "csv"] as const)) await storage.delete(dataKey(orgId, id, f));
  await storage.delete(metaKey(orgId, id));
}
