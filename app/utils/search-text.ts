import { stripForbiddenCharacters } from "./forms";

/**
 * A search box's text made safe to use: forbidden characters (NUL, controls, invalid UTF-8)
 * dropped, runs of white space (full-width spaces too) folded, trimmed, cut to `max` characters
 * (whole code points, so an emoji is never split).
 */
export function cleanSearchText(value: string | null | undefined, max = 50): string {
  if (!value) return "";
  const folded = stripForbiddenCharacters(value).replace(/[\s\u3000]+/g, " ").trim();
  return Array.from(folded).slice(0, max).join("").trim();
}

/** Escapes LIKE/ILIKE wildcards so `%` and `_` in a search match themselves (PostgreSQL's default escape is the backslash). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
