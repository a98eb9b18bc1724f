/**
 * Unit parsing for day files. Internally the planner uses grams, cm³, metres and seconds; a day
 * file may say "1.5 t", "300 斤", "400 L", "2 km" or "1h30min". Every parser throws UnitError
 * whose message the caller prefixes with the place (stop, line) it came from.
 */

/** A unit problem in one value; the message says what was wrong and what is accepted. */
export class UnitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnitError";
  }
}

/** Grams per unit. 斤 is the market jin of 500 g, 两 a tenth of it. */
export const WEIGHT_UNITS: Readonly<Record<string, number>> = {
  g: 1,
  克: 1,
  kg: 1000,
  公斤: 1000,
  千克: 1000,
  t: 1_000_000,
  吨: 1_000_000,
  斤: 500,
  两: 50,
};

/** Cubic centimetres per unit. */
export const VOLUME_UNITS: Readonly<Record<string, number>> = {
  cm3: 1,
  "cm³": 1,
  ml: 1,
  mL: 1,
  L: 1000,
  l: 1000,
  升: 1000,
  m3: 1_000_000,
  "m³": 1_000_000,
  立方米: 1_000_000,
  方: 1_000_000,
};

/** Metres per unit. */
export const LENGTH_UNITS: Readonly<Record<string, number>> = {
  m: 1,
  米: 1,
  km: 1000,
  公里: 1000,
};

/** A quantity as written in a day file: "120 kg" or { "value": 120, "unit": "kg" }. */
export type QuantityInput = string | { value: number; unit: string };

const QTY_RE = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(\S+?)\s*$/;

function parseQuantity(input: QuantityInput, kind: string, table: Readonly<Record<string, number>>): number {
  let value: number;
  let unit: string;
  if (typeof input === "string") {
    const m = QTY_RE.exec(input);
    if (!m) {
      throw new UnitError(`cannot read ${kind} "${input}": write a number and a unit, e.g. "${example(kind)}"`);
    }
    value = Number(m[1]);
    unit = m[2];
  } else {
    value = input.value;
    unit = input.unit.trim();
  }
  const factor = table[unit];
  if (factor === undefined) {
    throw new UnitError(`unknown ${kind} unit "${unit}" (accepted: ${Object.keys(table).join(", ")})`);
  }
  if (!Number.isFinite(value) || value < 0) {
    throw new UnitError(`${kind} must be a non-negative number, got ${value}`);
  }
  return value * factor;
}

function example(kind: string): string {
  return kind === "weight" ? "120 kg" : kind === "volume" ? "0.4 m3" : kind === "length" ? "2 km" : "4h";
}

/** Parses a weight into grams. */
export function parseWeight(input: QuantityInput): number {
  return parseQuantity(input, "weight", WEIGHT_UNITS);
}

/** Parses a volume into cm³. */
export function parseVolume(input: QuantityInput): number {
  return parseQuantity(input, "volume", VOLUME_UNITS);
}

/** Parses a length into metres. */
export function parseLength(input: QuantityInput): number {
  return parseQuantity(input, "length", LENGTH_UNITS);
}

const DUR_PART = /(\d+(?:\.\d+)?)\s*(h|min|s)/g;

/** Parses a duration such as "4h", "90min", "1h30min", "45s" or "1.5s" into seconds. */
export function parseDuration(input: string): number {
  const compact = input.trim();
  if (compact === "") throw new UnitError(`empty duration (write e.g. "4h", "90min", "1h30min", "30s")`);
  let total = 0;
  let consumed = "";
  for (const m of compact.matchAll(DUR_PART)) {
    total += Number(m[1]) * (m[2] === "h" ? 3600 : m[2] === "min" ? 60 : 1);
    consumed += m[0];
  }
  if (consumed.replace(/\s+/g, "") !== compact.replace(/\s+/g, "")) {
    throw new UnitError(`cannot read duration "${input}" (write e.g. "4h", "90min", "1h30min", "30s")`);
  }
  return total;
}

const HHMM = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** Parses local clock time "HH:MM" (or "24:00") into seconds since midnight. */
export function parseClock(input: string): number {
  if (input === "24:00") return 86_400;
  const m = HHMM.exec(input.trim());
  if (!m) throw new UnitError(`cannot read time "${input}" (write 24-hour "HH:MM", e.g. "06:30")`);
  return Number(m[1]) * 3600 + Number(m[2]) * 60;
}

/** Formats seconds since midnight as "HH:MM" (rounded to the minute; past midnight as "+1 HH:MM"). */
export function formatClock(seconds: number): string {
  const total = Math.round(seconds / 60);
  const day = Math.floor(total / 1440);
  const mins = total - day * 1440;
  const s = `${String(Math.floor(mins / 60)).padStart(2, "0")}:${String(mins % 60).padStart(2, "0")}`;
  return day === 0 ? s : `${day > 0 ? "+" : ""}${day} ${s}`;
}
