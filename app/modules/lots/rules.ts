/**
 * Rules of a traceable lot (one harvest or production batch of one pack): calendar days in Beijing
 * time, the expiry after production, the default expiry from the product's shelf life, lot codes and
 * the certificate numbers kept on the lot. Pure: no database, no Request; used by the form schema
 * (browser and server), lots.server.ts and the label.
 */

/** A calendar day, "YYYY-MM-DD", always meant in Asia/Shanghai (the date printed on a label). */
export type Day = string;

const DAY_MS = 86_400_000;
/** Asia/Shanghai is UTC+8 all year (no daylight saving time). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
/**
 * The hour of the day a lot's dates are stored at (Beijing time). Noon, so that the stored instant
 * falls on the same calendar day in any time zone from UTC−11 to UTC+11: a date never slips by a day
 * when something formats it in another zone.
 */
const STORED_HOUR = 12;

/** Earliest production date accepted (older lots are typing mistakes, not stock). */
export const EARLIEST_DAY: Day = "2000-01-01";
/** Longest expiry accepted after production: ten years (dried goods and tea keep, but not longer). */
export const MAX_SHELF_DAYS = 3_660;
/** A lot expiring within this many days is "expiring soon" in the seller's list and on the dashboard. */
export const EXPIRING_SOON_DAYS = 7;
/** Longest lot code. */
export const MAX_CODE_LENGTH = 40;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when the text is a real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isDay(text: string): text is Day {
  const m = DAY_PATTERN.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Days since 1970-01-01 for a calendar day (for day arithmetic without time zones). */
function dayNumber(day: Day): number {
  const m = DAY_PATTERN.exec(day);
  if (!m) throw new RangeError(`not a day: ${day}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

function fromDayNumber(n: number): Day {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar day `days` after `day` (negative: before). */
export function addDaysToDay(day: Day, days: number): Day {
  return fromDayNumber(dayNumber(day) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: Day, to: Day): number {
  return dayNumber(to) - dayNumber(from);
}

/** The Beijing-time calendar day of an instant. */
export function dayOf(instant: Date | string): Day {
  return new Date(new Date(instant).getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a lot date is stored as: noon Beijing time of the day (see STORED_HOUR). */
export function dayToInstant(day: Day): Date {
  return new Date(dayNumber(day) * DAY_MS + STORED_HOUR * 3_600_000 - SHANGHAI_OFFSET_MS);
}

/** The first instant of a Beijing-time day (for "expired before today" queries). */
export function startOfDay(day: Day): Date {
  return new Date(dayNumber(day) * DAY_MS - SHANGHAI_OFFSET_MS);
}

/** The default 保质期至 of a lot: production day plus the product's shelf life in days. */
export function defaultExpiry(producedOn: Day, shelfLifeDays: number): Day {
  if (!Number.isInteger(shelfLifeDays) || shelfLifeDays < 1) throw new RangeError(`shelf life must be a positive whole number of days, got ${shelfLifeDays}`);
  return addDaysToDay(producedOn, Math.min(shelfLifeDays, MAX_SHELF_DAYS));
}

/** What is wrong with a pair of lot dates, as the field it belongs to and a catalogue key; null when they are fine. */
export type DateProblem =
  | { field: "producedOn"; key: "lots.error.producedInvalid" | "lots.error.producedFuture" | "lots.error.producedTooOld" }
  | { field: "expiresOn"; key: "lots.error.expiresInvalid" | "lots.error.expiryNotAfterProduction" | "lots.error.expiryTooFar" };

/**
 * Checks a lot's dates: a real production day, not in the future (a lot is a batch that exists; one
 * day of slack for a harvest entered the evening before by a phone in another zone), not before 2000;
 * the expiry strictly after the production day ("保质期至必须晚于生产日期") and at most ten years on.
 */
export function checkLotDates(producedOn: string, expiresOn: string, today: Day): DateProblem | null {
  if (!isDay(producedOn)) return { field: "producedOn", key: "lots.error.producedInvalid" };
  if (daysBetween(today, producedOn) > 1) return { field: "producedOn", key: "lots.error.producedFuture" };
  if (daysBetween(EARLIEST_DAY, producedOn) < 0) return { field: "producedOn", key: "lots.error.producedTooOld" };
  if (!isDay(expiresOn)) return { field: "expiresOn", key: "lots.error.expiresInvalid" };
  if (daysBetween(producedOn, expiresOn) <= 0) return { field: "expiresOn", key: "lots.error.expiryNotAfterProduction" };
  if (daysBetween(producedOn, expiresOn) > MAX_SHELF_DAYS) return { field: "expiresOn", key: "lots.error.expiryTooFar" };
  return null;
}

/** Where a lot stands on a day: past its expiry, within EXPIRING_SOON_DAYS of it, or fine. */
export type ExpiryState = "expired" | "soon" | "ok";

/** A lot is good through its expiry day; expired from the day after. */
export function expiryState(expiresOn: Day, today: Day): ExpiryState {
  const left = daysBetween(today, expiresOn);
  if (left < 0) return "expired";
  return left <= EXPIRING_SOON_DAYS ? "soon" : "ok";
}

// ---------------------------------------------------------------------------------------------
// Lot codes

/**
 * A lot code as printed on the label: letters, digits and hyphens (no spaces, so it reads the same
 * in a spreadsheet and over the phone), starting with a letter or digit, at most 40 characters.
 */
export const LOT_CODE = /^[A-Z0-9][A-Z0-9-]*$/;

/** The code as stored: trimmed, upper case, full-width characters (typed on a Chinese keyboard) made half-width. */
export function normalizeLotCode(text: string): string {
  return text
    .trim()
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .toUpperCase();
}

/** True when the (normalized) code is one a lot may carry. */
export function isLotCode(code: string): boolean {
  return code.length >= 1 && code.length <= MAX_CODE_LENGTH && LOT_CODE.test(code);
}

/** "20261130" for 2026-11-30. */
export function compactDay(day: Day): string {
  return day.replaceAll("-", "");
}

/**
 * The code suggested for a new lot: `<YYYYMMDD>-<n>` of its production day, n the next number after
 * the highest already used with that prefix among `existingCodes` (the seller's codes, so it is
 * unique per pack as the schema requires, and across the seller's packs as a bonus).
 */
export function suggestLotCode(producedOn: Day, existingCodes: readonly string[]): string {
  const prefix = `${compactDay(producedOn)}-`;
  let highest = 0;
  for (const code of existingCodes) {
    if (!code.startsWith(prefix)) continue;
    const n = Number(code.slice(prefix.length));
    if (Number.isInteger(n) && n > highest) highest = n;
  }
  return `${prefix}${highest + 1}`;
}

// ---------------------------------------------------------------------------------------------
// Certificates recorded on the lot (numbers; the scanned documents are attachments)

/** The certificate kinds a lot records a number for (the same spellings as the seed; see catalog/certificates.ts). */
export const CERTIFICATE_KINDS = ["green_food", "organic", "geo_indication", "sc_licence"] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

/** A certificate number as people write them: letters, digits, hyphens, slashes, dots, brackets and spaces; 3–60 characters. */
export const CERTIFICATE_NUMBER = /^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff ./()（）\-]{2,59}$/;

/** Form field name of a certificate kind's number. */
export function certificateField(kind: CertificateKind): `cert_${CertificateKind}` {
  return `cert_${kind}`;
}

/** The certificates to store from the numbers typed (empty numbers are no certificate), in CERTIFICATE_KINDS order. */
export function certificatesFromNumbers(numbers: Partial<Record<CertificateKind, string>>): { kind: CertificateKind; number: string }[] {
  const out: { kind: CertificateKind; number: string }[] = [];
  for (const kind of CERTIFICATE_KINDS) {
    const number = numbers[kind]?.trim();
    if (number) out.push({ kind, number });
  }
  return out;
}

/** Numbers per kind of stored certificates (for filling the form); aliases of the same kinds are read too. */
export function numbersFromCertificates(certificates: readonly { kind: string; number?: string }[]): Partial<Record<CertificateKind, string>> {
  const alias: Record<string, CertificateKind> = { geographical_indication: "geo_indication", gi: "geo_indication", sc: "sc_licence", sc_license: "sc_licence" };
  const out: Partial<Record<CertificateKind, string>> = {};
  for (const c of certificates) {
    const kind = (CERTIFICATE_KINDS as readonly string[]).includes(c.kind) ? (c.kind as CertificateKind) : alias[c.kind];
    if (kind && c.number && !out[kind]) out[kind] = c.number;
  }
  return out;
}

/** Largest number of packs in one lot. */
export const MAX_LOT_QUANTITY = 10_000_000;
