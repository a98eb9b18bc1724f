/** A page of results with what the pager needs. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pages: number;
}

/** Reads a 1-based page number from a query value; anything odd means page 1. */
export function parsePage(value: string | null | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

/** Number of pages for a total (at least 1, so "page 1 of 1" shows for empty lists). */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** Lenient UUID shape check so a malformed id in a URL is a 404, not a database error. */
export function isUuid(value: string | undefined): value is string {
  return typeof value === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
