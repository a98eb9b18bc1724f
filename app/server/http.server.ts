import { randomUUID } from "node:crypto";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import compression from "compression";
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from "express";
import { logger } from "~/utils/logger.server";
import type { MessageKey } from "~/utils/i18n/messages";
import { translate } from "~/utils/i18n/translate";
import { parseLocale, type Locale } from "~/utils/i18n/locale";
import type { RequestContext } from "~/utils/request-context";
import { checkSameOrigin } from "./origin";
import { acceptsContentType, ALLOWED_METHODS, isAllowedMethod, isDecodablePath, isDecodableQuery } from "./requests";
import { publicPageCache, type PageCacheOptions } from "./page-cache.server";
import { cspNonce, securityHeaders } from "./security-headers.server";

/** How the boundary is set up: where the built client files are, whom to trust for client addresses, and what serves the pages. */
export interface HttpAppOptions {
  /** build/client of a production build; omitted in tests. */
  clientDir?: string;
  /** Express "trust proxy" (env TRUST_PROXY): false, a hop count, or addresses/ranges. */
  trustProxy: boolean | number | string[];
  /** The app behind the boundary (Remix's request handler), given the load context builder. */
  handler: (getLoadContext: (req: Request, res: Response) => AppLoadContext) => RequestHandler;
  /** Largest request body by kind, in bytes: uploads (multipart) and everything else (forms, JSON). */
  maxBodyBytes?: { multipart: number; other: number };
  /** Public pages: ETags and 304s always; a rendered copy kept for ttlMs (env PAGE_CACHE_SECONDS). */
  pageCache?: PageCacheOptions;
}

type Problem = "badRequest" | "methodNotAllowed" | "unsupportedType" | "tooLarge" | "crossSite" | "serverError";

const PROBLEMS: Record<Problem, { status: number; code: string; title: MessageKey; body: MessageKey }> = {
  badRequest: { status: 400, code: "bad_request", title: "error.400.title", body: "error.400.body" },
  methodNotAllowed: { status: 405, code: "method_not_allowed", title: "error.405.title", body: "error.405.body" },
  unsupportedType: { status: 415, code: "unsupported_media_type", title: "error.415.title", body: "error.415.body" },
  tooLarge: { status: 413, code: "payload_too_large", title: "error.413.title", body: "error.413.body" },
  crossSite: { status: 403, code: "cross_site_request", title: "error.crossSite.title", body: "error.crossSite.body" },
  serverError: { status: 500, code: "server_error", title: "error.500.title", body: "error.500.body" },
};

function requestIdOf(res: Response): string {
  return (res.locals as { requestId?: string }).requestId ?? "-";
}

function localeOf(req: Request): Locale {
  const match = (req.headers.cookie ?? "").match(/(?:^|;\s*)hm_locale=(zh|en)(?:;|$)/);
  return parseLocale(match?.[1]) ?? "zh";
}

function wantsJson(req: Request): boolean {
  if (req.path.startsWith("/api/")) return true;
  const accept = req.headers.accept ?? "";
  return accept.includes("application/json") && !accept.includes("text/html");
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A plain answer for requests stopped at the boundary: bilingual HTML for people, the API's JSON shape for programs; never a stack trace. */
export function sendProblem(req: Request, res: Response, problem: Problem): void {
  const p = PROBLEMS[problem];
  const id = requestIdOf(res);
  const locale = localeOf(req);
  const other: Locale = locale === "zh" ? "en" : "zh";
  res.status(p.status).setHeader("Cache-Control", "no-store");
  if (problem === "methodNotAllowed") res.setHeader("Allow", ALLOWED_METHODS.join(", "));
  if (wantsJson(req)) {
    res.json({ error: { code: p.code, message: translate(locale, p.body), requestId: id } });
    return;
  }
  const t = (key: MessageKey, l: Locale = locale) => escapeHtml(translate(l, key, { id, status: p.status }));
  res.type("html").send(
    `<!doctype html><html lang="${locale === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>${t(p.title)} · ${t("app.name")}</title></head>` +
      `<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.6;color:#1c1917">` +
      `<p style="color:#155345">${t("error.status")}</p><h1>${t(p.title)}</h1><p lang="${other === "zh" ? "zh-CN" : "en"}" style="color:#78716c">${t(p.title, other)}</p>` +
      `<p>${t(p.body)}</p><p lang="${other === "zh" ? "zh-CN" : "en"}" style="color:#78716c">${t(p.body, other)}</p>` +
      `<p style="color:#78716c;font-size:.875rem">${t("error.requestId")}</p><p><a href="/">${t("error.backHome")}</a></p></body></html>`,
  );
}

/** The site's own origin as this request reached it (protocol honours trusted proxies only). */
function siteOrigin(req: Request): string {
  return `${req.protocol}://${req.get("host") ?? "localhost"}`;
}

const assignRequestId: RequestHandler = (req, res, next) => {
  const id = randomUUID();
  (res.locals as { requestId?: string }).requestId = id;
  res.setHeader("X-Request-Id", id);
  const started = performance.now();
  res.on("finish", () => {
    logger.info({ requestId: id, method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(performance.now() - started) }, "request");
  });
  next();
};

// Forwarded headers from anyone but a trusted proxy are a client's own claims: drop them before
// Express or Remix read a host, protocol or address out of them.
const dropUntrustedForwarding: RequestHandler = (req, _res, next) => {
  const trust = req.app.get("trust proxy fn") as (addr: string | undefined, i: number) => boolean;
  if (!trust(req.socket.remoteAddress, 0)) {
    for (const h of ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded"]) delete req.headers[h];
  }
  next();
};

const refuseOddRequests: RequestHandler = (req, res, next) => {
  if (!isAllowedMethod(req.method)) return sendProblem(req, res, "methodNotAllowed");
  if (!isDecodablePath(req.originalUrl) || !isDecodableQuery(req.originalUrl)) return sendProblem(req, res, "badRequest");
  if (req.method === "OPTIONS") {
    res.setHeader("Allow", ALLOWED_METHODS.join(", "));
    res.status(204).end();
    return;
  }
  next();
};

const refuseCrossSite: RequestHandler = (req, res, next) => {
  const verdict = checkSameOrigin({
    method: req.method,
    expectedOrigin: siteOrigin(req),
    origin: req.get("origin"),
    referer: req.get("referer"),
    secFetchSite: req.get("sec-fetch-site"),
    authorization: req.get("authorization"),
    cookie: req.get("cookie"),
  });
  if (verdict.allowed) return next();
  logger.warn({ requestId: requestIdOf(res), method: req.method, url: req.originalUrl, origin: req.get("origin"), reason: verdict.reason }, "cross-site request refused");
  sendProblem(req, res, "crossSite");
};

const refuseWrongContentType: RequestHandler = (req, res, next) => {
  const length = Number(req.get("content-length") ?? 0);
  const hasBody = length > 0 || req.get("transfer-encoding") !== undefined;
  if (acceptsContentType({ method: req.method, path: req.path, contentType: req.get("content-type"), hasBody })) return next();
  sendProblem(req, res, "unsupportedType");
};

/** Default body limits: a few photos' worth for uploads, 1 MB for forms and JSON. */
export const DEFAULT_BODY_LIMITS = { multipart: 9 * 15 * 1024 * 1024, other: 1024 * 1024 };

// A declared body beyond the limit is refused before anyone reads it (upload routes also cap each
// file as they stream it; this stops a huge body aimed at an ordinary form).
function refuseOversizedBodies(limits: { multipart: number; other: number }): RequestHandler {
  return (req, res, next) => {
    const length = Number(req.get("content-length") ?? 0);
    const multipart = (req.get("content-type") ?? "").toLowerCase().startsWith("multipart/");
    if (length > (multipart ? limits.multipart : limits.other)) {
      res.setHeader("Connection", "close");
      return sendProblem(req, res, "tooLarge");
    }
    next();
  };
}

const lastResort: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  logger.error({ err: error, requestId: requestIdOf(res), method: req.method, url: req.originalUrl }, "unhandled error at the HTTP boundary");
  if (res.headersSent) {
    res.end();
    return;
  }
  const status = (error as { status?: number; statusCode?: number }).status ?? (error as { statusCode?: number }).statusCode;
  sendProblem(req, res, status === 400 ? "badRequest" : "serverError");
};

/**
 * The HTTP boundary in front of the app (ADR 0004), in order: a request id, forwarded headers only
 * from trusted proxies, security headers, odd requests refused (405, 400), static files, the
 * same-origin check for every non-GET request (403), form-only bodies on pages (415), declared bodies
 * over the limit (413), validators and a short-lived copy for public pages (ADR 0007), then the app.
 */
export function createHttpApp(options: HttpAppOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy);
  app.use(assignRequestId, dropUntrustedForwarding, ...securityHeaders(), refuseOddRequests, compression());
  if (options.clientDir) {
    app.use("/assets", express.static(path.join(options.clientDir, "assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(options.clientDir, { maxAge: "1h" }));
  }
  app.use(refuseCrossSite, refuseWrongContentType, refuseOversizedBodies(options.maxBodyBytes ?? DEFAULT_BODY_LIMITS));
  const getLoadContext = (req: Request, res: Response): AppLoadContext =>
    ({ clientIp: req.ip ?? "unknown", cspNonce: cspNonce(res), requestId: requestIdOf(res) }) satisfies RequestContext;
  app.use(publicPageCache(options.pageCache ?? { ttlMs: 0 }));
  app.all("*", options.handler(getLoadContext));
  app.use(lastResort);
  return app;
}
