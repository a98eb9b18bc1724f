/**
 * Pack sizes as structured data: unit, items × item net weight, variable weight. Labels are composed from
 * these fields in the viewer's language (never stored free text). Pure: shared by the listing editor,
 * the spreadsheet import and the product pages. Weights are integer grams.
 */
import type { Locale } from "~/utils/i18n/locale";
import type { MessageKey } from "~/utils/i18n/messages";

/** The units a pack is sold in (mirrors the Prisma enum PackUnit). */
export const PackUnit = { kg: "kg", jin: "jin", box: "box", bag: "bag", piece: "piece" } as const;
export type PackUnit = (typeof PackUnit)[keyof typeof PackUnit];
export const PACK_UNITS: readonly PackUnit[] = ["kg", "jin", "box", "bag", "piece"];

export function isPackUnit(value: unknown): value is PackUnit {
  return typeof value === "string" && (PACK_UNITS as readonly string[]).includes(value);
}

/** 斤: the market unit of China, exactly 500 g. */
export const GRAMS_PER_JIN = 500;
/** Anything heavier than one tonne per pack (or item) is a typing mistake. */
export const MAX_WEIGHT_GRAMS = 1_000_000;
/** Most items one pack may hold. */
export const MAX_ITEM_COUNT = 10_000;

/** Chinese measure word of each unit (箱, 袋, 件; 公斤 and 斤 for goods sold loose by weight). */
export const UNIT_ZH: Record<PackUnit, string> = { kg: "公斤", jin: "斤", box: "箱", bag: "袋", piece: "件" };
const UNIT_EN_ONE: Record<PackUnit, string> = { kg: "kg", jin: "jin", box: "box", bag: "bag", piece: "piece" };
const UNIT_EN_MANY: Record<PackUnit, string> = { kg: "kg", jin: "jin", box: "boxes", bag: "bags", piece: "pieces" };

/** Converts 斤 to grams (rounded to whole grams): 2 → 1000. */
export function jinToGrams(jin: number): number {
  return Math.round(jin * GRAMS_PER_JIN);
}

/** Converts grams to 斤: 1000 → 2, 250 → 0.5. */
export function gramsToJin(grams: number): number {
  return grams / GRAMS_PER_JIN;
}

/** Net weight of a pack of itemCount items; null when the product is not a positive safe integer. */
export function packNetWeight(itemCount: number, itemNetWeightGrams: number): number | null {
  if (!Number.isInteger(itemCount) || !Number.isInteger(itemNetWeightGrams) || itemCount < 1 || itemNetWeightGrams < 1) return null;
  const total = itemCount * itemNetWeightGrams;
  return Number.isSafeInteger(total) ? total : null;
}

/** Full-width digits, letters and punctuation (１２．５ｋｇ) to their ASCII forms; trims. */
export function normaliseInput(text: string): string {
  return text.normalize("NFKC").replace(/[\u3000\s]+/g, " ").trim();
}

/** A non-negative decimal written with digits (thousands separators allowed) as an exact fraction. */
export function parseDecimal(text: string): { digits: bigint; scale: number } | null {
  const t = text.replace(/^(\d{1,3}(?:,\d{3})+)(?=\.|$)/, (m) => m.replace(/,/g, ""));
  const m = /^(\d*)(?:\.(\d+))?$/.exec(t);
  if (!m || (m[1] === "" && m[2] === undefined) || (m[1] === "" && m[2] === "")) return null;
  const whole = m[1] || "0";
  const frac = m[2] ?? "";
  return { digits: BigInt(whole + frac), scale: frac.length };
}

const WEIGHT_UNITS: Record<string, number> = {
  "": 1,
  g: 1,
  克: 1,
  gram: 1,
  grams: 1,
  kg: 1000,
  公斤: 1000,
  千克: 1000,
  kilo: 1000,
  kilos: 1000,
  斤: GRAMS_PER_JIN,
  jin: GRAMS_PER_JIN,
  两: 50,
};

export type WeightResult = { ok: true; grams: number } | { ok: false; key: MessageKey };

/**
 * Reads a weight typed by a person: "350", "350g", "350 克", "0.5kg", "1.5 公斤", "2斤", full-width digits.
 * A bare number is grams. Whole grams only, above 0 and at most 1,000 kg.
 */
export function parseWeight(text: string): WeightResult {
  const t = normaliseInput(text).toLowerCase();
  if (t === "") return { ok: false, key: "listing.error.weight_required" };
  if (/^[-−]/.test(t)) return { ok: false, key: "listing.error.weight_positive" };
  const m = /^([\d.,]+)\s*([a-z\u4e00-\u9fff]*)$/.exec(t);
  if (!m) return { ok: false, key: "listing.error.weight_invalid" };
  const factor = WEIGHT_UNITS[m[2]!];
  const dec = parseDecimal(m[1]!);
  if (factor === undefined || !dec) return { ok: false, key: "listing.error.weight_invalid" };
  const scaled = dec.digits * BigInt(factor);
  const divisor = 10n ** BigInt(dec.scale);
  if (scaled % divisor !== 0n) return { ok: false, key: "listing.error.weight_whole_grams" };
  const grams = scaled / divisor;
  if (grams <= 0n) return { ok: false, key: "listing.error.weight_positive" };
  if (grams > BigInt(MAX_WEIGHT_GRAMS)) return { ok: false, key: "listing.error.weight_too_large" };
  return { ok: true, grams: Number(grams) };
}

/** parseWeight's grams, or null for anything it refuses. */
export function parseWeightGrams(text: string): number | null {
  const r = parseWeight(text);
  return r.ok ? r.grams : null;
}

/** Grams as they go back into a weight input: "350 g", "2.5 kg" (parseWeight reads them again). */
export function gramsForInput(grams: number): string {
  if (grams >= 1000 && grams % 10 === 0) return `${trimDecimal(grams / 1000)} kg`;
  return `${grams} g`;
}

function trimDecimal(value: number, digits = 3): string {
  return value.toFixed(digits).replace(/\.?0+$/, "");
}

function groupDigits(text: string): string {
  const [whole, frac] = text.split(".");
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac ? `${grouped}.${frac}` : grouped;
}

/** A weight in a pack label: "350 g", "5 kg", "2.5 kg" (SI symbols, as printed on Chinese packaging too). */
export function labelWeight(grams: number): string {
  if (grams < 1000) return `${groupDigits(String(grams))} g`;
  return `${groupDigits(trimDecimal(grams / 1000))} kg`;
}

function labelJin(grams: number, locale: Locale): string {
  const jin = groupDigits(trimDecimal(gramsToJin(grams), 2));
  return locale === "zh" ? `${jin} 斤` : `${jin} jin (${labelWeight(grams)})`;
}

export interface PackLabelFields {
  unit: PackUnit;
  itemCount: number;
  itemNetWeightGrams: number;
  netWeightGrams: number;
  variableWeight: boolean;
}

/**
 * The label of a pack in the viewer's language.
 * zh: "5 kg/箱", "24×350 g/箱", "约 5 kg/箱", "1 斤/袋", "500 g/袋", "1 kg" (sold by the kilogram).
 * en: "5 kg box", "box of 24 × 350 g", "approx. 5 kg box", "1 jin (500 g) bag", "500 g bag", "1 kg".
 * Goods sold by the 斤 are weighed out into a bag; goods sold by the kilogram are labelled by weight alone.
 */
export function composePackLabel(pack: PackLabelFields, locale: Locale): string {
  const { unit, variableWeight } = pack;
  const itemCount = Math.max(1, pack.itemCount || 1);
  const itemWeight = pack.itemNetWeightGrams || pack.netWeightGrams;
  const net = pack.netWeightGrams || itemCount * itemWeight;
  const weight = (g: number) => (unit === "jin" ? labelJin(g, locale) : labelWeight(g));
  if (locale === "zh") {
    const approx = variableWeight ? "约 " : "";
    if (unit === "kg") return itemCount > 1 ? `${approx}${itemCount}×${weight(itemWeight)}` : `${approx}${weight(net)}`;
    const container = unit === "jin" ? "袋" : UNIT_ZH[unit];
    const body = itemCount > 1 ? `${itemCount}×${weight(itemWeight)}` : weight(net);
    return `${approx}${body}/${container}`;
  }
  const approx = variableWeight ? "approx. " : "";
  const container = unit === "jin" ? "bag" : unit === "kg" ? "" : UNIT_EN_ONE[unit];
  if (itemCount > 1) {
    const items = `${itemCount} × ${approx}${weight(itemWeight)}`;
    return container ? `${container} of ${items}` : items;
  }
  return `${approx}${weight(net)}${container ? ` ${container}` : ""}`;
}

const enPlural = new Intl.PluralRules("en");

/** A number of packs: "1 piece", "268 pieces", "3 boxes", "2 bags", "1,200 kg"; zh "268 件", "3 箱", "5 公斤". */
export function formatPackCount(n: number, unit: PackUnit, locale: Locale): string {
  const num = groupDigits(Number.isInteger(n) ? String(n) : trimDecimal(n, 2));
  if (locale === "zh") return `${num} ${UNIT_ZH[unit]}`;
  const word = enPlural.select(n) === "one" ? UNIT_EN_ONE[unit] : UNIT_EN_MANY[unit];
  return `${num} ${word}`;
}

/** The unit word alone, for "¥12.50 / box" and column headers: zh "箱", en "box". */
export function unitName(unit: PackUnit, locale: Locale): string {
  return locale === "zh" ? UNIT_ZH[unit] : UNIT_EN_ONE[unit];
}

/** Price per kilogram in integer fen, rounded half up: ¥50 for 5 kg → 1000 fen. Null without a weight. */
export function pricePerKgFen(unitPriceFen: number, netWeightGrams: number): number | null {
  if (!Number.isInteger(unitPriceFen) || !Number.isInteger(netWeightGrams) || netWeightGrams <= 0 || unitPriceFen < 0) return null;
  // round(p × 1000 / g) with integers only: floor((2·p·1000 + g) / (2·g)).
  return Math.floor((2 * unitPriceFen * 1000 + netWeightGrams) / (2 * netWeightGrams));
}

/** The lowest price per kg over packs' tiers, in fen; null when no pack has both a price and a weight. */
export function lowestPricePerKgFen(variants: readonly { netWeightGrams: number; priceTiers: readonly { unitPriceFen: number }[] }[]): number | null {
  let best: number | null = null;
  for (const v of variants) {
    for (const t of v.priceTiers) {
      const perKg = pricePerKgFen(t.unitPriceFen, v.netWeightGrams);
      if (perKg !== null && (best === null || perKg < best)) best = perKg;
    }
  }
  return best;
}

/**
 * Volume typed as "12000", "12000 cm3", "12 L", "12 升", "0.5l", or a carton's outside size in
 * centimetres "40×30×20" / "40 x 30 x 20 cm" → integer cm³ (at most 10 m³), or null.
 */
export function parseVolumeCm3(text: string): number | null {
  const t = normaliseInput(text).toLowerCase().replace(/³/g, "3");
  const box = /^(\d+(?:\.\d+)?)\s*[x×*]\s*(\d+(?:\.\d+)?)\s*[x×*]\s*(\d+(?:\.\d+)?)\s*(?:cm|厘米|公分)?$/.exec(t);
  if (box) {
    const cm3 = Math.round(Number(box[1]) * Number(box[2]) * Number(box[3]));
    return cm3 > 0 && cm3 <= 10_000_000 ? cm3 : null;
  }
  const m = /^([\d.,]+)\s*(cm3|ml|毫升|立方厘米|l|升|公升|)$/.exec(t);
  if (!m) return null;
  const dec = parseDecimal(m[1]!);
  if (!dec) return null;
  const factor = m[2] === "l" || m[2] === "升" || m[2] === "公升" ? 1000n : 1n;
  const scaled = dec.digits * factor;
  const divisor = 10n ** BigInt(dec.scale);
  if (scaled % divisor !== 0n) return null;
  const cm3 = scaled / divisor;
  if (cm3 <= 0n || cm3 > 10_000_000n) return null;
  return Number(cm3);
}

/** A volume as it goes back into its input: "12 L" from 12000, "350 cm3" otherwise. */
export function cm3ForInput(cm3: number): string {
  return cm3 >= 1000 && cm3 % 100 === 0 ? `${trimDecimal(cm3 / 1000, 1)} L` : `${cm3} cm3`;
}

/** The Prisma select of the structured fields composePackLabel needs (one definition for every query). */
export const PACK_LABEL_SELECT = { unit: true, label: true, itemCount: true, itemNetWeightGrams: true, netWeightGrams: true, variableWeight: true } as const;
