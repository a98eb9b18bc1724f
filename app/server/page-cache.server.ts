/**
 * Public pages at the HTTP boundary (ADR 0007): ETags and 304s for every response a route marks
 * `Cache-Control: public`, and a short-lived in-process copy of the rendered page so a burst of
 * signed-out visitors costs one render, not one each.
 *
 * Only signed-out GET/HEAD requests are considered (no session cookie, no Authorization header), and
 * only responses that are 200, say `public` and set no cookie are kept. The per-response values in a
 * page (the CSP nonce, the request id) are stored as markers and filled in afresh for every response,
 * so each response keeps its own nonce and the ETag depends on the content alone.
 */
import { createHash } from "node:crypto";
import type { Request, RequestHandler, Response } from "express";

export interface PageCacheOptions {
  /** How long a rendered page is reused (0 = never kept, ETags and 304s still apply). */
  ttlMs: number;
  maxEntries?: number;
  /** Larger bodies are sent as they are, never kept. */
  maxBodyBytes?: number;
  now?: () => number;
}

interface Entry {
  storedAt: number;
  status: number;
  headers: [string, string][];
  /** The page as bytes between its markers, encoded once: a response only joins them with its own values. */
  pieces: Piece[];
  etag: string;
}

type Piece = Buffer | "nonce" | "rid";

const NONCE_MARK = "\u0000nonce\u0000";
const REQUEST_ID_MARK = "\u0000rid\u0000";
// Headers the stored copy keeps; the rest (CSP with its nonce, the request id) belong to each response.
const KEPT_HEADERS = ["content-type", "cache-control", "vary", "content-language", "last-modified"];

/** True when the request carries a session or credentials: such pages are never shared. */
export function hasCredentials(req: Pick<Request, "headers">): boolean {
  return /(?:^|;\s*)hm_session=/.test(req.headers.cookie ?? "") || req.headers.authorization !== undefined;
}

/** The cache key: the page and the only other input a signed-out page depends on, the interface language. */
export function pageKey(req: Pick<Request, "headers" | "originalUrl">): string {
  const locale = (req.headers.cookie ?? "").match(/(?:^|;\s*)hm_locale=(zh|en)(?:;|$)/)?.[1] ?? "zh";
  return `${locale} ${req.originalUrl}`;
}

/** True when If-None-Match names the entity tag (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => bare(tag) === bare(etag));
}

/** A strong validator for a body: the same bytes, the same tag. */
export function entityTag(template: string): string {
  return `"${createHash("sha256").update(template).digest("base64url").slice(0, 27)}"`;
}

function isPublic(cacheControl: unknown): boolean {
  const value = String(cacheControl ?? "").toLowerCase();
  return /(?:^|,)\s*public\b/.test(value) && !/no-store|private/.test(value);
}

// Pages and their single-fetch data; files (photos, PDFs) have their own caching and are passed through.
function isText(contentType: unknown): boolean {
  return /^(text\/|application\/json)/i.test(String(contentType ?? ""));
}

function locals(res: Response): { cspNonce?: string; requestId?: string } {
  return res.locals as { cspNonce?: string; requestId?: string };
}

/** Replaces every occurrence of the response's own values with markers (and back). */
function toTemplate(body: string, res: Response): string {
  const { cspNonce, requestId } = locals(res);
  let out = body;
  if (cspNonce) out = out.split(cspNonce).join(NONCE_MARK);
  if (requestId) out = out.split(requestId).join(REQUEST_ID_MARK);
  return out;
}

/** The template cut at its markers, the text between them encoded to bytes. */
function piecesOf(template: string): Piece[] {
  const out: Piece[] = [];
  for (const part of template.split(/(\u0000nonce\u0000|\u0000rid\u0000)/)) {
    if (part === NONCE_MARK) out.push("nonce");
    else if (part === REQUEST_ID_MARK) out.push("rid");
    else if (part.length > 0) out.push(Buffer.from(part, "utf8"));
  }
  return out;
}

function fromPieces(pieces: readonly Piece[], res: Response): Buffer {
  const { cspNonce = "", requestId = "" } = locals(res);
  const nonce = Buffer.from(cspNonce, "utf8");
  const rid = Buffer.from(requestId, "utf8");
  return Buffer.concat(pieces.map((p) => (p === "nonce" ? nonce : p === "rid" ? rid : p)));
}

/** Sends a stored or just-rendered page: 304 when the client has it, else the page with this response's own nonce. */
function send(req: Request, res: Response, entry: Entry, end: (chunk?: unknown) => void): void {
  res.status(entry.status);
  for (const [name, value] of entry.headers) res.setHeader(name, value);
  res.setHeader("ETag", entry.etag);
  if (etagMatches(req.headers["if-none-match"], entry.etag)) {
    // The client keeps its stored page and that page's own CSP: a 304 carrying a new nonce would
    // replace the stored policy and block the stored page's scripts.
    res.removeHeader("Content-Security-Policy");
    res.removeHeader("Content-Type");
    res.status(304);
    end();
    return;
  }
  const body = fromPieces(entry.pieces, res);
  res.setHeader("Content-Length", body.length);
  end(req.method === "HEAD" ? undefined : body);
}

/** Holds the response body back until it is complete, then hands it to `done` (or lets it through when too big). */
function capture(res: Response, maxBodyBytes: number, done: (body: Buffer | null, end: (chunk?: unknown) => void) => void): void {
  const write = res.write.bind(res) as (chunk: unknown) => boolean;
  const end = res.end.bind(res) as (chunk?: unknown) => Response;
  const chunks: Buffer[] = [];
  let size = 0;
  let passThrough = false;
  const toBuffer = (chunk: unknown, encoding?: unknown) =>
    Buffer.isBuffer(chunk) ? chunk : typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array);
  res.write = ((chunk: unknown, encoding?: unknown) => {
    if (passThrough) return write(chunk);
    const buf = toBuffer(chunk, encoding);
    chunks.push(buf);
    size += buf.length;
    if (size > maxBodyBytes) {
      passThrough = true;
      for (const c of chunks.splice(0)) write(c);
    }
    return true;
  }) as Response["write"];
  res.end = ((chunk?: unknown, encoding?: unknown) => {
    res.write = write as Response["write"];
    res.end = end as Response["end"];
    if (chunk !== undefined && typeof chunk !== "function") {
      if (passThrough) return end(chunk);
      const buf = toBuffer(chunk, encoding);
      chunks.push(buf);
      size += buf.length;
    }
    if (passThrough) return end();
    if (size > maxBodyBytes) return end(Buffer.concat(chunks));
    done(Buffer.concat(chunks), (c) => void end(c));
    return res;
  }) as Response["end"];
}

/** The middleware: answers signed-out requests for public pages from the copy when fresh, else renders and keeps one. */
export function publicPageCache(options: PageCacheOptions): RequestHandler {
  const { ttlMs, maxEntries = 500, maxBodyBytes = 1024 * 1024, now = Date.now } = options;
  const entries = new Map<string, Entry>();
  const remember = (key: string, entry: Entry) => {
    if (ttlMs <= 0) return;
    entries.delete(key);
    entries.set(key, entry);
    // Oldest first in a Map: drop from the front.
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
  };
  return (req, res, next) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || hasCredentials(req)) return next();
    const key = pageKey(req);
    const hit = entries.get(key);
    if (hit && now() - hit.storedAt < ttlMs) {
      res.setHeader("X-Page-Cache", "hit");
      send(req, res, hit, (chunk) => void res.end(chunk));
      return;
    }
    if (hit) entries.delete(key);
    capture(res, maxBodyBytes, (body, end) => {
      const cacheable =
        res.statusCode === 200 && isPublic(res.getHeader("cache-control")) && res.getHeader("set-cookie") === undefined && isText(res.getHeader("content-type"));
      if (!cacheable || body === null) {
        end(body ?? undefined);
        return;
      }
      const template = toTemplate(body.toString("utf8"), res);
      const headers = KEPT_HEADERS.flatMap((name): [string, string][] => {
        const value = res.getHeader(name);
        return value === undefined ? [] : [[name, Array.isArray(value) ? value.join(", ") : String(value)]];
      });
      const entry: Entry = { storedAt: now(), status: 200, headers, pieces: piecesOf(template), etag: entityTag(template) };
      if (req.method === "GET") remember(key, entry);
      res.setHeader("X-Page-Cache", "miss");
      send(req, res, entry, end);
    });
    next();
  };
}
