/**
 * The day file: one morning's warehouses, vans, stops and restricted zones, as JSON. This module
 * validates it with zod and normalises every quantity to the planner's internal units (grams, cm³,
 * metres, seconds since local midnight). Errors name the file, line and the stop / van / zone.
 */
import { z } from "zod";
import type { CoordSystem, LatLng } from "./geo";
import type { TempClass } from "./model";
import {
  parseClock,
  parseDuration,
  parseLength,
  parseVolume,
  parseWeight,
  UnitError,
  type QuantityInput,
} from "./units";

/** Temperature classes in the order used by demand and capacity vectors. */
export const TEMP_CLASSES: readonly TempClass[] = ["ambient", "chilled", "frozen"];

/** Wraps a unit parser as a zod transform that turns UnitError into a zod issue at the right path. */
function unitField<I, O>(base: z.ZodType<I>, parse: (v: I) => O) {
  return base.transform((v, ctx) => {
    try {
      return parse(v);
    } catch (e) {
      if (!(e instanceof UnitError)) throw e;
      ctx.issues.push({ code: "custom", message: e.message, input: v });
      return z.NEVER;
    }
  });
}

const quantityInput: z.ZodType<QuantityInput> = z.union([
  z.string(),
  z.strictObject({ value: z.number(), unit: z.string() }),
]);
const weight = unitField(quantityInput, parseWeight);
const volume = unitField(quantityInput, parseVolume);
const length = unitField(quantityInput, parseLength);
const duration = unitField(z.string(), parseDuration);
const clock = unitField(z.string(), parseClock);
const id = z.string().trim().min(1, "must not be empty").max(64);
// Range is checked later against mainland China, per stop, so one swapped pair does not reject the day.
const lat = z.number();
const lng = z.number();
const coords = z.enum(["wgs84", "gcj02"]);
const tempClass = z.enum(["ambient", "chilled", "frozen"]);
const interval = z.strictObject({ from: clock, to: clock });

const warehouseSchema = z.strictObject({
  id,
  name: z.string(),
  lat,
  lng,
  coords: coords.optional(),
  open: clock,
  close: clock,
  address: z.string().optional(),
});

const compartmentSchema = z.strictObject({ weight, volume });

const vanSchema = z.strictObject({
  id,
  plate: z.string().optional(),
  name: z.string().optional(),
  warehouse: id,
  payload: weight,
  volume,
  compartments: z.strictObject({
    ambient: compartmentSchema.optional(),
    chilled: compartmentSchema.optional(),
    frozen: compartmentSchema.optional(),
  }),
  shift: interval.transform((s) => ({ start: s.from, end: s.to })),
  /** Truck-class vehicle subject to zones whose `affects` is "restricted" (the default). */
  restricted: z.boolean().default(false),
  count: z.number().int().min(1).max(100).default(1),
  maxRouteDuration: duration.optional(),
  /** Stop ids this van must visit in this order (other stops may come in between); each is locked to it. */
  fixedSequence: z.array(id).min(1).optional(),
});

const serviceSchema = z.strictObject({
  base: duration.optional(),
  /** Extra handling time per kg delivered, e.g. "1.5s". */
  perKg: duration.optional(),
});

const loadSchema = z.strictObject({
  class: tempClass,
  weight,
  volume,
  item: z.string().optional(),
});

const stopSchema = z.strictObject({
  id,
  name: z.string(),
  kind: z.string().optional(),
  lat,
  lng,
  coords: coords.optional(),
  window: interval,
  service: serviceSchema.optional(),
  loads: z.array(loadSchema).min(1, "a stop needs at least one load line"),
  address: z.string().optional(),
  note: z.string().optional(),
  /** Van that must serve this stop: a van id, or "<id>-<unit>" for one unit of a van line with count > 1. */
  lockedVan: id.optional(),
});

const latLngPair = z.tuple([lat, lng]).transform(([a, b]): LatLng => ({ lat: a, lng: b }));

const shapeSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("polygon"), points: z.array(latLngPair).min(3, "a polygon needs ≥ 3 points") }),
  z.strictObject({ type: z.literal("circle"), center: latLngPair, radius: length }),
]);

/** Speeds over the day: [["00:00", 38], ["07:00", 16], …] in km/h, starting at 00:00, times ascending. */
const speedsSchema = z
  .array(z.tuple([clock, z.number().positive("speed must be > 0 km/h").max(150)]))
  .min(1)
  .superRefine((bands, ctx) => {
    if (bands[0][0] !== 0)
      ctx.addIssue({ code: "custom", path: [0, 0], message: 'the first band must start at "00:00"', input: bands });
    for (let i = 1; i < bands.length; i++) {
      if (!(bands[i][0] > bands[i - 1][0])) {
        ctx.addIssue({ code: "custom", path: [i, 0], message: "band times must increase", input: bands });
      }
    }
  });

const zoneSchema = z.strictObject({
  name: z.string().min(1),
  shape: shapeSchema,
  forbidden: z.array(interval).min(1),
  /** "restricted": vans flagged restricted; "all": every van; or a list of van ids. */
  affects: z.union([z.literal("restricted"), z.literal("all"), z.array(id).min(1)]).default("restricted"),
  /** Van ids holding this zone's permit: exempt from it even when `affects` would include them. */
  permits: z.array(id).optional(),
  note: z.string().optional(),
});

const daySchemaBase = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().optional(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be "YYYY-MM-DD"'),
  timezone: z.literal("Asia/Shanghai", { message: 'timezone must be "Asia/Shanghai"' }),
  defaults: z
    .strictObject({
      coords: coords.optional(),
      service: serviceSchema.optional(),
    })
    .optional(),
  limits: z
    .strictObject({
      maxTimeOnRoad: z
        .strictObject({ ambient: duration.optional(), chilled: duration.optional(), frozen: duration.optional() })
        .optional(),
      maxRouteDuration: duration.optional(),
    })
    .optional(),
  travel: z
    .strictObject({
      detourFactor: z.number().min(1).max(3).optional(),
      sliceMinutes: z.number().int().min(1).max(240).optional(),
      /** Replaces the built-in Shanghai speeds outside every area. */
      defaultSpeeds: speedsSchema.optional(),
      /** Replaces the built-in Shanghai areas (inner ring, inner-to-outer ring); first match wins. */
      areas: z.array(z.strictObject({ name: z.string().min(1), shape: shapeSchema, speeds: speedsSchema })).optional(),
    })
    .optional(),
  warehouses: z.array(warehouseSchema).min(1, "at least one warehouse"),
  vans: z.array(vanSchema).min(1, "at least one van"),
  stops: z.array(stopSchema),
  zones: z.array(zoneSchema).default([]),
});

type Issue = { path: (string | number)[]; message: string };

function uniqueIds(list: { id: string }[], key: string, issues: Issue[]): Set<string> {
  const seen = new Set<string>();
  list.forEach((x, i) => {
    if (seen.has(x.id)) issues.push({ path: [key, i, "id"], message: `duplicate id "${x.id}"` });
    seen.add(x.id);
  });
  return seen;
}

/** Van units by the id a lock may use: the van id for a single van, "<id>-<unit>" for each unit of a line. */
export function vanUnitIds(vans: readonly { id: string; count: number }[]): Map<string, { van: number; unit: number }> {
  const out = new Map<string, { van: number; unit: number }>();
  vans.forEach((v, van) => {
    if (v.count === 1) out.set(v.id, { van, unit: 1 });
    else for (let unit = 1; unit <= v.count; unit++) out.set(`${v.id}-${unit}`, { van, unit });
  });
  return out;
}

/** Locks and fixed sequences: known ids, one sequence per stop, no stop locked to two vans. */
function checkLocks(d: z.output<typeof daySchemaBase>, issues: Issue[]): void {
  const units = vanUnitIds(d.vans);
  const stopIndex = new Map(d.stops.map((s, i) => [s.id, i]));
  d.stops.forEach((s, i) => {
    if (s.lockedVan === undefined || units.has(s.lockedVan)) return;
    const line = d.vans.find((v) => v.id === s.lockedVan);
    issues.push({
      path: ["stops", i, "lockedVan"],
      message: line
        ? `van "${line.id}" has ${line.count} units; lock to one of them ("${line.id}-1" … "${line.id}-${line.count}")`
        : `unknown van "${s.lockedVan}"`,
    });
  });
  const inSequence = new Map<string, string>();
  d.vans.forEach((v, i) => {
    if (!v.fixedSequence) return;
    if (v.count !== 1) {
      issues.push({ path: ["vans", i, "fixedSequence"], message: `a fixed sequence needs a single van, but "${v.id}" has count ${v.count}` });
      return;
    }
    v.fixedSequence.forEach((stopId, j) => {
      const path = ["vans", i, "fixedSequence", j];
      const si = stopIndex.get(stopId);
      if (si === undefined) {
        issues.push({ path, message: `unknown stop "${stopId}"` });
        return;
      }
      const other = inSequence.get(stopId);
      if (other === v.id) issues.push({ path, message: `stop "${stopId}" appears twice in the fixed sequence` });
      else if (other !== undefined) {
        issues.push({ path, message: `stop "${stopId}" is already in the fixed sequence of van "${other}"` });
      } else {
        inSequence.set(stopId, v.id);
        const lock = d.stops[si].lockedVan;
        if (lock !== undefined && lock !== v.id) {
          issues.push({ path, message: `stop "${stopId}" is locked to van "${lock}", not "${v.id}"` });
        }
      }
    });
  });
}

/** Day-file schema: structure, units and cross-references (ids exist and are unique, times ordered). */
export const daySchema = daySchemaBase.superRefine((d, ctx) => {
  const issues: Issue[] = [];
  const warehouseIds = uniqueIds(d.warehouses, "warehouses", issues);
  const vanIds = uniqueIds(d.vans, "vans", issues);
  uniqueIds(d.stops, "stops", issues);
  d.warehouses.forEach((w, i) => {
    if (w.close <= w.open) issues.push({ path: ["warehouses", i, "close"], message: "closes before it opens" });
  });
  d.vans.forEach((v, i) => {
    if (!warehouseIds.has(v.warehouse)) {
      issues.push({ path: ["vans", i, "warehouse"], message: `unknown warehouse "${v.warehouse}"` });
    }
    if (v.shift.end <= v.shift.start)
      issues.push({ path: ["vans", i, "shift"], message: "shift ends before it starts" });
    if (!TEMP_CLASSES.some((c) => v.compartments[c])) {
      issues.push({ path: ["vans", i, "compartments"], message: "a van needs at least one compartment" });
    }
  });
  d.stops.forEach((s, i) => {
    if (s.window.to < s.window.from) {
      issues.push({ path: ["stops", i, "window"], message: "the window closes before it opens" });
    }
  });
  d.zones.forEach((z, i) => {
    z.forbidden.forEach((f, j) => {
      if (f.to <= f.from)
        issues.push({ path: ["zones", i, "forbidden", j], message: "interval ends before it starts" });
    });
    if (Array.isArray(z.affects)) {
      z.affects.forEach((v, j) => {
        if (!vanIds.has(v)) issues.push({ path: ["zones", i, "affects", j], message: `unknown van "${v}"` });
      });
    }
    z.permits?.forEach((v, j) => {
      if (!vanIds.has(v)) issues.push({ path: ["zones", i, "permits", j], message: `unknown van "${v}"` });
    });
  });
  checkLocks(d, issues);
  for (const issue of issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message, input: d });
});

/** A validated day with quantities in internal units (g, cm³, m, s since midnight). */
export type Day = z.output<typeof daySchema>;
/** A validated stop. */
export type DayStop = Day["stops"][number];
/** A validated van entry (one line, possibly `count` identical units). */
export type DayVan = Day["vans"][number];
/** A validated warehouse. */
export type DayWarehouse = Day["warehouses"][number];
/** A validated restricted zone. */
export type DayZone = Day["zones"][number];
/** A day file as written (before units are parsed). */
export type DayInput = z.input<typeof daySchema>;

/** Coordinate system a point was written in, falling back to the day default. */
export function coordSystemOf(day: Day, p: { coords?: CoordSystem }): CoordSystem {
  return p.coords ?? day.defaults?.coords ?? "wgs84";
}

/** One problem with a day file, located as precisely as possible. */
export interface DayFileError {
  /** "stops[3].loads[0].weight" */
  path: string;
  /** 1-based line in the file, when known. */
  line?: number;
  /** What the path points into, e.g. 'stop "S04" 复旦大学 北区食堂'. */
  subject?: string;
  message: string;
}

/** Thrown by parseDayFile with every problem found; message lists them one per line. */
export class DayFileInvalid extends Error {
  constructor(readonly file: string, readonly errors: DayFileError[]) {
    super(errors.map((e) => formatDayError(file, e)).join("\n"));
    this.name = "DayFileInvalid";
  }
}

/** "file.json:12: stop "S04" 复旦大学: loads[0].weight: unknown weight unit …" */
export function formatDayError(file: string, e: DayFileError): string {
  const where = e.line ? `${file}:${e.line}` : file;
  return `${where}: ${e.subject ? `${e.subject}: ` : ""}${e.path ? `${e.path}: ` : ""}${e.message}`;
}

function pathString(path: readonly PropertyKey[]): string {
  let s = "";
  for (const p of path) {
    if (typeof p === "number") s += `[${p}]`;
    else s += s ? `.${String(p)}` : String(p);
  }
  return s;
}

const SUBJECT_WORD: Record<string, string> = { stops: "stop", vans: "van", warehouses: "warehouse", zones: "zone" };

function subjectOf(raw: unknown, path: readonly PropertyKey[]): string | undefined {
  const [key, idx] = path;
  if (typeof key !== "string" || typeof idx !== "number" || !SUBJECT_WORD[key]) return undefined;
  const list = (raw as Record<string, unknown> | null)?.[key];
  const item = Array.isArray(list) ? (list[idx] as Record<string, unknown> | undefined) : undefined;
  const itemId = typeof item?.id === "string" ? item.id : undefined;
  const name = typeof item?.name === "string" ? item.name : undefined;
  const label = [itemId ? `"${itemId}"` : `#${idx + 1}`, name].filter(Boolean).join(" ");
  return `${SUBJECT_WORD[key]} ${label}`;
}

/**
 * Records the line on which each JSON value starts, keyed by path string ("stops[3].loads[0]").
 * Runs only on text JSON.parse already accepted, so it can be a minimal scanner.
 */
export function jsonLineIndex(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let pos = 0;
  let line = 1;
  const ws = () => {
    while (pos < text.length) {
      const c = text[pos];
      if (c === "\n") line++;
      else if (c !== " " && c !== "\t" && c !== "\r") break;
      pos++;
    }
  };
  const str = (): string => {
    const start = pos;
    pos++;
    while (text[pos] !== '"') pos += text[pos] === "\\" ? 2 : 1;
    pos++;
    return JSON.parse(text.slice(start, pos)) as string;
  };
  const value = (path: string) => {
    ws();
    lines.set(path, line);
    const c = text[pos];
    if (c === "{") {
      pos++;
      ws();
      if (text[pos] === "}") {
        pos++;
        return;
      }
      for (;;) {
        ws();
        const key = str();
        ws();
        pos++; // ':'
        value(path ? `${path}.${key}` : key);
        ws();
        if (text[pos++] === "}") return;
      }
    } else if (c === "[") {
      pos++;
      ws();
      if (text[pos] === "]") {
        pos++;
        return;
      }
      for (let i = 0; ; i++) {
        value(`${path}[${i}]`);
        ws();
        if (text[pos++] === "]") return;
      }
    } else if (c === '"') {
      str();
    } else {
      while (pos < text.length && !/[\s,\]}]/.test(text[pos])) pos++;
    }
  };
  value("");
  return lines;
}

function lineOf(index: Map<string, number> | undefined, path: readonly PropertyKey[]): number | undefined {
  if (!index) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const l = index.get(pathString(path.slice(0, n)));
    if (l !== undefined) return l;
  }
  return undefined;
}

/** Validates an already-parsed day; throws DayFileInvalid listing every problem. */
export function validateDay(raw: unknown, file = "<day>", text?: string): Day {
  const r = daySchema.safeParse(raw);
  if (r.success) return r.data;
  let index: Map<string, number> | undefined;
  try {
    index = text === undefined ? undefined : jsonLineIndex(text);
  } catch {
    index = undefined;
  }
  const errors = r.error.issues.map((i): DayFileError => {
    const path = i.path;
    const subject = subjectOf(raw, path);
    // The subject already names the item, so show only the part of the path inside it.
    const inner = subject ? path.slice(2) : path;
    let message = i.message;
    if (i.code === "unrecognized_keys") message = `${message} (misspelt field?)`;
    if (i.code === "invalid_type" && /received undefined$/.test(message)) {
      message = `missing required field (expected ${i.expected})`;
    }
    return { path: pathString(inner), line: lineOf(index, path), subject, message };
  });
  throw new DayFileInvalid(file, errors);
}

/** Parses and validates day-file text; JSON syntax errors are reported with their line and column. */
export function parseDayFile(text: string, file = "<day>"): Day {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const m = /position (\d+)/.exec(msg);
    let line: number | undefined;
    if (m) {
      const before = text.slice(0, Number(m[1]));
      line = before.split("\n").length;
      const col = Number(m[1]) - before.lastIndexOf("\n");
      throw new DayFileInvalid(file, [
        { path: "", line, message: `invalid JSON at column ${col}: ${msg.replace(/\s*\(line \d+ column \d+\)/, "")}` },
      ]);
    }
    // Truncated input has no position; the problem is at the end of the file.
    const end = /end of JSON/i.test(msg) ? text.trimEnd().split("\n").length : undefined;
    throw new DayFileInvalid(file, [{ path: "", line: end, message: `invalid JSON: ${msg}` }]);
  }
  return validateDay(raw, file, text);
}
