import { describe, expect, it } from "vitest";
import { defaultPoolSize } from "./db.server";

describe("defaultPoolSize", () => {
  it("is twice the cores, at least 4 and at most 16", () => {
    expect(defaultPoolSize(1)).toBe(4);
    expect(defaultPoolSize(2)).toBe(4);
    expect(defaultPoolSize(3)).toBe(6);
    expect(defaultPoolSize(8)).toBe(16);
    expect(defaultPoolSize(64)).toBe(16);
  });
});
