/**
 * The browser's message table: one language's strings, installed by entry.client before hydration from the
 * virtual module `virtual:huming-messages/<locale>` (generated from the catalogue by vite.config.ts). The language
 * never changes without a full page load (the switch posts with reloadDocument), so one table is enough — except for
 * the error page's lines shown in both languages, which the table carries for the other language as `<locale>:<key>`.
 */
import type { Locale } from "./locale";

const table: Record<string, string> = {};

/** Installs the page's language table (entry.client, before hydrating). */
export function installMessages(messages: Record<string, string>): void {
  Object.assign(table, messages);
}

/** The text of a catalogue key in the installed language, or undefined when the key is unknown. */
export function lookupMessage(locale: Locale, key: string): string | undefined {
  const other = `${locale}:${key}`;
  if (Object.prototype.hasOwnProperty.call(table, other)) return table[other];
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
