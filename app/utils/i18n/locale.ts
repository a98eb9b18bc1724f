/** The interface languages: Simplified Chinese (default) and English. */
export const LOCALES = ["zh", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh";

/** Narrows any value to a supported locale, or undefined. */
export function parseLocale(value: unknown): Locale | undefined {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value) ? (value as Locale) : undefined;
}

/** The value for `<html lang>`. */
export function htmlLang(locale: Locale): string {
  return locale === "zh" ? "zh-CN" : "en";
}
