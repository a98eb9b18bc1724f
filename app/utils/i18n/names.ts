import type { Locale } from "./locale";

/** The name to lead with for the locale, and the other one to show smaller (Chinese names always stay visible). */
export function bilingualName(zh: string, en: string | null | undefined, locale: Locale): { primary: string; secondary?: string } {
  if (locale === "en" && en) return { primary: en, secondary: zh };
  return { primary: zh, secondary: en && locale === "zh" ? en : undefined };
}

/** An organization name in the locale: English when recorded and asked for, else the Chinese name. */
export function orgName(name: string, nameEn: string | null | undefined, locale: Locale): string {
  return locale === "en" && nameEn ? nameEn : name;
}

/** A place's name (warehouse, delivery point, consolidation point) in the locale, as orgName does for organizations. */
export const placeName = orgName;

/** The row with its `name` replaced by the name to show in the locale (for loaders whose pages print `name`). */
export function withPlaceName<S extends { name: string; nameEn: string }>(row: S, locale: Locale): S {
  return { ...row, name: placeName(row.name, row.nameEn, locale) };
}
