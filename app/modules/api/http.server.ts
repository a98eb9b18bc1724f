/**
 * The API's side of the HTTP boundary: Bearer authentication and scopes, JSON bodies read with a 64 KB
 * cap, JSON answers, and one wrapper (apiRoute) that turns every failure into the one error shape and
 * never lets a stack trace out. Routes api.v1.*.ts are thin: apiRoute(async (ctx) => …).
 */
import type { PrismaClient } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";
import type { Locale } from "~/utils/i18n/locale";
import { translator, type T } from "~/utils/i18n/translate";
import { requestContext } from "~/utils/request-context";
import { ApiError, apiError, invalidRequest } from "./errors";
import { authorizeApiCall, type ApiCaller } from "./keys.server";
import type { ApiScope } from "./key-format";
import type { z } from "zod";

/** Largest JSON body the API reads. */
export const MAX_API_BODY_BYTES = 64 * 1024;
/** How much of an oversized body is read and dropped before answering 413 (the boundary's limit for a declared one). */
const MAX_DRAINED_BYTES = 1024 * 1024;

/** What an API handler gets. */
export interface ApiContext {
  request: Request;
  params: Record<string, string | undefined>;
  db: PrismaClient;
  t: T;
  locale: Locale;
  requestId?: string;
  /** The caller holding `scope`; 401 without a valid key, 403 without the scope. */
  authenticate(scope: ApiScope): Promise<ApiCaller>;
}

/** Messages in Chinese unless the client prefers English (Accept-Language), as the site's pages do. */
export function apiLocale(request: Request): Locale {
  const header = (request.headers.get("Accept-Language") ?? "").toLowerCase();
  for (const part of header.split(",")) {
    const tag = part.split(";")[0]?.trim() ?? "";
    if (tag.startsWith("zh")) return "zh";
    if (tag.startsWith("en")) return "en";
  }
  return "zh";
}

/** A JSON answer that no cache keeps (API answers depend on the key). */
export function apiJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", Vary: "Authorization", ...headers },
  });
}

/** The key of `Authorization: Bearer <key>`, or undefined. */
export function bearerKey(request: Request): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(request.headers.get("Authorization") ?? "");
  return match?.[1];
}

/**
 * The caller of a Bearer-authenticated request holding `scope`: a malformed, unknown or revoked key, or
 * one of a suspended or non-buying organization, is 401 (with WWW-Authenticate); a valid key without the
 * scope is 403. Only a call that passes both updates the key's last_used_at.
 */
export async function authenticateApiKey(request: Request, scope: ApiScope, db: PrismaClient, t: T, now = new Date()): Promise<ApiCaller> {
  const key = bearerKey(request);
  // The scope is checked before last_used_at is bumped: only a call the key may make counts as a use.
  const result = key ? await authorizeApiCall(db, key, scope, now) : ({ ok: false, code: "unauthorized" } as const);
  if (result.ok) return result.caller;
  if (result.code === "unauthorized") throw apiError(t, "unauthorized", {}, { headers: { "WWW-Authenticate": 'Bearer realm="huming-api"' } });
  throw apiError(t, "forbidden", {}, { params: { scope }, headers: { "WWW-Authenticate": `Bearer realm="huming-api", error="insufficient_scope", scope="${scope}"` } });
}

/** Reads the body as text, refusing more than `limit` bytes (declared or streamed) with 413. */
async function readCapped(request: Request, limit: number, t: T): Promise<string> {
  const tooLarge = () => apiError(t, "payload_too_large", {}, { params: { limit: Math.floor(limit / 1024) } });
  const declared = Number(request.headers.get("Content-Length") ?? "");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Read the rest and drop it, so the client gets its 413 on a healthy connection (cancelling would
      // destroy the socket under it: "connection reset" instead of an answer). A body past the drain
      // limit is not worth reading: cancelled, which ends the connection.
      let drained = size;
      for (;;) {
        const rest = await reader.read();
        if (rest.done) break;
        drained += rest.value.byteLength;
        if (drained > MAX_DRAINED_BYTES) {
          await reader.cancel().catch(() => undefined);
          break;
        }
      }
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw apiError(t, "malformed_json");
  }
}

/**
 * The JSON body parsed with `schema`: 415 unless Content-Type is application/json, 413 over 64 KB,
 * 400 malformed_json when it does not parse, 400 invalid_request with field paths when it does not fit.
 * With `optional`, an empty body (and no Content-Type) parses as {}.
 */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S, t: T, options: { optional?: boolean } = {}): Promise<z.output<S>> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "" && options.optional) {
    const text = await readCapped(request, MAX_API_BODY_BYTES, t);
    if (text.trim() === "") return parseWith(schema, {}, t);
    throw apiError(t, "unsupported_media_type");
  }
  if (type !== "application/json") throw apiError(t, "unsupported_media_type");
  const text = await readCapped(request, MAX_API_BODY_BYTES, t);
  if (text.trim() === "" && options.optional) return parseWith(schema, {}, t);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw apiError(t, "malformed_json");
  }
  return parseWith(schema, value, t);
}

/** Parses a value with a schema, or throws 400 invalid_request with the field paths. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, t: T): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw invalidRequest(result.error.issues, t);
  return result.data;
}

/** The query string as a plain object (the last value of a repeated name wins). */
export function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

/** 405 with Allow, in the error shape. */
export function methodNotAllowed(t: T, allow: string): ApiError {
  return apiError(t, "method_not_allowed", {}, { params: { allow }, headers: { Allow: allow } });
}

type Handler = (ctx: ApiContext) => Promise<Response>;

/**
 * A loader or action answering in the API's shapes: ApiErrors become their JSON error, anything else
 * unexpected is logged with the request id and answered 500 server_error without details.
 */
export function apiRoute(handler: Handler) {
  return async ({ request, params, context }: { request: Request; params: Record<string, string | undefined>; context?: unknown }): Promise<Response> => {
    const locale = apiLocale(request);
    const t = translator(locale);
    const requestId = requestContext(context).requestId;
    try {
      const db = await prisma();
      return await handler({ request, params, db, t, locale, requestId, authenticate: (scope) => authenticateApiKey(request, scope, db, t) });
    } catch (thrown) {
      if (thrown instanceof ApiError) return apiJson(thrown.body(requestId), thrown.status, thrown.headers);
      logger.error({ err: thrown, requestId, method: request.method, url: request.url }, "API request failed");
      return apiJson(apiError(t, "server_error", {}, { params: { id: requestId ?? "-" } }).body(requestId), 500);
    }
  };
}

/** A handler that answers 405 (for the method a route does not take). */
export const refuseMethod = (allow: string) => apiRoute(async ({ t }) => Promise.reject(methodNotAllowed(t, allow)));
