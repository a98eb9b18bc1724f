/**
 * Reading the driver app's requests: the sync batch (a multipart form with the batch as JSON in `batch`
 * and photos as `photo:<action id>` files, or a plain JSON body) and the stop page's form (urlencoded,
 * or multipart when a photo is attached). Memory is bounded; malformed bodies are "bad", never a throw.
 */
import { unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import type { SessionUser } from "~/modules/auth/request.server";
import type { StepActor } from "~/workflows/seller-order-step.server";
import { MAX_BATCH } from "./schemas";

/** The driver as the ordering workflow's actor. */
export function driverActor(user: SessionUser): StepActor {
  return { userId: user.id, role: "driver", permissions: user.permissions, organizationIds: user.memberships.map((m) => m.organizationId) };
}

const TEXT_LIMIT = 2 * 1024 * 1024;

export type ReadBody = { kind: "ok"; fields: Record<string, string>; files: Map<string, Buffer>; json?: unknown } | { kind: "bad" } | { kind: "tooLarge" };

class TooLarge extends Error {}

/** Reads a form (multipart or urlencoded) or a JSON body; files are kept by field name up to maxBytes each. */
export async function readDriverBody(request: Request, options: { maxFileBytes: number; maxFiles?: number }): Promise<ReadBody> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  try {
    if (type === "application/json") {
      const text = await request.text();
      if (text.length > TEXT_LIMIT) return { kind: "tooLarge" };
      return { kind: "ok", fields: {}, files: new Map(), json: JSON.parse(text) };
    }
    if (type === "multipart/form-data") return await readMultipart(request, options.maxFileBytes, options.maxFiles ?? MAX_BATCH);
    if (type === "application/x-www-form-urlencoded" || type === "") {
      const form = await request.formData().catch(() => new FormData());
      const fields: Record<string, string> = {};
      for (const [k, v] of form) if (typeof v === "string") fields[k] = v;
      return { kind: "ok", fields, files: new Map() };
    }
    return { kind: "bad" };
  } catch (error) {
    return error instanceof TooLarge ? { kind: "tooLarge" } : { kind: "bad" };
  }
}

async function readMultipart(request: Request, maxFileBytes: number, maxFiles: number): Promise<ReadBody> {
  const files = new Map<string, Buffer>();
  const text = unstable_createMemoryUploadHandler({ maxPartSize: TEXT_LIMIT });
  const handler: UploadHandler = async (part) => {
    if (part.filename === undefined) return text(part);
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of part.data) {
      size += chunk.byteLength;
      if (size > maxFileBytes) throw new TooLarge();
      chunks.push(chunk);
    }
    // An empty file input still sends a part: not a photo.
    if (size > 0) {
      if (files.size >= maxFiles) throw new TooLarge();
      files.set(part.name, Buffer.concat(chunks));
    }
    return undefined;
  };
  const form = await unstable_parseMultipartFormData(request, handler);
  const fields: Record<string, string> = {};
  for (const [k, v] of form) if (typeof v === "string") fields[k] = v;
  return { kind: "ok", fields, files };
}
