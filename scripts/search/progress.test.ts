import { describe, expect, it } from "vitest";
import { createProgressBar, renderBar } from "./progress";

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, columns: 100, write: (c: string) => chunks.push(c) } };
}

describe("progress bar", () => {
  it("renders the share done", () => {
    expect(renderBar("x", 0, 10, 10)).toBe("x [░░░░░░░░░░]   0% 0/10");
    expect(renderBar("x", 6, 10, 10)).toBe("x [██████░░░░]  60% 6/10");
    expect(renderBar("x", 0, 0, 4)).toBe("x [████] 100% 0/0");
  });

  it("writes a line every 10% when stderr is not a terminal", () => {
    const { chunks, stream } = sink(false);
    const bar = createProgressBar(stream, "reindex");
    for (let done = 0; done <= 1000; done += 50) bar.update(done, 1000);
    bar.finish();
    expect(chunks).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((p) => `reindex: ${p}% (${p * 10}/1000)\n`));
  });

  it("redraws in place on a terminal and ends the line once", () => {
    const { chunks, stream } = sink(true);
    const bar = createProgressBar(stream, "reindex");
    bar.update(0, 400);
    bar.update(1, 400); // same percent: not redrawn
    bar.update(200, 400);
    bar.update(400, 400);
    bar.finish();
    bar.finish();
    expect(chunks).toHaveLength(4);
    expect(chunks.slice(0, 3).every((c) => c.startsWith("\r\u001b[2Kreindex ["))).toBe(true);
    expect(chunks[1]).toContain(" 50% 200/400");
    expect(chunks[2]).toContain("100% 400/400");
    expect(chunks[3]).toBe("\n");
  });
});
