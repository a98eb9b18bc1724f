import { randomBytes } from "node:crypto";
import type { RequestHandler, Response } from "express";
import helmet from "helmet";

/** A fresh CSP nonce per response, kept in res.locals for the Remix load context. */
export function cspNonce(res: Response): string {
  const locals = res.locals as { cspNonce?: string };
  locals.cspNonce ??= randomBytes(16).toString("base64");
  return locals.cspNonce;
}

// Photo capture on our own pages needs the camera; picking a seller's location needs geolocation.
// Everything else a page could ask the browser for is off.
const PERMISSIONS_POLICY = [
  "camera=(self)",
  "geolocation=(self)",
  "microphone=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "bluetooth=()",
  "magnetometer=()",
  "gyroscope=()",
  "accelerometer=()",
  "display-capture=()",
  "interest-cohort=()",
].join(", ");

const HSTS = "max-age=31536000; includeSubDomains";

/**
 * Security headers on every response (ADR 0004): helmet's set with a strict CSP whose script-src
 * allows only our own files and the per-request nonce carried by Remix's inline scripts,
 * frame-ancestors 'none', nosniff, a strict Referrer-Policy, a Permissions-Policy, and HSTS only
 * when the request came over HTTPS (on plain HTTP it would be ignored, and upgrade-insecure-requests
 * would break a plain-HTTP intranet).
 */
export function securityHeaders(): RequestHandler[] {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", (_req, res) => `'nonce-${cspNonce(res as Response)}'`],
        "style-src": ["'self'"],
        // React writes style attributes for a few computed widths (progress bars); no inline <style>.
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "media-src": ["'self'", "blob:"],
        "worker-src": ["'self'", "blob:"],
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: { policy: "same-origin" },
    crossOriginResourcePolicy: { policy: "same-origin" },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    strictTransportSecurity: false,
    xFrameOptions: { action: "deny" },
  });
  const extra: RequestHandler = (req, res, next) => {
    res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
    if (req.secure) res.setHeader("Strict-Transport-Security", HSTS);
    next();
  };
  return [headers, extra];
}
