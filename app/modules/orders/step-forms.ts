/**
 * The seller's and operator's order forms, read into what applySellerOrderEvent takes, with a field error
 * (a catalogue key) per bad field. Field names carry the line id: `shipped-<id>`, `reason-<id>`,
 * `weight-<id>` with its unit `unit-<id>` (g or kg). Pure: no database; the workflow checks everything
 * again under its locks (these checks are for the messages).
 */
import { normaliseInput, parseWeight } from "~/modules/catalog/packs";
import type { MessageKey } from "~/utils/i18n/messages";
import { weightRange } from "./charges";
import { readQuantityText } from "./quantities";
import { MAX_REASON_LENGTH } from "./state-machine";

export type StepFieldErrors = Partial<Record<string, MessageKey>>;

/** A line as the forms know it. */
export interface FormLine {
  id: string;
  quantity: number;
  /** Packs confirmed so far (null before confirmation). */
  shippedQuantity: number | null;
  shortReason: string;
  variableWeight: boolean;
  netWeightGrams: number;
}

export const WEIGHT_UNITS = ["kg", "g"] as const;
export type WeightUnit = (typeof WEIGHT_UNITS)[number];

export const shippedField = (lineId: string) => `shipped-${lineId}`;
export const reasonField = (lineId: string) => `reason-${lineId}`;
export const weightField = (lineId: string) => `weight-${lineId}`;
export const unitField = (lineId: string) => `unit-${lineId}`;

/** A reason typed by a person: trimmed, whitespace runs collapsed; an error key when too long. */
export function readReason(text: string | undefined): { reason: string; error?: MessageKey } {
  const reason = (text ?? "").trim().replace(/[ \t]+/g, " ");
  return [...reason].length > MAX_REASON_LENGTH ? { reason, error: "fulfilment.error.reasonTooLong" } : { reason };
}

export type ShipmentForm =
  | { ok: true; shipment: { lineId: string; shippedQuantity: number; reason: string }[] }
  | { ok: false; errors: StepFieldErrors };

/**
 * Packs to ship per line from the confirm / short-ship form. A line whose field is missing ships what it
 * shipped before (all its packs before confirmation); a line shipping fewer packs than ordered needs a reason
 * (its earlier short reason counts). `reduceOnly`: short-shipping after confirming cannot raise a line.
 */
export function readShipmentForm(values: Record<string, string>, lines: readonly FormLine[], options: { reduceOnly: boolean }): ShipmentForm {
  const errors: StepFieldErrors = {};
  const shipment: { lineId: string; shippedQuantity: number; reason: string }[] = [];
  for (const line of lines) {
    const before = line.shippedQuantity ?? line.quantity;
    const raw = values[shippedField(line.id)];
    let shipped = before;
    if (raw !== undefined) {
      const n = readQuantityText(raw);
      if (!Number.isInteger(n) || n < 0) {
        errors[shippedField(line.id)] = "fulfilment.error.shippedWhole";
        continue;
      }
      if (n > line.quantity) {
        errors[shippedField(line.id)] = "fulfilment.error.shippedTooMany";
        continue;
      }
      if (options.reduceOnly && n > before) {
        errors[shippedField(line.id)] = "fulfilment.error.shippedRaised";
        continue;
      }
      shipped = n;
    }
    const typed = readReason(values[reasonField(line.id)]);
    if (typed.error) {
      errors[reasonField(line.id)] = typed.error;
      continue;
    }
    const reason = shipped < line.quantity ? typed.reason || line.shortReason : "";
    if (shipped < line.quantity && reason === "") errors[reasonField(line.id)] = "fulfilment.error.shortReasonRequired";
    shipment.push({ lineId: line.id, shippedQuantity: shipped, reason });
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (shipment.every((s) => s.shippedQuantity === 0)) return { ok: false, errors: { _form: "fulfilment.error.nothingToShip" } };
  if (options.reduceOnly && shipment.every((s) => s.shippedQuantity === shippingNow(lines.find((l) => l.id === s.lineId)!)))
    return { ok: false, errors: { _form: "fulfilment.error.noChange" } };
  return { ok: true, shipment };
}

function shippingNow(line: FormLine): number {
  return line.shippedQuantity ?? line.quantity;
}

export type WeightsForm = { ok: true; weights: { lineId: string; actualGrams: number }[] } | { ok: false; errors: StepFieldErrors };

/**
 * Weighed grams of the variable-weight lines from the weighing form: a number in the unit chosen beside it
 * (kg by default; "14.2", "14.2kg", "14200 g", "28.4斤" all read), whole grams, within the tolerance of the
 * nominal weight of the packs that ship. Empty fields are left alone; at least one weight is needed.
 */
export function readWeightsForm(values: Record<string, string>, lines: readonly FormLine[]): WeightsForm {
  const errors: StepFieldErrors = {};
  const weights: { lineId: string; actualGrams: number }[] = [];
  for (const line of lines.filter((l) => l.variableWeight)) {
    const text = normaliseInput(values[weightField(line.id)] ?? "");
    if (text === "") continue;
    const unit: WeightUnit = values[unitField(line.id)] === "g" ? "g" : "kg";
    const parsed = parseWeight(/[a-z\u4e00-\u9fff]$/i.test(text) ? text : `${text}${unit}`);
    if (!parsed.ok) {
      errors[weightField(line.id)] = parsed.key === "listing.error.weight_whole_grams" ? "fulfilment.error.weightWholeGrams" : "fulfilment.error.weightNumber";
      continue;
    }
    const shipped = line.shippedQuantity ?? line.quantity;
    const { minGrams, maxGrams } = weightRange(shipped, line.netWeightGrams);
    if (shipped === 0 || parsed.grams < minGrams || parsed.grams > maxGrams) {
      errors[weightField(line.id)] = "fulfilment.error.weightRange";
      continue;
    }
    weights.push({ lineId: line.id, actualGrams: parsed.grams });
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (weights.length === 0) return { ok: false, errors: { _form: "fulfilment.error.weightsMissing" } };
  return { ok: true, weights };
}

/** A workflow refusal as the form shows it: field errors by line, or a form-level message (`_form`). Access refusals are not mapped (the route answers 403/404). */
export function refusalErrors(code: string, lineIds: readonly string[] | undefined, event: string): StepFieldErrors {
  const ids = lineIds ?? [];
  const perLine = (field: (id: string) => string, key: MessageKey): StepFieldErrors => Object.fromEntries(ids.map((id) => [field(id), key]));
  switch (code) {
    case "invalid_shipment":
      return ids.length > 0 ? { ...perLine(shippedField, "fulfilment.error.shippedTooMany"), _form: "fulfilment.error.fix" } : { _form: "fulfilment.error.fix" };
    case "reason_required":
      return ids.length > 0 ? { ...perLine(reasonField, "fulfilment.error.shortReasonRequired"), _form: "fulfilment.error.fix" } : { reason: "fulfilment.error.reasonRequired" };
    case "reason_too_long":
      return ids.length > 0 ? perLine(reasonField, "fulfilment.error.reasonTooLong") : { reason: "fulfilment.error.reasonTooLong" };
    case "nothing_to_ship":
      return { _form: "fulfilment.error.nothingToShip" };
    case "no_change":
      return { _form: "fulfilment.error.noChange" };
    case "invalid_weight":
      return ids.length > 0 ? { ...perLine(weightField, "fulfilment.error.weightRange"), _form: "fulfilment.error.fix" } : { _form: "fulfilment.error.weightRange" };
    case "weights_missing":
      return { _form: event === "pack" ? "fulfilment.error.packNeedsWeights" : "fulfilment.error.weightsMissing" };
    case "invalid_state":
      return { _form: "fulfilment.error.invalidState" };
    case "past_cutoff":
      return { _form: "fulfilment.error.pastCutoff" };
    default:
      return { _form: "fulfilment.error.unknownAction" };
  }
}
