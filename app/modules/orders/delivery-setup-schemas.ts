// The forms of delivery points, delivery slots and contract prices, written once: the routes parse posts with
// them and useClientValidation runs them in the browser (zod/mini keeps that bundle small). Issue messages are
// catalogue keys. The rules themselves live in the pure modules: cutoff.ts (slots), districts.ts (districts,
// Shanghai's extent), pricing/contracts.ts (contract prices); these schemas only read typed text into them.
import * as z from "zod/mini";
import { normalizePhone } from "~/modules/auth/phone";
import { normaliseInput, parseDecimal } from "~/modules/catalog/packs";
import { parseYuan } from "~/modules/catalog/tiers";
import { isDay, type Day } from "~/modules/lots/rules";
import { validateContract, type ContractIssue } from "~/modules/pricing/contracts";
import type { WeightByTemp } from "./cart-rules";
import { formatTimeOfDay, MAX_CUTOFF_DAYS_BEFORE, MAX_SLOT_CAPACITY_GRAMS, parseTimeOfDay, resolveSlot, type SlotSpec, type SlotSpecIssue, type SlotTimes } from "./cutoff";
import { isShanghaiDistrict, SHANGHAI_BOUNDS, type ShanghaiDistrict } from "./districts";
import type { MessageKey } from "~/utils/i18n/messages";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const text = z.optional(z.string());
type Fail = (field: string, key: MessageKey) => void;
const clean = (s: string | undefined) => normaliseInput(s ?? "");

function failer(ctx: { issues: unknown[] }, v: Record<string, unknown>): Fail {
  return (field, key) => (ctx.issues as { code: "custom"; message: string; input: unknown; path: string[] }[]).push({ code: "custom", message: key, input: v[field], path: [field] });
}

function uuidField(v: Record<string, string | undefined>, field: string, fail: Fail, key: MessageKey): string {
  const id = clean(v[field]);
  if (!UUID.test(id)) fail(field, key);
  return id.toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Delivery points

/** Longest name, address and contact typed into a delivery point. */
export const POINT_LIMITS = { name: 60, nameEn: 80, address: 200, contactName: 40 } as const;

/** A delivery point as the buyer's form gives it, normalised. */
export interface DeliveryPointInput {
  name: string;
  nameEn: string;
  district: ShanghaiDistrict;
  address: string;
  lat: number;
  lng: number;
  /** "HH:MM", Beijing time. */
  receivingFrom: string;
  receivingTo: string;
  contactName: string;
  /** 11 bare digits. */
  contactPhone: string;
}

/** A coordinate typed in decimal degrees ("31.2989", "121.5015"), or null for anything else. */
export function parseDegrees(raw: string): number | null {
  const t = normaliseInput(raw).replace(/[°度]$/, "").trim();
  if (!/^[+-]?\d{1,3}(\.\d{1,15})?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

function readTime(v: Record<string, string | undefined>, field: string, fail: Fail): number | null {
  const raw = clean(v[field]);
  if (!raw) {
    fail(field, "validation.required");
    return null;
  }
  const minutes = parseTimeOfDay(raw);
  if (minutes === null) fail(field, "deliverySetup.error.time");
  return minutes;
}

const pointShape = { name: text, nameEn: text, district: text, address: text, lat: text, lng: text, receivingFrom: text, receivingTo: text, contactName: text, contactPhone: text };

/** The add / edit form of a delivery point (other fields of the post, such as intent or id, are ignored). */
export const deliveryPointSchema = z.pipe(
  z.object(pointShape),
  z.transform((v, ctx): DeliveryPointInput => {
    const fail = failer(ctx, v);
    const strings = { name: clean(v.name), nameEn: clean(v.nameEn), address: clean(v.address), contactName: clean(v.contactName) };
    for (const field of ["name", "address", "contactName"] as const) if (!strings[field]) fail(field, "validation.required");
    for (const [field, max] of Object.entries(POINT_LIMITS)) if (strings[field as keyof typeof strings].length > max) fail(field, "validation.tooLong");
    const district = clean(v.district);
    if (!isShanghaiDistrict(district)) fail("district", "deliverySetup.error.district");

    const lat = parseDegrees(v.lat ?? "");
    const lng = parseDegrees(v.lng ?? "");
    if (!clean(v.lat)) fail("lat", "validation.required");
    else if (lat === null) fail("lat", "deliverySetup.error.degrees");
    else if (lat < SHANGHAI_BOUNDS.minLat || lat > SHANGHAI_BOUNDS.maxLat) fail("lat", "deliverySetup.error.latOutside");
    if (!clean(v.lng)) fail("lng", "validation.required");
    else if (lng === null) fail("lng", "deliverySetup.error.degrees");
    else if (lng < SHANGHAI_BOUNDS.minLng || lng > SHANGHAI_BOUNDS.maxLng) fail("lng", "deliverySetup.error.lngOutside");

    const from = readTime(v, "receivingFrom", fail);
    const to = readTime(v, "receivingTo", fail);
    if (from !== null && to !== null && to <= from) fail("receivingTo", "deliverySetup.error.hoursOrder");

    const phoneRaw = clean(v.contactPhone);
    const phone = phoneRaw ? normalizePhone(phoneRaw) : undefined;
    if (!phoneRaw) fail("contactPhone", "validation.required");
    else if (!phone) fail("contactPhone", "validation.phone");

    return {
      ...strings,
      district: district as ShanghaiDistrict,
      lat: lat ?? 0,
      lng: lng ?? 0,
      receivingFrom: from === null ? "" : formatTimeOfDay(from),
      receivingTo: to === null ? "" : formatTimeOfDay(to),
      contactPhone: phone ?? "",
    };
  }),
);

/** The archive button of a delivery point. */
export const pointIdSchema = z.pipe(
  z.object({ pointId: text }),
  z.transform((v, ctx) => ({ pointId: uuidField(v, "pointId", failer(ctx, v), "deliverySetup.error.point") })),
);

// ---------------------------------------------------------------------------------------------
// Delivery slots

/** Reads a capacity typed in kilograms ("2000", "1,500.5", blank = 0) as whole grams, or null when it is not one. */
export function parseCapacityKg(raw: string): number | null {
  const t = normaliseInput(raw).toLowerCase().replace(/\s*(kg|公斤|千克)$/, "");
  if (t === "") return 0;
  const dec = parseDecimal(t);
  if (!dec || dec.scale > 3) return null;
  const grams = (dec.digits * 1000n) / 10n ** BigInt(dec.scale);
  return grams <= BigInt(MAX_SLOT_CAPACITY_GRAMS) ? Number(grams) : null;
}

/** Capacity in grams as it goes back into a kilogram input: 2_000_000 → "2000", 1_500_500 → "1500.5". */
export function kgForInput(grams: number): string {
  return (grams / 1000).toFixed(3).replace(/\.?0+$/, "");
}

const CAPACITY_FIELDS = { ambient: "capacityAmbient", chilled: "capacityChilled", frozen: "capacityFrozen" } as const;

function readCapacity(v: Record<string, string | undefined>, fail: Fail): WeightByTemp | null {
  const out: WeightByTemp = { ambient: 0, chilled: 0, frozen: 0 };
  let ok = true;
  for (const [cls, field] of Object.entries(CAPACITY_FIELDS) as [keyof WeightByTemp, string][]) {
    const grams = parseCapacityKg(v[field] ?? "");
    if (grams === null) {
      fail(field, "deliverySetup.error.capacity");
      ok = false;
    } else out[cls] = grams;
  }
  return ok ? out : null;
}

/** The message of each of resolveSlot's issues. */
export const SLOT_ISSUE_MESSAGE: Record<SlotSpecIssue["code"], MessageKey> = {
  day_invalid: "deliverySetup.slotIssue.day_invalid",
  time_invalid: "deliverySetup.slotIssue.time_invalid",
  window_empty: "deliverySetup.slotIssue.window_empty",
  window_crosses_midnight: "deliverySetup.slotIssue.window_crosses_midnight",
  days_before_invalid: "deliverySetup.slotIssue.days_before_invalid",
  cutoff_not_before_window: "deliverySetup.slotIssue.cutoff_not_before_window",
  cutoff_passed: "deliverySetup.slotIssue.cutoff_passed",
  capacity_invalid: "deliverySetup.slotIssue.capacity_invalid",
  capacity_required: "deliverySetup.slotIssue.capacity_required",
};

/** Where each of resolveSlot's issues shows on the form. */
export const SLOT_FIELD: Record<SlotSpecIssue["field"], string> = { date: "date", windowStart: "windowStart", windowEnd: "windowEnd", "cutoff.daysBefore": "cutoffDaysBefore", "cutoff.time": "cutoffTime", capacityGrams: "capacity" };

/** A new slot as the operator's form gives it: the typed rule, and the instants resolveSlot made of it. */
export interface SlotFormData {
  warehouseId: string;
  district: ShanghaiDistrict;
  spec: SlotSpec;
  times: SlotTimes;
  capacityGrams: WeightByTemp;
}

const slotShape = {
  warehouseId: text,
  district: text,
  date: text,
  windowStart: text,
  windowEnd: text,
  cutoffDaysBefore: text,
  cutoffTime: text,
  capacityAmbient: text,
  capacityChilled: text,
  capacityFrozen: text,
};

/**
 * The new-slot form. The cut-off being already past is checked by the server (slots.server.ts passes its
 * clock to resolveSlot); everything else is decided here, in the browser too.
 */
export const slotSchema = z.pipe(
  z.object(slotShape),
  z.transform((v, ctx): SlotFormData => {
    const fail = failer(ctx, v);
    const warehouseId = uuidField(v, "warehouseId", fail, "deliverySetup.error.warehouse");
    const district = clean(v.district);
    if (!isShanghaiDistrict(district)) fail("district", "deliverySetup.error.district");
    const daysRaw = clean(v.cutoffDaysBefore);
    const daysBefore = /^\d{1,2}$/.test(daysRaw) ? Number(daysRaw) : Number.NaN;
    const capacity = readCapacity(v, fail);
    const spec: SlotSpec = {
      date: clean(v.date),
      windowStart: clean(v.windowStart),
      windowEnd: clean(v.windowEnd),
      cutoff: { daysBefore, time: clean(v.cutoffTime) },
      capacityGrams: capacity ?? {},
    };
    const resolved = resolveSlot(spec);
    if (!resolved.ok) {
      for (const issue of resolved.issues) {
        if (issue.field === "capacityGrams" && !capacity) continue; // already reported per field
        fail(SLOT_FIELD[issue.field], SLOT_ISSUE_MESSAGE[issue.code]);
      }
      return { warehouseId, district: district as ShanghaiDistrict, spec, times: { startsAt: new Date(0), endsAt: new Date(0), cutoffAt: new Date(0) }, capacityGrams: { ambient: 0, chilled: 0, frozen: 0 } };
    }
    return { warehouseId, district: district as ShanghaiDistrict, spec, times: resolved.times, capacityGrams: resolved.capacityGrams };
  }),
);

/** The capacity edit of one slot: at least one temperature class carried. */
export const slotCapacitySchema = z.pipe(
  z.object({ slotId: text, capacityAmbient: text, capacityChilled: text, capacityFrozen: text }),
  z.transform((v, ctx) => {
    const fail = failer(ctx, v);
    const slotId = uuidField(v, "slotId", fail, "deliverySetup.error.slot");
    const capacity = readCapacity(v, fail);
    if (capacity && capacity.ambient + capacity.chilled + capacity.frozen === 0) fail("capacity", "deliverySetup.slotIssue.capacity_required");
    return { slotId, capacityGrams: capacity ?? { ambient: 0, chilled: 0, frozen: 0 } };
  }),
);

/** The delete button of a slot. */
export const slotIdSchema = z.pipe(
  z.object({ slotId: text }),
  z.transform((v, ctx) => ({ slotId: uuidField(v, "slotId", failer(ctx, v), "deliverySetup.error.slot") })),
);

export { MAX_CUTOFF_DAYS_BEFORE };

// ---------------------------------------------------------------------------------------------
// Contract prices

/** Longest note on a contract price. */
export const CONTRACT_NOTE_MAX = 200;

/** A contract price as the form gives it. */
export interface ContractFormData {
  /** Only on the operator's form (a seller's own organization otherwise). */
  sellerId?: string;
  buyerId: string;
  variantId: string;
  unitPriceFen: number;
  validFrom: Day;
  validTo: Day | null;
  note: string;
}

const contractShape = { sellerId: text, buyerId: text, variantId: text, price: text, validFrom: text, validTo: text, note: text };

const CONTRACT_FIELD: Record<ContractIssue["field"], string> = { unitPriceFen: "price", validFrom: "validFrom", validTo: "validTo" };
const CONTRACT_ISSUE_MESSAGE: Record<ContractIssue["code"], MessageKey> = {
  price_invalid: "deliverySetup.contractIssue.price_invalid",
  day_invalid: "deliverySetup.contractIssue.day_invalid",
  ends_before_start: "deliverySetup.contractIssue.ends_before_start",
};

/** The new-contract form; `requireSeller` on the operator's page, where the seller is chosen too. */
export function contractSchema(options: { requireSeller: boolean }) {
  return z.pipe(
    z.object(contractShape),
    z.transform((v, ctx): ContractFormData => {
      const fail = failer(ctx, v);
      const sellerId = options.requireSeller ? uuidField(v, "sellerId", fail, "deliverySetup.error.seller") : undefined;
      const buyerId = uuidField(v, "buyerId", fail, "deliverySetup.error.buyer");
      const variantId = uuidField(v, "variantId", fail, "deliverySetup.error.pack");
      const priceRaw = clean(v.price);
      const price = parseYuan(priceRaw);
      if (!price.ok) fail("price", price.key);
      const validFrom = clean(v.validFrom);
      const validTo = clean(v.validTo);
      if (!validFrom) fail("validFrom", "validation.required");
      const note = (v.note ?? "").trim();
      if (note.length > CONTRACT_NOTE_MAX) fail("note", "validation.tooLong");
      const issues = validateContract({ unitPriceFen: price.ok ? price.fen : 1, validFrom: validFrom || "2000-01-01", validTo: validTo || null });
      for (const issue of issues) {
        if (issue.field === "validFrom" && !validFrom) continue;
        fail(CONTRACT_FIELD[issue.field], CONTRACT_ISSUE_MESSAGE[issue.code]);
      }
      return { ...(sellerId !== undefined ? { sellerId } : {}), buyerId, variantId, unitPriceFen: price.ok ? price.fen : 0, validFrom, validTo: validTo || null, note };
    }),
  );
}

/** Ending a running contract early: its new last day (inclusive). */
export const endContractSchema = z.pipe(
  z.object({ contractId: text, endsOn: text }),
  z.transform((v, ctx) => {
    const fail = failer(ctx, v);
    const contractId = uuidField(v, "contractId", fail, "deliverySetup.error.contract");
    const endsOn = clean(v.endsOn);
    if (!isDay(endsOn)) fail("endsOn", "deliverySetup.contractIssue.day_invalid");
    return { contractId, endsOn: endsOn as Day };
  }),
);

/** The delete button of a contract that has not started. */
export const contractIdSchema = z.pipe(
  z.object({ contractId: text }),
  z.transform((v, ctx) => ({ contractId: uuidField(v, "contractId", failer(ctx, v), "deliverySetup.error.contract") })),
);
