import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEMO_API_KEY } from "../../../tests/demo-accounts";
import { API_KEY_PATTERN, API_SCOPES, apiKeyPrefix, BASE62, generateApiKey, hashApiKey, isApiScope, isWellFormedApiKey } from "./key-format";

describe("API key format", () => {
  it("generates hm_ + 32 base62 characters, different every time", () => {
    const keys = Array.from({ length: 200 }, generateApiKey);
    for (const key of keys) {
      expect(key).toMatch(/^hm_[0-9A-Za-z]{32}$/);
      expect(API_KEY_PATTERN.test(key)).toBe(true);
    }
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("draws from the whole alphabet (no character class is left out)", () => {
    const seen = new Set(Array.from({ length: 400 }, generateApiKey).flatMap((k) => [...k.slice(3)]));
    expect(seen.size).toBe(BASE62.length);
  });

  it("shows the first 11 characters as the prefix", () => {
    expect(apiKeyPrefix("hm_AbCdEfGh0123456789abcdefghijklmn")).toBe("hm_AbCdEfGh");
  });

  it("stores the SHA-256 hex of the key's text", () => {
    const key = "hm_demo0000000000000000000000000000";
    expect(hashApiKey(key)).toBe(createHash("sha256").update(key).digest("hex"));
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(key)).not.toBe(hashApiKey(`${key.slice(0, -1)}1`));
  });

  it("tells well-formed keys from junk before any lookup", () => {
    expect(isWellFormedApiKey(generateApiKey())).toBe(true);
    for (const bad of ["", "hm_", "hm_short", `hm_${"a".repeat(31)}`, `hm_${"a".repeat(33)}`, `HM_${"a".repeat(32)}`, `hm_${"a".repeat(31)}-`, `hm_${"a".repeat(31)}é`, ` hm_${"a".repeat(32)}`, `hm_${"a".repeat(32)}\n`]) {
      expect(isWellFormedApiKey(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it("accepts the seed's published demo key (stored as its SHA-256 hex like any other)", () => {
    expect(isWellFormedApiKey(DEMO_API_KEY)).toBe(true);
    expect(apiKeyPrefix(DEMO_API_KEY)).toBe(DEMO_API_KEY.slice(0, 11));
    expect(hashApiKey(DEMO_API_KEY)).toBe(createHash("sha256").update(DEMO_API_KEY).digest("hex"));
  });

  it("knows exactly three scopes", () => {
    expect(API_SCOPES).toEqual(["catalog:read", "orders:read", "orders:write"]);
    expect(isApiScope("orders:write")).toBe(true);
    expect(isApiScope("orders:admin")).toBe(false);
  });
});
