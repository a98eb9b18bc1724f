import { describe, expect, it } from "vitest";
import { forgetDriverPages } from "./forget-pages";

describe("forgetDriverPages", () => {
  it("deletes only the driver app's page caches and says how many", async () => {
    const names = new Set(["huming-driver-pages-v1", "huming-driver-pages-v0", "huming-driver-assets-v1", "other"]);
    const storage = { keys: async () => [...names], delete: async (n: string) => names.delete(n) };
    expect(await forgetDriverPages(storage)).toBe(2);
    expect([...names]).toEqual(["huming-driver-assets-v1", "other"]);
  });

  it("does nothing where Cache Storage is missing", async () => {
    expect(await forgetDriverPages(undefined)).toBe(0);
  });
});
