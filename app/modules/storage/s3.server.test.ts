import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseEnv } from "~/utils/env.server";
import { amzDate, EMPTY_SHA256, s3ConfigFromEnv, S3Error, s3Storage, sha256Hex, signV4, uriEncode, type S3Config, type S3Env } from "./s3.server";

// AWS's published Signature Version 4 examples for S3 (Amazon S3 API Reference, "Examples: Signature
// Calculations in AWS Signature Version 4", header-based authentication).
const AWS_EXAMPLE = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  region: "us-east-1",
  date: new Date("2013-05-24T00:00:00Z"),
  host: "examplebucket.s3.amazonaws.com",
};

describe("AWS Signature Version 4", () => {
  it("signs AWS's GET Object example (Range header)", () => {
    const s = signV4({
      ...AWS_EXAMPLE,
      method: "GET",
      path: "/test.txt",
      headers: { Host: AWS_EXAMPLE.host, Range: "bytes=0-9", "x-amz-content-sha256": EMPTY_SHA256, "x-amz-date": "20130524T000000Z" },
      payloadHash: EMPTY_SHA256,
    });
    expect(s.canonicalRequest).toBe(
      `GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\nx-amz-content-sha256:${EMPTY_SHA256}\nx-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n${EMPTY_SHA256}`,
    );
    expect(s.stringToSign).toBe("AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
    expect(s.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
  });

  it("signs AWS's PUT Object example (a $ in the key, a body, a storage class)", () => {
    const body = "Welcome to Amazon S3.";
    const payloadHash = sha256Hex(body);
    expect(payloadHash).toBe("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
    const s = signV4({
      ...AWS_EXAMPLE,
      method: "PUT",
      path: "/test$file.text",
      headers: {
        Host: AWS_EXAMPLE.host,
        Date: "Fri, 24 May 2013 00:00:00 GMT",
        "x-amz-date": "20130524T000000Z",
        "x-amz-storage-class": "REDUCED_REDUNDANCY",
        "x-amz-content-sha256": payloadHash,
      },
      payloadHash,
    });
    expect(s.canonicalRequest.split("\n").slice(0, 2)).toEqual(["PUT", "/test%24file.text"]);
    expect(s.stringToSign.split("\n")[3]).toBe("9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d");
    expect(s.signature).toBe("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
    expect(s.signedHeaders).toBe("date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class");
  });

  it("signs AWS's GET Bucket Lifecycle and List Objects examples (query strings, sorted and encoded)", () => {
    const headers = { Host: AWS_EXAMPLE.host, "x-amz-date": "20130524T000000Z", "x-amz-content-sha256": EMPTY_SHA256 };
    const lifecycle = signV4({ ...AWS_EXAMPLE, method: "GET", path: "/", query: { lifecycle: "" }, headers, payloadHash: EMPTY_SHA256 });
    expect(lifecycle.signature).toBe("fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
    const list = signV4({ ...AWS_EXAMPLE, method: "GET", path: "/", query: { prefix: "J", "max-keys": "2" }, headers, payloadHash: EMPTY_SHA256 });
    expect(list.canonicalRequest.split("\n")[2]).toBe("max-keys=2&prefix=J");
    expect(list.signature).toBe("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
  });

  it("encodes as SigV4 wants and formats the request time", () => {
    expect(uriEncode("products/a b/照片~.webp", true)).toBe("products/a%20b/%E7%85%A7%E7%89%87~.webp");
    expect(uriEncode("a/b", false)).toBe("a%2Fb");
    expect(amzDate(new Date("2026-12-02T03:04:05.678Z"))).toBe("20261202T030405Z");
  });
});

/** A fetch that records requests and answers from a small in-memory bucket. */
function fakeFetch() {
  const objects = new Map<string, { body: Buffer; type: string }>();
  const calls: { method: string; url: string; headers: Headers }[] = [];
  const impl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    const headers = new Headers(init?.headers);
    const method = init?.method ?? "GET";
    calls.push({ method, url, headers });
    const path = new URL(url).pathname;
    if (path.startsWith("/denied/")) return new Response("<Error><Code>AccessDenied</Code><Message>no</Message></Error>", { status: 403 });
    if (method === "PUT") {
      objects.set(path, { body: Buffer.from(init?.body as Uint8Array), type: headers.get("content-type") ?? "" });
      return new Response(null, { status: 200 });
    }
    if (method === "DELETE") {
      objects.delete(path);
      return new Response(null, { status: 204 });
    }
    const o = objects.get(path);
    return o ? new Response(new Uint8Array(o.body), { status: 200, headers: { "content-type": o.type } }) : new Response("<Error><Code>NoSuchKey</Code></Error>", { status: 404 });
  }) as typeof fetch;
  return { impl, calls };
}

describe("S3 storage adapter (against a recorded fake)", () => {
  const base: Omit<S3Config, "fetch"> = {
    endpoint: "http://127.0.0.1:9000",
    bucket: "huming",
    region: "us-east-1",
    accessKeyId: "minio",
    secretAccessKey: "minio-secret",
    now: () => new Date("2026-12-02T00:00:00Z"),
  };

  it("puts, gets and deletes with path-style URLs and signed headers", async () => {
    const f = fakeFetch();
    const storage = s3Storage({ ...base, fetch: f.impl });
    expect(storage.kind).toBe("s3");
    await storage.put("products/p/a/640.webp", Buffer.from("webp!"), "image/webp");
    const put = f.calls[0];
    expect(put.method).toBe("PUT");
    expect(put.url).toBe("http://127.0.0.1:9000/huming/products/p/a/640.webp");
    expect(put.headers.get("x-amz-content-sha256")).toBe(sha256Hex("webp!"));
    expect(put.headers.get("x-amz-date")).toBe("20261202T000000Z");
    expect(put.headers.get("content-type")).toBe("image/webp");
    expect(put.headers.get("authorization")).toMatch(/^AWS4-HMAC-SHA256 Credential=minio\/20261202\/us-east-1\/s3\/aws4_request,SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date,Signature=[0-9a-f]{64}$/);
    expect(await storage.get("products/p/a/640.webp")).toEqual({ body: Buffer.from("webp!"), contentType: "image/webp", byteSize: 5 });
    await storage.delete("products/p/a/640.webp");
    expect(await storage.get("products/p/a/640.webp")).toBeNull();
    await storage.delete("products/p/a/640.webp");
  });

  it("refuses bad keys before any request, and reports the service's error code", async () => {
    const f = fakeFetch();
    const storage = s3Storage({ ...base, fetch: f.impl });
    await expect(storage.get("../secret")).rejects.toThrow(/invalid storage key/);
    expect(f.calls).toHaveLength(0);
    const denied = s3Storage({ ...base, bucket: "denied", fetch: f.impl });
    const error = await denied.put("a/b.webp", Buffer.from("x"), "image/webp").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3Error);
    expect(error).toMatchObject({ status: 403, code: "AccessDenied" });
  });

  it("is chosen from the environment only when endpoint, bucket and keys are all set", () => {
    const all = { S3_ENDPOINT: "http://127.0.0.1:9000", S3_BUCKET: "huming", S3_ACCESS_KEY_ID: "k", S3_SECRET_ACCESS_KEY: "s" };
    expect(s3ConfigFromEnv(parseEnv(all))).toMatchObject({ endpoint: "http://127.0.0.1:9000", bucket: "huming", region: "us-east-1" });
    expect(s3ConfigFromEnv(parseEnv({}))).toBeNull();
    expect(() => parseEnv({ S3_ENDPOINT: "http://127.0.0.1:9000" })).toThrow(/S3_BUCKET is required with S3_ENDPOINT/);
    expect(() => parseEnv({ ...all, S3_ENDPOINT: "ftp://x" })).toThrow(/S3_ENDPOINT must be an http\(s\) URL/);
  });
});

// ------------------------------------------------------------------------------------------------
// A real bucket: S3_TEST_URL=http://<access key>:<secret>@127.0.0.1:9000/<bucket>?region=us-east-1
// (or the app's own S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY).

function realBucket(): S3Config | null {
  const raw = process.env.S3_TEST_URL;
  if (raw) {
    const url = new URL(raw);
    const bucket = url.pathname.replace(/^\/+|\/+$/g, "");
    if (!bucket || !url.username) throw new Error("S3_TEST_URL must look like http://<access key>:<secret>@host:port/<bucket>?region=us-east-1");
    return {
      endpoint: `${url.protocol}//${url.host}`,
      bucket,
      region: url.searchParams.get("region") ?? "us-east-1",
      accessKeyId: decodeURIComponent(url.username),
      secretAccessKey: decodeURIComponent(url.password),
    };
  }
  return s3ConfigFromEnv(process.env as S3Env);
}

const bucket = realBucket();
if (!bucket) {
  console.log("[s3] real-bucket tests skipped: set S3_TEST_URL=http://<key>:<secret>@host:9000/<bucket> (or S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY) to run them against MinIO or S3");
} else {
  console.log(`[s3] real-bucket tests run against ${bucket.endpoint}/${bucket.bucket} (region ${bucket.region})`);
}

describe("S3 storage adapter against a real bucket", () => {
  it.skipIf(!bucket)("stores, reads back with the content type, replaces and deletes an object", async () => {
    const storage = s3Storage(bucket as S3Config);
    const key = `test/${randomBytes(6).toString("hex")}/640.webp`;
    const body = randomBytes(70_000);
    await storage.put(key, body, "image/webp");
    const back = await storage.get(key);
    expect(back?.contentType).toBe("image/webp");
    expect(back?.byteSize).toBe(body.length);
    expect(back?.body.equals(body)).toBe(true);
    await storage.put(key, Buffer.from("two"), "image/webp");
    expect((await storage.get(key))?.body.toString()).toBe("two");
    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
    await storage.delete(key);
  });

  it.skipIf(!bucket)("fails clearly with wrong credentials", async () => {
    const storage = s3Storage({ ...(bucket as S3Config), secretAccessKey: "wrong-secret" });
    const error = await storage.put("test/denied.webp", Buffer.from("x"), "image/webp").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3Error);
    expect((error as S3Error).status).toBe(403);
  });
});
