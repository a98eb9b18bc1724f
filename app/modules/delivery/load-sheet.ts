/**
 * A van's load sheet: what goes into each compartment (frozen, chilled, ambient) in the order it is loaded.
 * The last stop's goods go in first, deepest in the van, so the first stop's are by the door; within a stop,
 * by product. The same pack for the same stop is one line (several orders of one receiver are loaded together),
 * with the orders' numbers and the lots. Pure: no I/O.
 */
export const COMPARTMENTS = ["frozen", "chilled", "ambient"] as const;
export type Compartment = (typeof COMPARTMENTS)[number];

/** One order line bound for a stop, as read from the database. */
export interface LoadSheetSourceLine {
  orderNumber: string;
  sku: string;
  productName: string;
  /** English name, printed under the Chinese one ("" when the seller gave none). */
  productNameEn: string;
  pack: string;
  compartment: Compartment;
  /** Packs that ship (shipped quantity once confirmed, else ordered); 0 lines are left out. */
  packs: number;
  grams: number;
  cm3: number;
  /** Variable-weight packs not weighed yet: the weight is nominal. */
  toWeigh: boolean;
  lots: readonly string[];
}

export interface LoadSheetSourceStop {
  id: string;
  sequence: number;
  name: string;
  lines: readonly LoadSheetSourceLine[];
}

export interface LoadSheetVan {
  plate: string;
  payloadGrams: number;
  volumeLitres: number;
  tempClasses: readonly Compartment[];
}

export interface LoadLine {
  /** 1 = into the van first. */
  loadOrder: number;
  stopSequence: number;
  stopName: string;
  orderNumbers: string[];
  sku: string;
  productName: string;
  productNameEn: string;
  pack: string;
  packs: number;
  grams: number;
  cm3: number;
  toWeigh: boolean;
  lots: string[];
}

export interface Totals {
  packs: number;
  grams: number;
  cm3: number;
}

export interface CompartmentSheet {
  compartment: Compartment;
  /** The van has this compartment; a load for one it lacks is a planning error to show, not to hide. */
  carried: boolean;
  lines: LoadLine[];
  totals: Totals;
}

export interface LoadSheet {
  van: LoadSheetVan;
  stops: number;
  compartments: CompartmentSheet[];
  totals: Totals;
  /** Shares of the van's payload and volume, in percent (rounded). */
  payloadPercent: number;
  volumePercent: number;
  overloaded: boolean;
}

const sum = (lines: readonly Totals[]): Totals => lines.reduce((t, l) => ({ packs: t.packs + l.packs, grams: t.grams + l.grams, cm3: t.cm3 + l.cm3 }), { packs: 0, grams: 0, cm3: 0 });
const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : part > 0 ? Infinity : 0);

/** One stop's lines for one compartment, the same pack merged, by product name then SKU. */
function stopLines(stop: LoadSheetSourceStop, compartment: Compartment): Omit<LoadLine, "loadOrder">[] {
  const bySku = new Map<string, Omit<LoadLine, "loadOrder">>();
  for (const l of stop.lines) {
    if (l.compartment !== compartment || l.packs <= 0) continue;
    const line = bySku.get(l.sku) ?? { stopSequence: stop.sequence, stopName: stop.name, orderNumbers: [], sku: l.sku, productName: l.productName, productNameEn: l.productNameEn, pack: l.pack, packs: 0, grams: 0, cm3: 0, toWeigh: false, lots: [] };
    line.packs += l.packs;
    line.grams += l.grams;
    line.cm3 += l.cm3;
    line.toWeigh ||= l.toWeigh;
    if (!line.orderNumbers.includes(l.orderNumber)) line.orderNumbers.push(l.orderNumber);
    for (const lot of l.lots) if (!line.lots.includes(lot)) line.lots.push(lot);
    bySku.set(l.sku, line);
  }
  return [...bySku.values()]
    .map((l) => ({ ...l, orderNumbers: l.orderNumbers.sort(), lots: l.lots.sort() }))
    .sort((a, b) => a.productName.localeCompare(b.productName, "zh") || a.sku.localeCompare(b.sku));
}

/** The load sheet of one route: per compartment, lines in loading order (last stop first), totals against the van. */
export function buildLoadSheet(stops: readonly LoadSheetSourceStop[], van: LoadSheetVan): LoadSheet {
  const lastFirst = [...stops].sort((a, b) => b.sequence - a.sequence);
  const compartments = COMPARTMENTS.map((compartment): CompartmentSheet => {
    const lines = lastFirst.flatMap((s) => stopLines(s, compartment)).map((l, i) => ({ ...l, loadOrder: i + 1 }));
    return { compartment, carried: van.tempClasses.includes(compartment), lines, totals: sum(lines) };
  });
  const totals = sum(compartments.map((c) => c.totals));
  const payloadPercent = percent(totals.grams, van.payloadGrams);
  const volumePercent = percent(totals.cm3, van.volumeLitres * 1000);
  return { van, stops: stops.length, compartments, totals, payloadPercent, volumePercent, overloaded: totals.grams > van.payloadGrams || totals.cm3 > van.volumeLitres * 1000 };
}

/** The PDF's file name, e.g. load-sheet-2026-12-03-沪A·D1234.pdf (contentDisposition adds an ASCII fallback). */
export function loadSheetFileName(serviceDate: string, plate: string): string {
  const safe = plate.replace(/[\s/\\:"*?<>|]+/g, "");
  return `load-sheet-${serviceDate}${safe ? `-${safe}` : ""}.pdf`;
}
