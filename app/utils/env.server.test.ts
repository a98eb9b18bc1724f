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

  it("requires a session secret in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET is required in production/);
    expect(parseEnv({ NODE_ENV: "production", SESSION_SECRET: "a-long-enough-secret" }).SESSION_SECRET).toBe("a-long-enough-secret");
  });
});
