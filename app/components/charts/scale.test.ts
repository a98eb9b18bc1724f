import { describe, expect, it } from "vitest";
import { linearScale, linePath, niceStep, niceTicks, round1, spreadPoints } from "./scale";

describe("niceStep", () => {
  it("rounds up to 1, 2, 2.5 or 5 times a power of ten", () => {
    expect(niceStep(1)).toBe(1);
    expect(niceStep(1.2)).toBe(2);
    expect(niceStep(2.2)).toBe(2.5);
    expect(niceStep(3)).toBe(5);
    expect(niceStep(6)).toBe(10);
    expect(niceStep(308.5)).toBe(500);
    expect(niceStep(0.03)).toBeCloseTo(0.05);
    expect(niceStep(0.1 + 0.2)).toBeCloseTo(0.5);
    expect(niceStep(20_000)).toBe(20_000);
  });
  it("falls back to 1 for nothing to scale", () => {
    expect(niceStep(0)).toBe(1);
    expect(niceStep(-5)).toBe(1);
    expect(niceStep(Number.NaN)).toBe(1);
  });
});

describe("niceTicks", () => {
  it("starts at 0 and ends at the first nice multiple at or above the maximum", () => {
    expect(niceTicks(1234, 4)).toEqual([0, 500, 1000, 1500]);
    expect(niceTicks(1000, 4)).toEqual([0, 250, 500, 750, 1000]);
    expect(niceTicks(9, 4)).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(niceTicks(87_650, 4)).toEqual([0, 25_000, 50_000, 75_000, 100_000]);
  });
  it("always covers the maximum", () => {
    for (const max of [1, 3, 7, 11, 99, 101, 333, 4321, 12_345, 98_765, 1_000_001]) {
      const ticks = niceTicks(max, 4);
      expect(ticks[0]).toBe(0);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
      // No more than one step of headroom, and 2–5 intervals.
      const step = ticks[1] - ticks[0];
      expect(ticks.at(-1)! - max).toBeLessThan(step);
      expect(ticks.length - 1).toBeGreaterThanOrEqual(2);
      expect(ticks.length - 1).toBeLessThanOrEqual(5);
    }
  });
  it("prints decimal steps without float noise", () => {
    expect(niceTicks(0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
  });
  it("gives a unit axis for an empty chart", () => {
    expect(niceTicks(0, 4)).toEqual([0, 1, 2, 3, 4]);
    expect(niceTicks(Number.NaN, 2)).toEqual([0, 1, 2]);
  });
});

describe("linearScale", () => {
  it("maps the domain onto the range, reversed for a y axis", () => {
    const y = linearScale([0, 1000], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(1000)).toBe(0);
    expect(y(250)).toBe(150);
    const x = linearScale([10, 20], [0, 100]);
    expect(x(15)).toBe(50);
    expect(x(25)).toBe(150);
  });
  it("puts everything in the middle of a zero-width domain", () => {
    expect(linearScale([5, 5], [0, 100])(5)).toBe(50);
  });
});

describe("spreadPoints", () => {
  it("spreads points evenly including both ends", () => {
    expect(spreadPoints(5, 0, 100)).toEqual([0, 25, 50, 75, 100]);
    expect(spreadPoints(8, 40, 320).map(round1)).toEqual([40, 80, 120, 160, 200, 240, 280, 320]);
  });
  it("centres a single point and gives nothing for none", () => {
    expect(spreadPoints(1, 0, 100)).toEqual([50]);
    expect(spreadPoints(0, 0, 100)).toEqual([]);
  });
});

describe("linePath", () => {
  it("draws a polyline with coordinates rounded to a tenth", () => {
    expect(linePath([[0, 10], [33.333, 5.06], [66.666, 0]])).toBe("M0 10 L33.3 5.1 L66.7 0");
    expect(linePath([])).toBe("");
  });
});
