import { describe, expect, it } from "vitest";
import { stableSortByKey } from "./search";

describe("stableSortByKey", () => {
  it("orders like a stable Array.prototype.sort, ties kept in input order", () => {
    let x = 7;
    const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (const n of [0, 1, 15, 16, 17, 100, 1001]) {
      const key = new Float64Array(n).map(() => Math.floor(rnd() * 20));
      // A shuffled permutation, so input order and index order differ.
      const items = Int32Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [items[i], items[j]] = [items[j], items[i]];
      }
      const expected = Array.from(items).sort((a, b) => key[a] - key[b]);
      stableSortByKey(items, key);
      expect(Array.from(items)).toEqual(expected);
    }
  });
});
