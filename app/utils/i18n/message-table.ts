/**
 * Where translate() finds its text. On the server, in tests and scripts: the whole catalogue. The browser
 * build swaps this module for message-table.browser.ts (vite.config.ts), which holds only the page's language,
 * so a visitor downloads one language's strings, not both.
 */
import type { Locale } from "./locale";
import { messages } from "./messages";

const catalogue = messages as Record<string, Record<Locale, string>>;

/** The text of a catalogue key in a locale, or undefined when the key is unknown. */
export function lookupMessage(locale: Locale, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(catalogue, key) ? catalogue[key][locale] : undefined;
}
