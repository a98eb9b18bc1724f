/**
 * The listing editor's form: field names, parsing and validation, shared by the browser (checks before
 * sending on a weak connection) and the server (the authority). Pure: no React, no Prisma.
 *
 * Field names are flat and dotted, so an error lands on its input:
 *   nameZh, nameEn, category, descriptionZh, descriptionEn, originCounty, tempClass, shelfLifeDays,
 *   packs.0.id, packs.0.existing, packs.0.remove, packs.0.unit, packs.0.itemCount, packs.0.itemWeight,
 *   packs.0.netWeight, packs.0.volume, packs.0.variableWeight, packs.0.active, packs.0.minOrder,
 *   packs.0.multiple, packs.0.tiers.1.quantity, packs.0.tiers.1.price,
 *   packs.0.windows.0.from, .to, .perWeek, .note
 *
 * Every pack block carries an id, generated for new blocks before they are first sent, so saving the same
 * form twice (autosave, then the save button; or a retry after a dropped connection) never duplicates a pack.
 * A new block left blank is ignored: the server always renders one spare block to add a pack without JavaScript.
 */
import * as z from "zod/mini";
import type { ProductCategory, TempClass } from "~/generated/prisma/enums";
import type { MessageKey } from "~/utils/i18n/messages";
import { CATEGORIES } from "./categories";
import { isSanmingCounty } from "./counties";
import { cm3ForInput, gramsForInput, isPackUnit, MAX_ITEM_COUNT, normaliseInput, packNetWeight, parseVolumeCm3, parseWeight, type PackUnit } from "./packs";
import { fenForInput, MAX_TIERS, parseQuantity, parseYuan, validateOrderRules, type Tier } from "./tiers";

export const MAX_PACKS = 10;
export const MAX_WINDOWS = 4;
export const MAX_SHELF_LIFE_DAYS = 3650;
export const TEMP_CLASSES: readonly TempClass[] = ["ambient", "chilled", "frozen"];
const MAX_NOTE = 200;
const MAX_NAME_ZH = 100;
const MAX_NAME_EN = 120;
const MAX_DESCRIPTION = 2000;
const MAX_INDEX = 50;

/** A field's error: a catalogue key and its placeholders. */
export interface ListingError {
  key: MessageKey;
  params?: Record<string, string | number>;
}
/** Field name (dotted) → its first error. */
export type ListingErrors = Record<string, ListingError>;

export interface ProductFields {
  nameZh: string;
  nameEn: string;
  category: ProductCategory;
  descriptionZh: string;
  descriptionEn: string;
  originCounty: string;
  tempClass: TempClass;
  shelfLifeDays: number;
}

/** What a pack is: unit, weights, volume. */
export interface PackCore {
  unit: PackUnit;
  itemCount: number;
  itemNetWeightGrams: number;
  netWeightGrams: number;
  volumeCm3: number;
  variableWeight: boolean;
  active: boolean;
}

/** How a pack is sold: minimum, multiple and price tiers (checked together: the tiers depend on the minimum). */
export interface PackRules {
  minOrderQuantity: number;
  orderMultiple: number;
  tiers: Tier[];
}

/** A harvest or production window; dates as YYYY-MM-DD calendar days. */
export interface HarvestWindowInput {
  availableFrom: string;
  availableTo: string;
  expectedPacksPerWeek: number;
  note: string;
}

/**
 * One pack block as read. Parts that did not validate are left out (undefined): a full save refuses the
 * form then, an autosave stores the parts that did validate and keeps the stored values of the rest.
 */
export interface PackData {
  /** Position of the block in the form (its field names use it). */
  index: number;
  id: string;
  /** The block shows a pack that was stored before (the editor says so; blank new blocks are skipped). */
  existing: boolean;
  remove: boolean;
  core?: PackCore;
  rules?: PackRules;
  windows?: HarvestWindowInput[];
}

export interface ListingData {
  product: Partial<ProductFields>;
  packs: PackData[];
}

export type ListingValues = Record<string, string>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Field name of a pack field: pack(0, "unit") → "packs.0.unit". */
export const packField = (pack: number, field: string) => `packs.${pack}.${field}`;
/** Field name of a tier field: tierField(0, 1, "price") → "packs.0.tiers.1.price". */
export const tierField = (pack: number, tier: number, field: "quantity" | "price") => `packs.${pack}.tiers.${tier}.${field}`;
/** Field name of a harvest-window field: "packs.0.windows.0.from". */
export const windowField = (pack: number, w: number, field: "from" | "to" | "perWeek" | "note") => `packs.${pack}.windows.${w}.${field}`;

interface RawPack {
  fields: Record<string, string>;
  tiers: Record<string, string>[];
  windows: Record<string, string>[];
}

/** Groups flat form values into packs, tiers and windows (indices above a sane limit are dropped). */
function groupPacks(values: ListingValues): RawPack[] {
  const packs: RawPack[] = [];
  const at = (i: number) => (packs[i] ??= { fields: {}, tiers: [], windows: [] });
  for (const [name, value] of Object.entries(values)) {
    const nested = /^packs\.(\d{1,2})\.(tiers|windows)\.(\d{1,2})\.(\w+)$/.exec(name);
    if (nested) {
      const [p, list, r] = [Number(nested[1]), nested[2] as "tiers" | "windows", Number(nested[3])];
      if (p > MAX_INDEX || r > MAX_INDEX) continue;
      const rows = at(p)[list];
      (rows[r] ??= {})[nested[4]!] = value;
      continue;
    }
    const flat = /^packs\.(\d{1,2})\.(\w+)$/.exec(name);
    if (flat && Number(flat[1]) <= MAX_INDEX) at(Number(flat[1])).fields[flat[2]!] = value;
  }
  return Array.from(packs, (p) => p ?? { fields: {}, tiers: [], windows: [] }).map((p) => ({
    ...p,
    tiers: Array.from(p.tiers, (t) => t ?? {}),
    windows: Array.from(p.windows, (w) => w ?? {}),
  }));
}

const blank = (v: string | undefined) => (v ?? "").trim() === "";
const checked = (v: string | undefined) => v !== undefined && v !== "" && v !== "0" && v !== "false" && v !== "off";

function parseWholeDays(text: string): number | null {
  const t = normaliseInput(text).replace(/\s*(天|days?|d)$/i, "");
  if (!/^\d{1,5}$/.test(t)) return null;
  const n = Number(t);
  return n >= 1 && n <= MAX_SHELF_LIFE_DAYS ? n : null;
}

/** A calendar day typed or picked: "2026-12-01", "2026/12/1", "2026.12.1", "2026年12月1日" → "2026-12-01". */
export function parseDay(text: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(normaliseInput(text));
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 2000 || y > 2100) return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[1]}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

// Product-level fields: zod/mini, issue messages are catalogue keys.
const msg = (key: MessageKey) => ({ message: key });
const requiredText = (max: number) =>
  z.string(msg("validation.required")).check(z.trim(), z.minLength(1, msg("validation.required")), z.maxLength(max, msg("validation.tooLong")));
const optionalText = (max: number) => z.optional(z.string().check(z.trim(), z.maxLength(max, msg("validation.tooLong"))));

const productFieldSchemas = {
  nameZh: requiredText(MAX_NAME_ZH),
  nameEn: optionalText(MAX_NAME_EN),
  category: z.enum(CATEGORIES as [ProductCategory, ...ProductCategory[]], msg("listing.error.category")),
  descriptionZh: optionalText(MAX_DESCRIPTION),
  descriptionEn: optionalText(MAX_DESCRIPTION),
  originCounty: z.string(msg("listing.error.county")).check(z.refine((v) => isSanmingCounty(v), msg("listing.error.county"))),
  tempClass: z.enum(TEMP_CLASSES as [TempClass, ...TempClass[]], msg("listing.error.temp")),
  shelfLifeDays: z.pipe(
    z.string(msg("listing.error.shelf_life")),
    z.transform((v: string, ctx) => {
      const n = parseWholeDays(v);
      if (n === null) {
        ctx.issues.push({ code: "custom", message: "listing.error.shelf_life" satisfies MessageKey, input: v });
        return z.NEVER;
      }
      return n;
    }),
  ),
} as const;

/** The first (small) form: what a product needs before it can be stored as a draft. */
export const newListingSchema = z.object({
  nameZh: productFieldSchemas.nameZh,
  category: productFieldSchemas.category,
  originCounty: productFieldSchemas.originCounty,
  tempClass: productFieldSchemas.tempClass,
  shelfLifeDays: productFieldSchemas.shelfLifeDays,
});
export type NewListingInput = z.infer<typeof newListingSchema>;

const PRODUCT_FIELDS = Object.keys(productFieldSchemas) as (keyof ProductFields)[];

function readProduct(values: ListingValues, errors: ListingErrors): Partial<ProductFields> {
  const product: Partial<ProductFields> = {};
  for (const field of PRODUCT_FIELDS) {
    const schema = productFieldSchemas[field] as z.ZodMiniType;
    const input = values[field];
    const r = schema.safeParse(input === undefined && (field === "nameEn" || field === "descriptionZh" || field === "descriptionEn") ? "" : input);
    if (r.success) (product as Record<string, unknown>)[field] = r.data ?? "";
    else errors[field] = { key: r.error.issues[0]!.message as MessageKey };
  }
  return product;
}

function readCore(index: number, f: Record<string, string>, errors: ListingErrors): PackCore | undefined {
  const name = (field: string) => packField(index, field);
  const before = Object.keys(errors).length;
  const unit = f.unit;
  if (!isPackUnit(unit)) errors[name("unit")] = { key: "listing.error.unit" };
  let itemCount = 1;
  if (!blank(f.itemCount)) {
    const t = normaliseInput(f.itemCount!);
    itemCount = /^\d{1,5}$/.test(t) ? Number(t) : Number.NaN;
    if (!(itemCount >= 1 && itemCount <= MAX_ITEM_COUNT)) errors[name("itemCount")] = { key: "listing.error.item_count_invalid" };
  }
  let itemNetWeightGrams: number | undefined;
  let netWeightGrams: number | undefined;
  // Sold by the kilogram or by the 斤: one pack is exactly that much (prices and counts are per kg / per 斤).
  const unitGrams = unit === "kg" ? 1000 : unit === "jin" ? 500 : undefined;
  const item = blank(f.itemWeight) ? (unitGrams && blank(f.netWeight) ? ({ ok: true, grams: unitGrams } as const) : undefined) : parseWeight(f.itemWeight!);
  const whole = blank(f.netWeight) ? undefined : parseWeight(f.netWeight!);
  if (item && !item.ok) errors[name("itemWeight")] = { key: item.key };
  if (whole && !whole.ok) errors[name("netWeight")] = { key: whole.key };
  if (!item && !whole) errors[name("itemWeight")] = { key: "listing.error.weight_required" };
  if (Number.isInteger(itemCount) && itemCount >= 1) {
    if (item?.ok) {
      itemNetWeightGrams = item.grams;
      netWeightGrams = packNetWeight(itemCount, item.grams) ?? undefined;
      if (netWeightGrams === undefined || netWeightGrams > 1_000_000) errors[name("itemWeight")] = { key: "listing.error.weight_too_large" };
      else if (whole?.ok && whole.grams !== netWeightGrams) errors[name("netWeight")] = { key: "listing.error.weight_mismatch" };
    } else if (!item && whole?.ok) {
      netWeightGrams = whole.grams;
      if (whole.grams % itemCount !== 0) errors[name("netWeight")] = { key: "listing.error.weight_split", params: { count: itemCount } };
      else itemNetWeightGrams = whole.grams / itemCount;
    }
  }
  if (unitGrams && netWeightGrams !== undefined && netWeightGrams !== unitGrams)
    errors[name(blank(f.itemWeight) ? "netWeight" : "itemWeight")] ??= { key: unit === "kg" ? "listing.error.weight_per_kg" : "listing.error.weight_per_jin" };
  const volumeCm3 = blank(f.volume) ? null : parseVolumeCm3(f.volume!);
  if (volumeCm3 === null) errors[name("volume")] = { key: "listing.error.volume_invalid" };
  if (Object.keys(errors).length > before) return undefined;
  return {
    unit: unit as PackUnit,
    itemCount,
    itemNetWeightGrams: itemNetWeightGrams!,
    netWeightGrams: netWeightGrams!,
    volumeCm3: volumeCm3!,
    variableWeight: checked(f.variableWeight),
    active: checked(f.active),
  };
}

function readRules(index: number, f: Record<string, string>, rawTiers: Record<string, string>[], errors: ListingErrors): PackRules | undefined {
  const before = Object.keys(errors).length;
  const readCount = (field: "minOrder" | "multiple", key: MessageKey) => {
    if (blank(f[field])) return 1;
    const n = parseQuantity(f[field]!);
    if (n === null) errors[packField(index, field)] = { key };
    return n ?? 1;
  };
  const minOrderQuantity = readCount("minOrder", "listing.error.min_order_invalid");
  const orderMultiple = readCount("multiple", "listing.error.order_multiple_invalid");
  // Rows left blank are skipped; the tiers keep the position they were typed in for their messages.
  const tiers: (Tier & { row: number })[] = [];
  rawTiers.forEach((t, row) => {
    if (blank(t.quantity) && blank(t.price)) return;
    if (row >= MAX_TIERS) {
      errors[tierField(index, row, "quantity")] = { key: "listing.error.tier_too_many", params: { max: MAX_TIERS } };
      return;
    }
    const quantity = blank(t.quantity) ? null : parseQuantity(t.quantity!);
    const price = blank(t.price) ? null : parseYuan(t.price!);
    if (blank(t.quantity)) errors[tierField(index, row, "quantity")] = { key: "listing.error.tier_incomplete" };
    else if (quantity === null) errors[tierField(index, row, "quantity")] = { key: "listing.error.tier_quantity_invalid" };
    if (!price) errors[tierField(index, row, "price")] = { key: "listing.error.tier_incomplete" };
    else if (!price.ok) errors[tierField(index, row, "price")] = { key: price.key };
    if (quantity !== null && price?.ok) tiers.push({ minQuantity: quantity, unitPriceFen: price.fen, row });
  });
  if (Object.keys(errors).length > before) return undefined;
  for (const issue of validateOrderRules({ minOrderQuantity, orderMultiple, tiers })) {
    const field =
      "index" in issue
        ? tierField(index, tiers[issue.index]!.row, issue.field === "minQuantity" ? "quantity" : "price")
        : packField(index, issue.field === "minOrderQuantity" ? "minOrder" : "multiple");
    errors[field] ??= { key: issue.key, params: issue.params };
  }
  if (Object.keys(errors).length > before) return undefined;
  return { minOrderQuantity, orderMultiple, tiers: tiers.map(({ minQuantity, unitPriceFen }) => ({ minQuantity, unitPriceFen })) };
}

function readWindows(index: number, rawWindows: Record<string, string>[], errors: ListingErrors): HarvestWindowInput[] | undefined {
  const before = Object.keys(errors).length;
  const windows: HarvestWindowInput[] = [];
  rawWindows.forEach((w, row) => {
    if (blank(w.from) && blank(w.to) && blank(w.perWeek) && blank(w.note)) return;
    const name = (field: "from" | "to" | "perWeek" | "note") => windowField(index, row, field);
    if (row >= MAX_WINDOWS) {
      errors[name("from")] = { key: "listing.error.window_too_many", params: { max: MAX_WINDOWS } };
      return;
    }
    const from = blank(w.from) ? null : parseDay(w.from!);
    const to = blank(w.to) ? null : parseDay(w.to!);
    const perWeek = blank(w.perWeek) ? null : parseQuantity(w.perWeek!);
    const note = (w.note ?? "").trim();
    if (!from) errors[name("from")] = { key: blank(w.from) ? "listing.error.window_incomplete" : "listing.error.date_invalid" };
    if (!to) errors[name("to")] = { key: blank(w.to) ? "listing.error.window_incomplete" : "listing.error.date_invalid" };
    if (from && to && to < from) errors[name("to")] = { key: "listing.error.window_order" };
    if (perWeek === null) errors[name("perWeek")] = { key: blank(w.perWeek) ? "listing.error.window_incomplete" : "listing.error.per_week_invalid" };
    if (note.length > MAX_NOTE) errors[name("note")] = { key: "validation.tooLong" };
    if (from && to && to >= from && perWeek !== null && note.length <= MAX_NOTE) windows.push({ availableFrom: from, availableTo: to, expectedPacksPerWeek: perWeek, note });
  });
  return Object.keys(errors).length > before ? undefined : windows;
}

/** A pack block's unit and weights as typed so far (for the label preview), or undefined while incomplete. */
export function previewPack(values: ListingValues, index: number): PackCore | undefined {
  const prefix = `packs.${index}.`;
  const f: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (k.startsWith(prefix) && !k.slice(prefix.length).includes(".")) f[k.slice(prefix.length)] = v;
  if (blank(f.volume)) f.volume = "1";
  return readCore(index, f, {});
}

/** True when a new pack block was left as rendered (nothing typed that makes a pack). */
function isBlankNewPack(p: RawPack): boolean {
  const f = p.fields;
  return (
    !checked(f.existing) &&
    blank(f.itemWeight) &&
    blank(f.netWeight) &&
    blank(f.volume) &&
    p.tiers.every((t) => blank(t.quantity) && blank(t.price)) &&
    p.windows.every((w) => blank(w.from) && blank(w.to) && blank(w.perWeek) && blank(w.note))
  );
}

/**
 * Reads the whole editor form. `data` holds every part that validated; `errors` names each field that did
 * not. A form is saveable as a whole when errors is empty.
 */
export function readListing(values: ListingValues): { data: ListingData; errors: ListingErrors } {
  const errors: ListingErrors = {};
  const product = readProduct(values, errors);
  const packs: PackData[] = [];
  const seen = new Set<string>();
  groupPacks(values).forEach((raw, index) => {
    if (Object.keys(raw.fields).length === 0 && raw.tiers.length === 0 && raw.windows.length === 0) return;
    const id = (raw.fields.id ?? "").trim().toLowerCase();
    if (!UUID.test(id) || seen.has(id)) {
      errors[packField(index, "id")] = { key: "listing.error.pack_id" };
      return;
    }
    seen.add(id);
    const existing = checked(raw.fields.existing);
    if (checked(raw.fields.remove)) {
      packs.push({ index, id, existing, remove: true });
      return;
    }
    if (isBlankNewPack(raw)) return;
    const core = readCore(index, raw.fields, errors);
    const rules = readRules(index, raw.fields, raw.tiers, errors);
    const windows = readWindows(index, raw.windows, errors);
    packs.push({ index, id, existing, remove: false, core, rules, windows });
  });
  const kept = packs.filter((p) => !p.remove);
  if (kept.length > MAX_PACKS) errors[packField(kept[MAX_PACKS]!.index, "unit")] = { key: "listing.error.too_many_packs", params: { max: MAX_PACKS } };
  return { data: { product, packs }, errors };
}

/** The fully validated form, or its errors (for a save: nothing is stored unless every field is right). */
export function parseListingForm(values: ListingValues): { ok: true; data: ListingData & { product: ProductFields } } | { ok: false; errors: ListingErrors; data: ListingData } {
  const { data, errors } = readListing(values);
  if (Object.keys(errors).length > 0) return { ok: false, errors, data };
  return { ok: true, data: data as ListingData & { product: ProductFields } };
}

/**
 * The same rules as a zod/mini schema over the flat form values (issue paths are the dotted field names),
 * for code that validates forms through zod (e.g. ~/utils/forms parseForm).
 */
export const listingFormSchema = z.pipe(
  z.record(z.string(), z.string()),
  z.transform((values: Record<string, string>, ctx) => {
    const { data, errors } = readListing(values);
    for (const [field, e] of Object.entries(errors)) ctx.issues.push({ code: "custom", message: e.key, input: values[field], path: [field] });
    return data;
  }),
);

/** Why a listing cannot be published (empty when it can): at least one active pack with at least one valid price tier. */
export function publishBlockers(packs: readonly { active: boolean; minOrderQuantity: number; orderMultiple: number; tiers: readonly Tier[] }[]): MessageKey[] {
  const active = packs.filter((p) => p.active);
  if (active.length === 0) return ["listing.publish.needs_pack"];
  const priced = active.filter((p) => p.tiers.length > 0 && validateOrderRules(p).length === 0);
  if (priced.length === 0) return ["listing.publish.needs_price"];
  return [];
}

// ---------------------------------------------------------------------------------------------
// Form values from stored data (the editor's defaults)

/** A listing as stored, in the shape the editor needs. */
export interface EditableListing extends ProductFields {
  id: string;
  status: "draft" | "active" | "paused" | "archived";
  updatedAt: Date | string;
  packs: {
    id: string;
    sku: string;
    unit: PackUnit;
    itemCount: number;
    itemNetWeightGrams: number;
    netWeightGrams: number;
    volumeCm3: number;
    variableWeight: boolean;
    active: boolean;
    minOrderQuantity: number;
    orderMultiple: number;
    tiers: Tier[];
    windows: HarvestWindowInput[];
  }[];
}

/** The values of a new, empty pack block. */
export function blankPackValues(index: number, id: string, unit: PackUnit = "box"): ListingValues {
  return {
    [packField(index, "id")]: id,
    [packField(index, "unit")]: unit,
    [packField(index, "itemCount")]: "1",
    [packField(index, "minOrder")]: "1",
    [packField(index, "multiple")]: "1",
    [packField(index, "active")]: "on",
  };
}

/** Form values showing a stored listing (packs in stored order, tiers by quantity). */
export function listingToValues(listing: EditableListing): ListingValues {
  const v: ListingValues = {
    nameZh: listing.nameZh,
    nameEn: listing.nameEn,
    category: listing.category,
    descriptionZh: listing.descriptionZh,
    descriptionEn: listing.descriptionEn,
    originCounty: listing.originCounty,
    tempClass: listing.tempClass,
    shelfLifeDays: String(listing.shelfLifeDays),
  };
  listing.packs.forEach((p, i) => {
    v[packField(i, "id")] = p.id;
    v[packField(i, "existing")] = "1";
    v[packField(i, "unit")] = p.unit;
    v[packField(i, "itemCount")] = String(p.itemCount);
    v[packField(i, "itemWeight")] = gramsForInput(p.itemNetWeightGrams);
    v[packField(i, "volume")] = cm3ForInput(p.volumeCm3);
    if (p.variableWeight) v[packField(i, "variableWeight")] = "on";
    if (p.active) v[packField(i, "active")] = "on";
    v[packField(i, "minOrder")] = String(p.minOrderQuantity);
    v[packField(i, "multiple")] = String(p.orderMultiple);
    [...p.tiers]
      .sort((a, b) => a.minQuantity - b.minQuantity)
      .forEach((t, j) => {
        v[tierField(i, j, "quantity")] = String(t.minQuantity);
        v[tierField(i, j, "price")] = fenForInput(t.unitPriceFen);
      });
    p.windows.forEach((w, j) => {
      v[windowField(i, j, "from")] = w.availableFrom;
      v[windowField(i, j, "to")] = w.availableTo;
      v[windowField(i, j, "perWeek")] = String(w.expectedPacksPerWeek);
      if (w.note) v[windowField(i, j, "note")] = w.note;
    });
  });
  return v;
}

/** How many pack blocks, and tier and window rows per pack, the values hold (for rendering the form). */
export function formShape(values: ListingValues): { packs: number; tiers: number[]; windows: number[] } {
  const groups = groupPacks(values);
  return {
    packs: groups.length,
    tiers: groups.map((g) => g.tiers.length),
    windows: groups.map((g) => g.windows.length),
  };
}
