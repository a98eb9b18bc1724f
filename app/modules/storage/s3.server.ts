/**
 * Storage in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, Aliyun OSS/Tencent COS in S3 mode …)
 * through plain fetch and AWS Signature Version 4, path-style URLs (`<endpoint>/<bucket>/<key>`) so
 * MinIO and other self-hosted servers work without DNS per bucket. Only what the app needs: put, get,
 * delete of one object.
 */
import { createHash, createHmac } from "node:crypto";
import { assertStorageKey, type Storage } from "./storage.server";

export interface S3Config {
  /** Base URL of the service, e.g. http://127.0.0.1:9000 or https://s3.cn-north-1.amazonaws.com.cn. */
  endpoint: string;
  bucket: string;
  /** Signing region; "us-east-1" is what MinIO expects unless configured otherwise. */
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Optional prefix inside the bucket ("huming/"), for a bucket shared with other apps. */
  prefix?: string;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  /** For tests: the fetch to use and the clock. */
  fetch?: typeof fetch;
  now?: () => Date;
}

// ------------------------------------------------------------------------------------------------
// Signature Version 4 (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html)

export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

/** RFC 3986 encoding as SigV4 wants it: everything but A–Z a–z 0–9 - . _ ~ is %XX (upper case); "/" kept in paths. */
export function uriEncode(value: string, keepSlash: boolean): string {
  let out = "";
  for (const byte of Buffer.from(value, "utf8")) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-._~]/.test(c) || (keepSlash && c === "/")) out += c;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** 20130524T000000Z */
export function amzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

export interface SignInput {
  method: string;
  /** The request path, not yet encoded ("/examplebucket/test$file.text"). */
  path: string;
  /** Query parameters (values not yet encoded). */
  query?: Record<string, string>;
  /** Headers to sign (names in any case); host must be among them. */
  headers: Record<string, string>;
  /** Hex SHA-256 of the body (or "UNSIGNED-PAYLOAD"). */
  payloadHash: string;
  region: string;
  service?: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The request time (x-amz-date). */
  date: Date;
}

export interface Signature {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  signedHeaders: string;
  authorization: string;
}

/** Signs a request with AWS SigV4 (header-based); pure, so it is checked against AWS's published examples. */
export function signV4(input: SignInput): Signature {
  const service = input.service ?? "s3";
  const stamp = amzDate(input.date);
  const day = stamp.slice(0, 8);
  const headers = Object.entries(input.headers)
    .map(([k, v]) => [k.toLowerCase(), v.trim().replace(/\s+/g, " ")] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = headers.map(([k]) => k).join(";");
  const canonicalQuery = Object.entries(input.query ?? {})
    .map(([k, v]) => [uriEncode(k, false), uriEncode(v, false)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const canonicalRequest = [
    input.method.toUpperCase(),
    uriEncode(input.path, true),
    canonicalQuery,
    headers.map(([k, v]) => `${k}:${v}\n`).join(""),
    signedHeaders,
    input.payloadHash,
  ].join("\n");
  const scope = `${day}/${input.region}/${service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", stamp, scope, sha256Hex(canonicalRequest)].join("\n");
  const kDate = hmac(`AWS4${input.secretAccessKey}`, day);
  const kRegion = hmac(kDate, input.region);
  const kService = hmac(kRegion, service);
  const kSigning = hmac(kService, "aws4_request");
  const signature = createHmac("sha256", kSigning).update(stringToSign, "utf8").digest("hex");
  return {
    canonicalRequest,
    stringToSign,
    signature,
    signedHeaders,
    authorization: `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope},SignedHeaders=${signedHeaders},Signature=${signature}`,
  };
}

// ------------------------------------------------------------------------------------------------
// The adapter

/** An S3 error answer, with the service's code ("NoSuchBucket", "SignatureDoesNotMatch" …) when it sent one. */
export class S3Error extends Error {
  constructor(
    message: string,
    public readonly status: number,
    public readonly code?: string,
  ) {
    super(message);
    this.name = "S3Error";
  }
}

function errorCode(xml: string): string | undefined {
  return /<Code>([^<]+)<\/Code>/.exec(xml)?.[1];
}

/** An S3-compatible bucket as Storage. */
export function s3Storage(config: S3Config): Storage {
  const doFetch = config.fetch ?? fetch;
  const now = config.now ?? (() => new Date());
  const base = new URL(config.endpoint);
  if (base.protocol !== "http:" && base.protocol !== "https:") throw new Error(`S3 endpoint must be http(s): ${config.endpoint}`);
  const basePath = base.pathname.replace(/\/+$/, "");
  const prefix = config.prefix ?? "";

  async function send(method: "PUT" | "GET" | "DELETE", key: string, body?: Buffer, contentType?: string): Promise<Response> {
    assertStorageKey(key);
    const path = `${basePath}/${config.bucket}/${prefix}${key}`;
    const payloadHash = body ? sha256Hex(body) : EMPTY_SHA256;
    const date = now();
    const headers: Record<string, string> = { host: base.host, "x-amz-content-sha256": payloadHash, "x-amz-date": amzDate(date) };
    if (contentType) headers["content-type"] = contentType;
    const signed = signV4({ method, path, headers, payloadHash, region: config.region, accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey, date });
    const url = `${base.protocol}//${base.host}${uriEncode(path, true)}`;
    const { host: _host, ...sent } = headers;
    const response = await doFetch(url, {
      method,
      headers: { ...sent, authorization: signed.authorization },
      body: body ? new Uint8Array(body) : undefined,
      signal: AbortSignal.timeout(config.timeoutMs ?? 30_000),
      redirect: "manual",
    });
    return response;
  }

  async function fail(response: Response, what: string): Promise<never> {
    const text = await response.text().catch(() => "");
    const code = errorCode(text);
    throw new S3Error(`S3 ${what} failed: HTTP ${response.status}${code ? ` ${code}` : ""}`, response.status, code);
  }

  return {
    kind: "s3",
    async put(key, body, contentType) {
      const response = await send("PUT", key, body, contentType);
      if (!response.ok) await fail(response, `PUT ${key}`);
      await response.arrayBuffer();
    },
    async get(key) {
      const response = await send("GET", key);
      if (response.status === 404) {
        await response.arrayBuffer();
        return null;
      }
      if (!response.ok) await fail(response, `GET ${key}`);
      const bodyBuffer = Buffer.from(await response.arrayBuffer());
      return { body: bodyBuffer, contentType: response.headers.get("content-type") ?? "application/octet-stream", byteSize: bodyBuffer.length };
    },
    async delete(key) {
      const response = await send("DELETE", key);
      // S3 answers 204 whether or not the object existed; some servers answer 404 for a missing one.
      if (!response.ok && response.status !== 404) await fail(response, `DELETE ${key}`);
      await response.arrayBuffer();
    },
  };
}

/** The S3 settings as env.server.ts validates them (all of endpoint, bucket and keys, or none). */
export interface S3Env {
  S3_ENDPOINT?: string;
  S3_BUCKET?: string;
  S3_REGION?: string;
  S3_ACCESS_KEY_ID?: string;
  S3_SECRET_ACCESS_KEY?: string;
}

/** The adapter's config from the environment, or null when S3 is not configured. */
export function s3ConfigFromEnv(e: S3Env): S3Config | null {
  if (!e.S3_ENDPOINT || !e.S3_BUCKET || !e.S3_ACCESS_KEY_ID || !e.S3_SECRET_ACCESS_KEY) return null;
  return { endpoint: e.S3_ENDPOINT, bucket: e.S3_BUCKET, region: e.S3_REGION ?? "us-east-1", accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY };
}
