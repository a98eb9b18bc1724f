import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env.server";

describe("parseEnv", () => {
  it("gives working defaults for a fresh machine (embedded database)", () => {
    const e = parseEnv({});
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.DATA_DIR).toBe(".data/pglite");
    expect(e.PORT).toBe(3000);
    expect(e.MIGRATE_ON_START).toBe(true);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    ["mysql://root@localhost/db", /DATABASE_URL must start with postgresql:\/\//],
    ["not a url", /DATABASE_URL is not a URL/],
    ["postgresql://localhost", /DATABASE_URL names no database/],
  ])("explains a bad DATABASE_URL %s", (value, message) => {
    expect(() => parseEnv({ DATABASE_URL: value })).toThrow(EnvError);
    expect(() => parseEnv({ DATABASE_URL: value })).toThrow(message);
  });

  it("lists every bad variable at once", () => {
    try {
      parseEnv({ PORT: "eighty", LOG_LEVEL: "loud", MIGRATE_ON_START: "maybe" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const problems = (error as EnvError).problems.join("\n");
      expect(problems).toMatch(/PORT must be a port number/);
      expect(problems).toMatch(/LOG_LEVEL must be one of/);
      expect(problems).toMatch(/MIGRATE_ON_START must be true or false/);
    }
  });

  it("reads the server pool size, 1–100, unset by default", () => {
    expect(parseEnv({}).DATABASE_POOL_SIZE).toBeUndefined();
    expect(parseEnv({ DATABASE_POOL_SIZE: "6" }).DATABASE_POOL_SIZE).toBe(6);
    expect(() => parseEnv({ DATABASE_POOL_SIZE: "0" })).toThrow(/DATABASE_POOL_SIZE must be 1–100/);
    expect(() => parseEnv({ DATABASE_POOL_SIZE: "2.5" })).toThrow(/DATABASE_POOL_SIZE must be a whole number/);
  });

  it("selects the search engine; Meilisearch needs its URL", () => {
    expect(parseEnv({}).SEARCH_ENGINE).toBe("embedded");
    expect(parseEnv({}).MEILI_INDEX).toBe("products");
    expect(() => parseEnv({ SEARCH_ENGINE: "meili" })).toThrow(/MEILI_URL is required with SEARCH_ENGINE=meili/);
    expect(() => parseEnv({ SEARCH_ENGINE: "solr" })).toThrow(/SEARCH_ENGINE must be embedded or meili/);
    expect(() => parseEnv({ MEILI_URL: "ftp://search" })).toThrow(/MEILI_URL must be an http\(s\) URL/);
    expect(() => parseEnv({ MEILI_INDEX: "my index" })).toThrow(/MEILI_INDEX must be an index name/);
    const e = parseEnv({ SEARCH_ENGINE: "meili", MEILI_URL: "http://127.0.0.1:7700", MEILI_KEY: "k", MEILI_INDEX: "products_staging" });
    expect([e.SEARCH_ENGINE, e.MEILI_URL, e.MEILI_KEY, e.MEILI_INDEX]).toEqual(["meili", "http://127.0.0.1:7700", "k", "products_staging"]);
  });

  it("requires a session secret in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET is required in production/);
    expect(parseEnv({ NODE_ENV: "production", SESSION_SECRET: "a-long-enough-secret" }).SESSION_SECRET).toBe("a-long-enough-secret");
  });
});
