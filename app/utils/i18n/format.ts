import type { Locale } from "./locale";

/** The IANA time zone every date in the product is shown in: buyers, sellers and warehouses all keep Beijing time. */
export const TIME_ZONE = "Asia/Shanghai";

const GRAMS_PER_JIN = 500;

/** BCP 47 tag for Intl; British English keeps day-month order, which reads naturally next to Chinese dates. */
export function intlTag(locale: Locale): string {
  return locale === "zh" ? "zh-CN" : "en-GB";
}

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: Locale, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `n:${locale}:${key}`;
  let f = cache.get(id) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(intlTag(locale), options);
    cache.set(id, f);
  }
  return f;
}

function dateFormat(locale: Locale, key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `d:${locale}:${key}`;
  let f = cache.get(id) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(intlTag(locale), { timeZone: TIME_ZONE, ...options });
    cache.set(id, f);
  }
  return f;
}

/** Formats an integer amount of fen as yuan, e.g. 1250 → "¥12.50" (the same symbol in both locales). */
export function formatFen(fen: number, locale: Locale): string {
  if (!Number.isInteger(fen)) throw new RangeError(`money must be integer fen, got ${fen}`);
  return numberFormat(locale, "cny", { style: "currency", currency: "CNY", currencyDisplay: "narrowSymbol" }).format(fen / 100);
}

/** Formats a plain number with grouping for the locale (counts, capacities). */
export function formatNumber(value: number, locale: Locale, maximumFractionDigits = 0): string {
  return numberFormat(locale, `num${maximumFractionDigits}`, { maximumFractionDigits }).format(value);
}

/**
 * Formats integer grams for people: under 1 kg in grams ("500 克" / "500 g"), otherwise kilograms with
 * at most two decimals ("2.5 公斤" / "2.5 kg"); tonnes from 10 t up for vehicle payloads and cold rooms.
 */
export function formatWeight(grams: number, locale: Locale): string {
  const abs = Math.abs(grams);
  if (abs < 1000) return `${formatNumber(grams, locale)} ${locale === "zh" ? "克" : "g"}`;
  if (abs >= 10_000_000) return `${formatNumber(grams / 1_000_000, locale, 1)} ${locale === "zh" ? "吨" : "t"}`;
  return `${formatNumber(grams / 1000, locale, 2)} ${locale === "zh" ? "公斤" : "kg"}`;
}

/** Formats integer grams in 斤 (500 g), the unit Chinese markets quote produce in, e.g. 2500 → "5 斤". */
export function formatJin(grams: number, locale: Locale): string {
  return `${formatNumber(grams / GRAMS_PER_JIN, locale, 2)} ${locale === "zh" ? "斤" : "jin"}`;
}

/** Formats a volume in litres ("1,200 升" / "1,200 L"). */
export function formatLitres(litres: number, locale: Locale): string {
  return `${formatNumber(litres, locale)} ${locale === "zh" ? "升" : "L"}`;
}

/** A calendar date in Beijing time, e.g. "2026年11月29日" / "29 Nov 2026". */
export function formatDate(date: Date | string, locale: Locale): string {
  return dateFormat(locale, "date", { dateStyle: "medium" }).format(new Date(date));
}

/** Date and time in Beijing time, e.g. "2026年11月29日 14:08" / "29 Nov 2026, 14:08". */
export function formatDateTime(date: Date | string, locale: Locale): string {
  return dateFormat(locale, "datetime", { dateStyle: "medium", timeStyle: "short", hourCycle: "h23" }).format(new Date(date));
}

/** Time of day in Beijing time, 24-hour, e.g. "08:30". */
export function formatTime(date: Date | string, locale: Locale): string {
  return dateFormat(locale, "time", { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(date));
}

/** A time window within one day, date once: "11月29日周日 08:00–10:00" / "Sun 29 Nov 08:00–10:00". */
export function formatTimeRange(start: Date | string, end: Date | string, locale: Locale): string {
  const day = dateFormat(locale, "dayShort", { month: "short", day: "numeric", weekday: "short" }).format(new Date(start));
  return `${day} ${formatTime(start, locale)}–${formatTime(end, locale)}`;
}
