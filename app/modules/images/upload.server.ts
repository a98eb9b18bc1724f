/**
 * Reading a multipart photo upload with bounded memory: a body declared larger than the most a request
 * may carry is refused before a byte is read; each file is kept only up to MAX_UPLOAD_MB (a larger one
 * is read past, not stored, and reported by name); text fields go through Remix's memory upload handler
 * with a small part limit. Malformed bodies are a clean "bad", never an exception.
 */
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import type { PrismaClient } from "~/generated/prisma/client";
import type { Storage } from "~/modules/storage/index.server";
import { MAX_PHOTOS_PER_PRODUCT, megabytes } from "./plan";
import { addPhotos, checkOwnership, type FileOutcome, type UploadedFile } from "./photos.server";

/** Room for the boundaries and text fields around the files. */
const FORM_OVERHEAD = 1024 * 1024;
const TEXT_PART_LIMIT = 64 * 1024;

export type PhotoUpload =
  | { kind: "ok"; fields: Record<string, string>; files: UploadedFile[] }
  /** The whole body is over the limit (refused early); `limit` is in MB for the message. */
  | { kind: "tooLarge"; limit: string }
  | { kind: "bad" };

class BodyTooLarge extends Error {}

/** True for a multipart/form-data request. */
export function isMultipart(request: Request): boolean {
  return (request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
}

/**
 * Reads the `field` files (at most `maxFiles` of them kept; more are reported as refused) and the text
 * fields of a multipart request.
 */
export async function readPhotoUpload(request: Request, options: { maxBytes: number; maxFiles: number; field?: string }): Promise<PhotoUpload> {
  const field = options.field ?? "photo";
  const budget = options.maxFiles * options.maxBytes + FORM_OVERHEAD;
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > budget) return { kind: "tooLarge", limit: megabytes(budget - FORM_OVERHEAD) };

  const files: UploadedFile[] = [];
  let seen = 0;
  const text = unstable_createMemoryUploadHandler({ maxPartSize: TEXT_PART_LIMIT });
  const handler: UploadHandler = async (part) => {
    if (part.filename === undefined) return text(part);
    const keep = part.name === field && part.filename !== "" && files.length < options.maxFiles;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of part.data) {
      seen += chunk.byteLength;
      if (seen > budget) throw new BodyTooLarge();
      size += chunk.byteLength;
      if (keep && size <= options.maxBytes) chunks.push(chunk);
    }
    // A file input left empty still sends a part with no name and no bytes: not a file.
    if (part.name !== field || (part.filename === "" && size === 0)) return undefined;
    const name = part.filename || "photo";
    if (!keep) files.push({ name, refused: { code: "tooMany", params: { max: options.maxFiles } } });
    else if (size > options.maxBytes) files.push({ name, refused: { code: "tooLarge", params: { limit: megabytes(options.maxBytes) } } });
    else files.push({ name, body: Buffer.concat(chunks) });
    return undefined;
  };
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, handler);
  } catch (error) {
    if (error instanceof BodyTooLarge) return { kind: "tooLarge", limit: megabytes(budget - FORM_OVERHEAD) };
    if (error instanceof MaxPartSizeExceededError) return { kind: "bad" };
    return { kind: "bad" };
  }
  const fields: Record<string, string> = {};
  for (const [k, v] of form) if (typeof v === "string") fields[k] = v;
  return { kind: "ok", fields, files };
}

export type ReceiveResult =
  | { kind: "not_found" }
  | { kind: "forbidden" }
  | { kind: "tooLarge"; limit: string }
  | { kind: "bad" }
  | { kind: "noFile" }
  | { kind: "done"; files: FileOutcome[] };

/**
 * The upload path shared by the photos page (a plain form without JavaScript) and the XHR upload
 * route: ownership first (another seller's body is never read), then the body, then each file.
 */
export async function receivePhotos(
  request: Request,
  deps: { db: PrismaClient; storage: Storage; productId: string; orgIds: readonly string[]; maxBytes: number; maxPixels?: number },
): Promise<ReceiveResult> {
  const owner = await checkOwnership(deps.db, deps.productId, deps.orgIds);
  if (owner.kind !== "ok") return owner;
  const upload = await readPhotoUpload(request, { maxBytes: deps.maxBytes, maxFiles: MAX_PHOTOS_PER_PRODUCT });
  if (upload.kind !== "ok") return upload;
  if (upload.files.length === 0) return { kind: "noFile" };
  const result = await addPhotos(deps.db, deps.storage, { productId: deps.productId, orgIds: deps.orgIds, files: upload.files, maxBytes: deps.maxBytes, maxPixels: deps.maxPixels });
  return result.kind === "done" ? { kind: "done", files: result.files } : result;
}
