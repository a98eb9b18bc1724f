/**
 * Travel matrices from a self-hosted OSRM server (the /table/v1 service) behind travel.ts's
 * MatrixProvider, so the day planner can use real road distances and durations instead of the offline
 * model. OSRM times do not depend on the time of day, so the result has one slice.
 *
 * Large point sets are split into blocks: each request asks for one block of sources against one block
 * of destinations, so sources × destinations stays within the server's --max-table-size squared (OSRM's
 * own limit, 100 by default) and URLs stay short. Requests run a few at a time, each with a timeout.
 */
import type { LatLng } from "./geo";
import { OfflineMatrixProvider, type MatrixProvider, type MatrixRequest, type TravelConfig, type TravelMatrices } from "./travel";

/** Settings of an OsrmMatrixProvider. */
export interface OsrmOptions {
  /** Base URL of the server, e.g. "http://osrm.internal:5000". */
  url: string;
  /** Routing profile in the URL; osrm-routed serves whatever profile it was built with under any name. */
  profile?: string;
  /** Per-request timeout, ms (default 30 000). */
  timeoutMs?: number;
  /** Most sources (and destinations) per request; keep ≤ the server's --max-table-size (default 100). */
  maxTableSize?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Multiplies OSRM's car durations, e.g. 1.25 for vans (default 1). */
  durationFactor?: number;
  /** The fetch to use (tests inject one; default the global fetch). */
  fetch?: typeof fetch;
}

/** Any failure talking to OSRM: unreachable, timed out, an error answer, or a table with gaps. */
export class OsrmError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OsrmError";
  }
}

/** One request's share of the full table: rows from..from+rows.length, columns likewise. */
export interface TableBlock {
  sources: number[];
  destinations: number[];
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}

/** Splits an n×n table into blocks of at most size×size entries, row blocks outermost. */
export function tableBlocks(n: number, size: number): TableBlock[] {
  if (!(Number.isInteger(size) && size >= 1)) throw new OsrmError(`maxTableSize must be a whole number ≥ 1, got ${size}`);
  const blocks: TableBlock[] = [];
  for (let r = 0; r < n; r += size) {
    for (let c = 0; c < n; c += size) {
      blocks.push({ sources: range(r, Math.min(n, r + size)), destinations: range(c, Math.min(n, c + size)) });
    }
  }
  return blocks;
}

/**
 * The URL of one table request. The block's source points come first, then its destination points
 * (unless they are the same points), and `sources` / `destinations` index into that list.
 */
export function buildTableUrl(base: string, profile: string, points: LatLng[], block: TableBlock): string {
  const same = block.sources.length === block.destinations.length && block.sources.every((s, k) => s === block.destinations[k]);
  const coordsOf = (list: number[]) => list.map((i) => `${points[i].lng.toFixed(6)},${points[i].lat.toFixed(6)}`);
  const coords = same ? coordsOf(block.sources) : [...coordsOf(block.sources), ...coordsOf(block.destinations)];
  const params = new URLSearchParams({ annotations: "duration,distance" });
  if (!same) {
    const k = block.sources.length;
    params.set("sources", range(0, k).join(";"));
    params.set("destinations", range(k, k + block.destinations.length).join(";"));
  }
  const root = base.replace(/\/+$/, "");
  // OSRM wants literal ';' between indices; URLSearchParams would encode them as %3B.
  return `${root}/table/v1/${encodeURIComponent(profile)}/${coords.join(";")}?${params.toString().replace(/%3B/g, ";")}`;
}

/** What a table answer holds once checked: rows × cols durations (s) and distances (m), null where OSRM found no route. */
export interface TableAnswer {
  durations: (number | null)[][];
  distances: (number | null)[][];
}

function isMatrix(x: unknown, rows: number, cols: number): x is (number | null)[][] {
  return (
    Array.isArray(x) &&
    x.length === rows &&
    x.every((row) => Array.isArray(row) && row.length === cols && row.every((v) => v === null || typeof v === "number"))
  );
}

/** Checks a parsed /table answer for `rows` sources and `cols` destinations; throws OsrmError saying what is wrong. */
export function parseTableResponse(body: unknown, rows: number, cols: number): TableAnswer {
  const b = body as { code?: unknown; message?: unknown; durations?: unknown; distances?: unknown } | null;
  if (!b || typeof b !== "object") throw new OsrmError("OSRM answered with something that is not a JSON object");
  if (b.code !== "Ok") {
    throw new OsrmError(`OSRM refused the table request: ${String(b.code ?? "no code")}${b.message ? ` (${String(b.message)})` : ""}`);
  }
  if (!isMatrix(b.durations, rows, cols)) throw new OsrmError(`OSRM's table has no ${rows}×${cols} "durations" matrix`);
  if (b.distances === undefined) {
    throw new OsrmError('OSRM returned no "distances": the server needs OSRM 5.18 or later for annotations=duration,distance');
  }
  if (!isMatrix(b.distances, rows, cols)) throw new OsrmError(`OSRM's table has no ${rows}×${cols} "distances" matrix`);
  return { durations: b.durations, distances: b.distances };
}

/** Runs `tasks` with at most `limit` in flight; rejects with the first failure. */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const k = next++;
      out[k] = await tasks[k]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return out;
}

/** A MatrixProvider backed by an OSRM server's table service. */
export class OsrmMatrixProvider implements MatrixProvider {
  readonly name = "osrm";
  private readonly profile: string;
  private readonly timeoutMs: number;
  private readonly maxTableSize: number;
  private readonly concurrency: number;
  private readonly durationFactor: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: OsrmOptions) {
    if (!/^https?:\/\/\S+$/i.test(options.url)) throw new OsrmError(`OSRM URL must start with http:// or https://, got "${options.url}"`);
    this.profile = options.profile ?? "driving";
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxTableSize = options.maxTableSize ?? 100;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.durationFactor = options.durationFactor ?? 1;
    if (!(this.timeoutMs > 0)) throw new OsrmError("OSRM timeoutMs must be > 0");
    if (!(this.durationFactor > 0)) throw new OsrmError("OSRM durationFactor must be > 0");
    tableBlocks(0, this.maxTableSize);
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** Fetches one block and checks its answer. */
  private async fetchBlock(points: LatLng[], block: TableBlock): Promise<TableAnswer> {
    const url = buildTableUrl(this.options.url, this.profile, points, block);
    const where = `OSRM at ${this.options.url}`;
    let res: Response;
    try {
      res = await this.fetchImpl(url, { signal: AbortSignal.timeout(this.timeoutMs), headers: { accept: "application/json" } });
    } catch (e) {
      const err = e as Error;
      if (err.name === "TimeoutError" || err.name === "AbortError") {
        throw new OsrmError(`${where} did not answer within ${this.timeoutMs} ms`);
      }
      const cause = (err.cause as { code?: string; message?: string } | undefined) ?? undefined;
      throw new OsrmError(`cannot reach ${where}: ${cause?.code ?? cause?.message ?? err.message}`);
    }
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      const err = e as Error;
      if (err.name === "TimeoutError" || err.name === "AbortError") throw new OsrmError(`${where} did not answer within ${this.timeoutMs} ms`);
      throw new OsrmError(`${where}: the answer broke off (${err.message})`);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new OsrmError(`${where} answered HTTP ${res.status} with something that is not JSON: ${text.slice(0, 120)}`);
    }
    if (!res.ok && (body as { code?: unknown } | null)?.code === "Ok") {
      throw new OsrmError(`${where} answered HTTP ${res.status}`);
    }
    return parseTableResponse(body, block.sources.length, block.destinations.length);
  }

  /** See MatrixProvider: one slice at the horizon's start, since OSRM times ignore the time of day. */
  async matrices(request: MatrixRequest): Promise<TravelMatrices> {
    const { points } = request;
    const n = points.length;
    const distance = new Float64Array(n * n);
    const time = new Float64Array(n * n);
    const blocks = tableBlocks(n, this.maxTableSize);
    const answers = await pool(blocks.map((b) => () => this.fetchBlock(points, b)), this.concurrency);
    const missing: string[] = [];
    blocks.forEach((b, k) => {
      const a = answers[k];
      b.sources.forEach((i, r) => {
        b.destinations.forEach((j, c) => {
          if (i === j) return;
          const t = a.durations[r][c];
          const d = a.distances[r][c];
          if (t === null || d === null) {
            missing.push(`${i} → ${j}`);
            return;
          }
          time[i * n + j] = t * this.durationFactor;
          distance[i * n + j] = d;
        });
      });
    });
    if (missing.length > 0) {
      throw new OsrmError(
        `OSRM found no road between ${missing.length} point pair(s), e.g. ${missing.slice(0, 5).join(", ")} ` +
          "(point indices: warehouses first, then stops); check those coordinates",
      );
    }
    return { size: n, distance, sliceStarts: [request.horizon.from], times: [time] };
  }
}

/**
 * The matrix provider the environment asks for: OSRM when OSRM_URL is set (OSRM_PROFILE,
 * OSRM_TIMEOUT_MS, OSRM_MAX_TABLE_SIZE, OSRM_DURATION_FACTOR tune it), else the offline model.
 */
export function matrixProviderFromEnv(
  env: Record<string, string | undefined> = process.env,
  config?: TravelConfig,
): MatrixProvider {
  const url = env.OSRM_URL?.trim();
  if (!url) return new OfflineMatrixProvider(config);
  const num = (name: string): number | undefined => {
    const v = env[name]?.trim();
    if (!v) return undefined;
    const x = Number(v);
    if (!Number.isFinite(x) || x <= 0) throw new OsrmError(`${name} must be a positive number, got "${v}"`);
    return x;
  };
  return new OsrmMatrixProvider({
    url,
    profile: env.OSRM_PROFILE?.trim() || undefined,
    timeoutMs: num("OSRM_TIMEOUT_MS"),
    maxTableSize: num("OSRM_MAX_TABLE_SIZE"),
    durationFactor: num("OSRM_DURATION_FACTOR"),
  });
}
