/**
 * A progress bar for long CLI runs, on stderr so stdout stays one JSON line: redrawn in place on a
 * terminal, a plain line every 10% otherwise (CI logs, pipes). Pure apart from the stream it is given.
 */

export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressBar {
  update(done: number, total: number): void;
  /** Ends the bar's line (terminal) so later output starts on a fresh line. */
  finish(): void;
}

const BAR_WIDTH = 30;

function percentOf(done: number, total: number): number {
  return total <= 0 ? 100 : Math.min(100, Math.floor((done / total) * 100));
}

/** The bar's text: `label [██████░░░░] 60% 600/1000`. */
export function renderBar(label: string, done: number, total: number, width = BAR_WIDTH): string {
  const pct = percentOf(done, total);
  const filled = Math.round((pct / 100) * width);
  return `${label} [${"█".repeat(filled)}${"░".repeat(width - filled)}] ${String(pct).padStart(3)}% ${done}/${total}`;
}

/** A bar writing to `stream` (redrawn when it is a TTY; every 10% as a line when not). */
export function createProgressBar(stream: ProgressStream, label: string): ProgressBar {
  let lastPct = -1;
  let lastDecile = -1;
  let drawn = false;
  return {
    update(done, total) {
      const pct = percentOf(done, total);
      if (stream.isTTY) {
        if (pct === lastPct && done !== total) return;
        lastPct = pct;
        const width = Math.max(10, Math.min(BAR_WIDTH, (stream.columns ?? 80) - label.length - 30));
        stream.write(`\r\u001b[2K${renderBar(label, done, total, width)}`);
        drawn = true;
        return;
      }
      const decile = Math.floor(pct / 10);
      if (decile === lastDecile) return;
      lastDecile = decile;
      stream.write(`${label}: ${decile * 10}% (${done}/${total})\n`);
    },
    finish() {
      if (stream.isTTY && drawn) stream.write("\n");
      drawn = false;
    },
  };
}
