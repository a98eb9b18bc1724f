import type { Locale } from "./locale";
import { lookupMessage } from "./message-table";
import type { MessageKey } from "./messages";

export type MessageParams = Record<string, string | number>;
/** A translation function bound to one locale. */
export type T = (key: MessageKey, params?: MessageParams) => string;

/** Translates one catalogue key, filling {placeholders}; a missing parameter is left visible rather than hidden. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  // A key that is not in the catalogue shows as itself (never in practice: MessageKey is checked at compile time).
  const text = lookupMessage(locale, key) ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Returns `t` for a locale, usable in loaders, actions and components alike. */
export function translator(locale: Locale): T {
  return (key, params) => translate(locale, key, params);
}

/** True when the string is a catalogue key (zod issue messages carry keys, see app/modules/auth/schemas.ts). */
export function isMessageKey(value: string): value is MessageKey {
  return lookupMessage("zh", value) !== undefined;
}
