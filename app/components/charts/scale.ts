/**
 * The arithmetic of server-rendered SVG charts, pure: "nice" axis ticks, linear scales, evenly spaced
 * points and path strings. No DOM, no chart library (the page must render without JavaScript).
 */

/** The nicest step (1, 2, 2.5 or 5 × 10ⁿ) at or above `rough`; 1 for a non-positive or non-finite input. */
export function niceStep(rough: number): number {
  if (!Number.isFinite(rough) || rough <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / magnitude;
  // A little slack so that 0.30000000000000004 still counts as 0.3's own step.
  const nice = [1, 2, 2.5, 5, 10].find((f) => fraction <= f * (1 + 1e-9)) ?? 10;
  return nice * magnitude;
}

/**
 * Ticks from 0 up to the first multiple of a nice step at or above `max`, about `count` intervals
 * (at least 1): niceTicks(1234, 4) → [0, 500, 1000, 1500]. The last tick is the axis top.
 */
export function niceTicks(max: number, count = 4): number[] {
  const intervals = Math.max(1, Math.floor(count));
  if (!Number.isFinite(max) || max <= 0) return Array.from({ length: intervals + 1 }, (_, i) => i);
  const step = niceStep(max / intervals);
  const n = Math.max(1, Math.ceil(max / step - 1e-9));
  // Round to the step's decimals so 0.1 + 0.2 does not print as 0.30000000000000004.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Array.from({ length: n + 1 }, (_, i) => Number((i * step).toFixed(decimals)));
}

/** A linear map from a domain to a range (either may be reversed); a zero-width domain maps to the range's middle. */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): (value: number) => number {
  const span = d1 - d0;
  if (span === 0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / span;
  return (value) => r0 + (value - d0) * k;
}

/** `n` x positions spread evenly from `left` to `right` (ends included); one point sits in the middle. */
export function spreadPoints(n: number, left: number, right: number): number[] {
  if (n <= 0) return [];
  if (n === 1) return [(left + right) / 2];
  const step = (right - left) / (n - 1);
  return Array.from({ length: n }, (_, i) => left + i * step);
}

/** Rounds a coordinate to 0.1 (short SVG, no float noise). */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** An SVG path through the points ("M x y L x y …"); empty for no points. */
export function linePath(points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y], i) => `${i === 0 ? "M" : "L"}${round1(x)} ${round1(y)}`).join(" ");
}
