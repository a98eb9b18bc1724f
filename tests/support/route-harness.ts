/**
 * Runs Remix route modules in-process, one route at a time, the way the Remix server answers a
 * request aimed at that route: GET runs the loader, POST the action, and what the module returns or
 * throws (a Response, a `data()` value, plain data, an error) is reduced to a status and a Location.
 * Used by tests/integration/authorization-matrix.test.ts; the database is whatever
 * `globalThis.__humingDb` points at (see tests/support/test-db.ts).
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createSession } from "../../app/modules/auth/session.server";
import { commitSessionCookie } from "../../app/modules/auth/request.server";
import type { PrismaClient } from "../../app/generated/prisma/client";

/** The parts of a route module the harness calls. */
export interface RouteModule {
  loader?: (args: { request: Request; params: Record<string, string>; context: unknown }) => unknown;
  action?: (args: { request: Request; params: Record<string, string>; context: unknown }) => unknown;
  default?: unknown;
}

/** What a request to one route came to. */
export interface Outcome {
  status: number;
  /** Location of a redirect. */
  location?: string;
  /** The data a loader or action returned (or the body of a thrown `data()`), for 2xx/4xx answers. */
  data?: unknown;
  /** An unexpected exception (status 500), kept so a failing test can show it. */
  error?: unknown;
}

const APP_DIR = fileURLToPath(new URL("../../app/", import.meta.url));
const ROUTES_DIR = join(APP_DIR, "routes");

// Vite expands the glob when it transforms this file, so a new route file is importable here
// without editing any list. The exclusions follow ignoredRouteFiles in remix.config.js.
const imports = import.meta.glob<RouteModule>([
  "../../app/root.tsx",
  "../../app/routes/*.{ts,tsx,js,jsx}",
  "../../app/routes/*/route.{ts,tsx,js,jsx}",
  "!../../app/routes/**/*.test.*",
  "!../../app/routes/**/.*",
]);

/** Route files as paths relative to app/ ("root.tsx", "routes/login.tsx", "routes/foo/route.tsx"), read from disk. */
export function routeFiles(): string[] {
  const files = ["root.tsx"];
  for (const name of readdirSync(ROUTES_DIR).sort()) {
    if (name.startsWith(".") || name.includes(".test.")) continue; // remix.config.js ignoredRouteFiles
    const path = join(ROUTES_DIR, name);
    if (statSync(path).isDirectory()) {
      const route = readdirSync(path).find((f) => /^route\.(ts|tsx|js|jsx)$/.test(f));
      if (route) files.push(`routes/${name}/${route}`);
    } else if (/\.(ts|tsx|js|jsx)$/.test(name)) {
      files.push(`routes/${name}`);
    }
  }
  return files;
}

/** Imports a route module by its path relative to app/ (see routeFiles). */
export async function importRoute(file: string): Promise<RouteModule> {
  const load = imports[`../../app/${file}`];
  if (!load) throw new Error(`No route module app/${file} (is the file name in the row right?)`);
  return load();
}

/**
 * The URL pattern of a flat-routes file: "routes/seller.products.$productId.tsx" → ["seller", "products", ":productId"].
 * Covers what the app uses ($param, _index, _pathless layouts, trailing_ escapes, folders with route.tsx);
 * the root matches every path and so has no pattern (null).
 */
export function routePattern(file: string): string[] | null {
  if (file === "root.tsx") return null;
  const name = file.replace(/^routes\//, "").replace(/\/route\.\w+$/, "").replace(/\.\w+$/, "");
  const segments: string[] = [];
  for (const raw of name.split(/\.(?![^[]*\])/)) {
    // [ ] escapes are literal text: "seller.import.template[.]xlsx" → /seller/import/template.xlsx.
    const part = raw.replace(/\[([^\]]*)\]/g, "$1");
    if (part === "_index") continue;
    if (part.startsWith("_")) continue; // pathless layout
    if (/[[\]()]/.test(raw.replace(/\[[^\]]*\]/g, ""))) throw new Error(`routePattern: "${part}" in ${file} uses route syntax the harness does not parse yet; extend routePattern`);
    const segment = part.endsWith("_") ? part.slice(0, -1) : part;
    segments.push(segment === "$" ? "*" : segment.startsWith("$") ? `:${segment.slice(1)}` : segment);
  }
  return segments;
}

/** The route params of `path` for the route file, or null when the path does not belong to that route. */
export function matchRoute(file: string, path: string): Record<string, string> | null {
  const pattern = routePattern(file);
  if (pattern === null) return {};
  const parts = new URL(path, "http://localhost").pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    if (p === "*") {
      params["*"] = parts.slice(i).join("/");
      return params;
    }
    if (i >= parts.length) return null;
    if (p.startsWith(":")) params[p.slice(1)] = parts[i];
    else if (p !== parts[i]) return null;
  }
  return parts.length === pattern.length ? params : null;
}

/**
 * A fresh `name=value` session cookie for the user. Sessions are created directly instead of through
 * the login action, so each request gets its own session (a sign-out row cannot end another row's)
 * and the matrix does not depend on the sign-in form.
 */
export async function sessionCookieFor(db: PrismaClient, userId: string, url = "http://localhost/"): Promise<string> {
  const session = await createSession(db, userId);
  // The request only decides the Secure flag, which does not travel back in a Cookie header.
  const setCookie = await commitSessionCookie(new Request(url), session.token, session.expiresAt);
  return setCookie.split(";")[0];
}

/** A request as a browser sends it: POSTs carry a form body and a same-site Origin header. */
export function buildRequest(method: "GET" | "POST", path: string, options: { cookie?: string; form?: Record<string, string> } = {}): Request {
  const url = new URL(path, "http://localhost");
  const headers = new Headers();
  if (options.cookie) headers.set("Cookie", options.cookie);
  if (method === "GET") return new Request(url, { headers });
  headers.set("Origin", url.origin);
  // URLSearchParams bodies get Content-Type application/x-www-form-urlencoded, like a plain <form>.
  return new Request(url, { method, headers, body: new URLSearchParams(options.form ?? {}) });
}

interface DataWithInit {
  type: "DataWithResponseInit";
  data: unknown;
  init: ResponseInit | null;
}

function isDataWithInit(value: unknown): value is DataWithInit {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}

function toOutcome(value: unknown): Outcome {
  if (value instanceof Response) return { status: value.status, location: value.headers.get("Location") ?? undefined };
  if (isDataWithInit(value)) {
    const headers = new Headers(value.init?.headers);
    return { status: value.init?.status ?? 200, location: headers.get("Location") ?? undefined, data: value.data };
  }
  return { status: 200, data: value };
}

/**
 * Answers one request with one route module, as Remix would for a request targeting that route:
 * POST without an action is 405; GET without a loader renders a page route with no data (200) and is
 * 400 for a resource route (no default export), the router's "did not provide a loader" error.
 */
export async function runRoute(module: RouteModule, request: Request, params: Record<string, string>, context: unknown = {}): Promise<Outcome> {
  const handler = request.method === "GET" || request.method === "HEAD" ? module.loader : module.action;
  if (!handler) {
    if (request.method !== "GET") return { status: 405 };
    return module.default ? { status: 200, data: null } : { status: 400 };
  }
  try {
    return toOutcome(await handler({ request, params, context }));
  } catch (thrown) {
    if (thrown instanceof Response || isDataWithInit(thrown)) return toOutcome(thrown);
    return { status: 500, error: thrown };
  }
}
