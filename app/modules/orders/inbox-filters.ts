/**
 * The query strings of the seller's order inbox and the operator's order list, read leniently: an odd value
 * (a mistyped date, an unknown status) falls back to "no filter" and is reported, so a shared link never
 * becomes an error page. Pure: no database.
 */
import { isDay, type Day } from "~/modules/lots/rules";
import { SHANGHAI_DISTRICTS, type ShanghaiDistrict } from "./districts";
import { ORDER_STATUSES, SELLER_ORDER_STATES, type OrderStatus, type SellerOrderState } from "./state-machine";
import { isUuid, parsePage } from "~/utils/pagination";

/** "open": what still needs the seller (placed: confirm; confirmed: weigh and pack). */
export const INBOX_STATUS_FILTERS = ["open", "all", ...SELLER_ORDER_STATES] as const;
export type InboxStatusFilter = (typeof INBOX_STATUS_FILTERS)[number];
export const OPEN_SELLER_STATES: readonly SellerOrderState[] = ["placed", "confirmed"];

/** Longest search text kept (a buyer name or an order number). */
export const MAX_SEARCH_LENGTH = 60;

export interface InboxFilters {
  status: InboxStatusFilter;
  /** Beijing delivery day, YYYY-MM-DD. */
  date: Day | null;
  /** Part of the buyer's name (Chinese or English). */
  buyer: string;
  page: number;
}

export interface OpsFilters {
  /** Part of an order number or of the buyer's name. */
  q: string;
  status: OrderStatus | null;
  date: Day | null;
  district: ShanghaiDistrict | null;
  warehouseId: string | null;
  page: number;
}

/** Names of the query fields whose value was ignored (shown as a hint beside the filters). */
export type Ignored<T> = (keyof T & string)[];

function text(value: string | null): string {
  return (value ?? "").trim().replace(/\s+/g, " ").slice(0, MAX_SEARCH_LENGTH);
}

function day(value: string | null): Day | null | undefined {
  const v = (value ?? "").trim();
  if (v === "") return null;
  return isDay(v) ? v : undefined;
}

/** The seller inbox's filters from its URL. */
export function parseInboxFilters(params: URLSearchParams): { filters: InboxFilters; ignored: Ignored<InboxFilters> } {
  const ignored: Ignored<InboxFilters> = [];
  const rawStatus = params.get("status")?.trim() || "open";
  const status = (INBOX_STATUS_FILTERS as readonly string[]).includes(rawStatus) ? (rawStatus as InboxStatusFilter) : (ignored.push("status"), "open");
  const d = day(params.get("date"));
  if (d === undefined) ignored.push("date");
  return { filters: { status, date: d ?? null, buyer: text(params.get("buyer")), page: parsePage(params.get("page")) }, ignored };
}

/** The operator list's filters from its URL. */
export function parseOpsFilters(params: URLSearchParams): { filters: OpsFilters; ignored: Ignored<OpsFilters> } {
  const ignored: Ignored<OpsFilters> = [];
  const rawStatus = params.get("status")?.trim() || "";
  let status: OrderStatus | null = null;
  if (rawStatus !== "") {
    if ((ORDER_STATUSES as readonly string[]).includes(rawStatus)) status = rawStatus as OrderStatus;
    else ignored.push("status");
  }
  const d = day(params.get("date"));
  if (d === undefined) ignored.push("date");
  const rawDistrict = params.get("district")?.trim() || "";
  let district: ShanghaiDistrict | null = null;
  if (rawDistrict !== "") {
    if ((SHANGHAI_DISTRICTS as readonly string[]).includes(rawDistrict)) district = rawDistrict as ShanghaiDistrict;
    else ignored.push("district");
  }
  const rawWarehouse = params.get("warehouse")?.trim() || "";
  let warehouseId: string | null = null;
  if (rawWarehouse !== "") {
    if (isUuid(rawWarehouse)) warehouseId = rawWarehouse.toLowerCase();
    else ignored.push("warehouseId");
  }
  return { filters: { q: text(params.get("q")), status, date: d ?? null, district, warehouseId, page: parsePage(params.get("page")) }, ignored };
}

/** The query string of filters (defaults left out), for links, the pager and the packing list. */
export function filtersQuery(values: Record<string, string | number | null | undefined>, defaults: Record<string, string | number> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined || value === "" || defaults[key] === value) continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}
