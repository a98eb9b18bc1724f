import { z } from "zod";

const postgresUrl = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: "custom", message: "is not a URL; expected postgresql://user@host:5432/database" });
    return;
  }
  if (url.protocol !== "postgresql:" && url.protocol !== "postgres:") {
    ctx.addIssue({ code: "custom", message: `must start with postgresql:// (got ${url.protocol}//); PostgreSQL is the only SQL dialect` });
  } else if (!url.hostname) {
    ctx.addIssue({ code: "custom", message: "has no host; expected postgresql://user@host:5432/database" });
  } else if (url.pathname.length <= 1) {
    ctx.addIssue({ code: "custom", message: "names no database; expected postgresql://user@host:5432/database" });
  }
});

const smtpUrl = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: "custom", message: "is not a URL; expected smtp://user:password@host:587 or smtps://user:password@host:465" });
    return;
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") {
    ctx.addIssue({ code: "custom", message: `must start with smtp:// or smtps:// (got ${url.protocol}//)` });
  } else if (!url.hostname) {
    ctx.addIssue({ code: "custom", message: "has no host; expected smtp://user:password@host:587" });
  }
});

// "address@example.com" or "Display Name <address@example.com>" (the name may be Chinese).
const MAIL_ADDRESS = /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/;

const boolFlag = z
  .enum(["1", "0", "true", "false", "yes", "no"], { message: "must be true or false" })
  .transform((v) => v === "1" || v === "true" || v === "yes");

const PROXY_TOKEN = /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/;
const trustProxy = z.string().transform((value, ctx): boolean | number | string[] => {
  const v = value.trim().toLowerCase();
  if (v === "false" || v === "0" || v === "no") return false;
  if (v === "true" || v === "yes") return true;
  if (/^\d+$/.test(v)) return Number(v);
  const tokens = v.split(",").map((t) => t.trim()).filter(Boolean);
  const bad = tokens.filter((t) => !PROXY_TOKEN.test(t));
  if (tokens.length === 0 || bad.length > 0) {
    ctx.addIssue({ code: "custom", message: `must be false, a hop count, or a list of loopback, linklocal, uniquelocal, addresses or CIDR ranges (got ${bad.join(", ") || "nothing"})` });
    return z.NEVER;
  }
  return tokens;
});

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"], { message: "must be development, production or test" }).default("development"),
    PORT: z.coerce.number({ message: "must be a port number" }).int("must be a whole number").min(1, "must be 1–65535").max(65535, "must be 1–65535").default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    /** Unset: the embedded PGlite database in DATA_DIR. */
    DATABASE_URL: postgresUrl.optional(),
    DATA_DIR: z.string().min(1, "must not be empty").default(".data/pglite"),
    /** Connections to a PostgreSQL server; unset: twice the CPU cores, 4 to 16 (see db.server defaultPoolSize). */
    DATABASE_POOL_SIZE: z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(1, "must be 1–100").max(100, "must be 1–100").optional(),
    SESSION_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
    /** Apply pending migrations when the server starts. */
    MIGRATE_ON_START: boolFlag.default(true),
    /** Seed demo data when the database has no organizations (default: on for the embedded database). */
    SEED_IF_EMPTY: boolFlag.optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { message: "must be one of fatal, error, warn, info, debug, trace, silent" }).default("info"),
    /**
     * Which proxies may tell us the client's address (X-Forwarded-For) and protocol (X-Forwarded-Proto):
     * unset/false: none (the socket's address counts); a number of hops; or a comma list of
     * loopback, linklocal, uniquelocal, IP addresses and CIDR ranges.
     */
    TRUST_PROXY: trustProxy.default(false),
    /** Secure session cookies: auto (when the request came over HTTPS), true (always), false (never: plain-HTTP intranet). */
    COOKIE_SECURE: z.enum(["auto", "true", "false"], { message: "must be auto, true or false" }).default("auto"),
    /** Where uploaded files are kept on disk (photos, licences, certificates). Default: `uploads/` beside DATA_DIR. */
    UPLOADS_DIR: z.string().min(1, "must not be empty").optional(),
    /** Largest upload accepted, in megabytes. */
    MAX_UPLOAD_MB: z.coerce.number({ message: "must be a number of megabytes" }).positive("must be more than 0").max(200, "must be at most 200").default(15),
    /**
     * An S3-compatible bucket for uploads instead of the local disk (AWS S3, MinIO …; path-style URLs):
     * endpoint, bucket and both keys together, or none of them. S3_REGION defaults to us-east-1.
     */
    S3_ENDPOINT: z.url({ protocol: /^https?$/, message: "must be an http(s) URL such as http://127.0.0.1:9000" }).optional(),
    S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be a bucket name (3–63 lower-case letters, digits, dots, hyphens)").optional(),
    S3_REGION: z.string().regex(/^[a-z0-9-]+$/, "must be a region such as us-east-1 or cn-north-1").optional(),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    /** Run the job queue's handlers inside `npm start` (default); false when `npm run worker` runs them. */
    WORKER_IN_PROCESS: boolFlag.default(true),
    /** How long a rendered public page (signed-out catalogue, product, seller) is reused, in seconds; 0 renders every request. */
    PAGE_CACHE_SECONDS: z.coerce.number({ message: "must be a number of seconds" }).int("must be a whole number").min(0, "must be 0 or more").max(3600, "must be at most 3600").default(10),
    /** Which search engine serves the catalogue: the embedded one (PostgreSQL, no server) or Meilisearch (needs MEILI_URL). */
    SEARCH_ENGINE: z.enum(["embedded", "meili"], { message: "must be embedded or meili" }).default("embedded"),
    MEILI_URL: z.url({ protocol: /^https?$/, message: "must be an http(s) URL such as http://127.0.0.1:7700" }).optional(),
    MEILI_KEY: z.string().optional(),
    /** The Meilisearch index the products live in. */
    MEILI_INDEX: z.string().regex(/^[A-Za-z0-9_-]{1,400}$/, "must be an index name of letters, digits, - and _").default("products"),
    /** Where order e-mails are sent through (smtp:// or smtps://, credentials in the URL). Unset: e-mails are kept in email_messages and logged. */
    SMTP_URL: smtpUrl.optional(),
    /** The From of those e-mails, e.g. `沪明直供 <orders@example.com>`; required with SMTP_URL. */
    MAIL_FROM: z.string().trim().regex(MAIL_ADDRESS, "must be an address such as orders@example.com or 沪明直供 <orders@example.com>").optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "is required in production (a random string of 16+ characters)" });
    }
    if (env.SEARCH_ENGINE === "meili" && !env.MEILI_URL) {
      ctx.addIssue({ code: "custom", path: ["MEILI_URL"], message: "is required with SEARCH_ENGINE=meili (the Meilisearch server, e.g. http://127.0.0.1:7700), or unset SEARCH_ENGINE for the embedded engine" });
    }
    if (env.SMTP_URL && !env.MAIL_FROM) {
      ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "is required with SMTP_URL (the sender address, e.g. 沪明直供 <orders@example.com>)" });
    }
    const s3 = ["S3_ENDPOINT", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const;
    const s3Set = s3.filter((k) => env[k] !== undefined);
    if ((s3Set.length > 0 && s3Set.length < s3.length) || (env.S3_REGION !== undefined && s3Set.length === 0)) {
      for (const k of s3.filter((k) => env[k] === undefined)) {
        ctx.addIssue({ code: "custom", path: [k], message: `is required with ${s3Set.join(", ") || "S3_REGION"} (set all of ${s3.join(", ")} for S3 storage, or none for the local disk)` });
      }
    }
  });

export type Env = z.infer<typeof schema>;

/** Thrown when the environment is invalid; its message lists every bad variable, one per line. */
export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses an environment (process.env by default); empty strings count as unset. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned: Record<string, string> = {};
  for (const [k, v] of Object.entries(source)) if (v !== undefined && v !== "") cleaned[k] = v;
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join(".") || "environment"} ${i.message}`));
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated environment of this process (parsed once). */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** The session-signing secret; a fixed development secret outside production. */
export function sessionSecret(): string {
  return env().SESSION_SECRET ?? "huming-direct-development-secret";
}
