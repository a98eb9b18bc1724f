// The trunk page's forms, written once: the route parses posts with them and useClientValidation runs them in the
// browser (zod/mini keeps that bundle small). Times are typed in Beijing time; issue messages are catalogue keys.
import * as z from "zod/mini";
import { normaliseInput } from "~/modules/catalog/packs";
import { isDay, type Day } from "~/modules/lots/rules";
import {
  formatTimeOfDay,
  parseTimeOfDay,
  shanghaiInstant,
} from "~/modules/orders/cutoff";
import { parseCapacityKg } from "~/modules/orders/delivery-setup-schemas";
import type { MessageKey } from "~/utils/i18n/messages";
import { TRUNK_TEMP_CLASSES, type TrunkTempClass } from "./assignment";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const text = z.optional(z.string());
const clean = (s: string | undefined) => normaliseInput(s ?? "");
type Fail = (field: string, key: MessageKey) => void;

function failer(ctx: { issues: unknown[] }, v: Record<string, unknown>): Fail {
  return (field, key) =>
    (
      ctx.issues as {
        code: "custom";
        message: string;
        input: unknown;
        path: string[];
      }[]
    ).push({ code: "custom", message: key, input: v[field], path: [field] });
}

function uuid(
  v: Record<string, string | undefined>,
  field: string,
  fail: Fail,
  key: MessageKey
): string {
  const id = clean(v[field]);
  if (!UUID.test(id)) fail(field, key);
  return id.toLowerCase();
}

function time(
  v: Record<string, string | undefined>,
  field: string,
  fail: Fail
): number | null {
  const raw = clean(v[field]);
  if (!raw) {
    fail(field, "validation.required");
    return null;
  }
  const minutes = parseTimeOfDay(raw);
  if (minutes === null) fail(field, "trunk.error.time");
  return minutes;
}

/** Longest plate typed (闽G·12345 and a trailer: 闽G·12345挂 fit). */
export const MAX_PLATE_LENGTH = 16;
/** Largest capacity of one run: a 40 t semi-trailer. */
export const MAX_TRUNK_CAPACITY_GRAMS = 40_000_000;

/** A departure as the operator's form gives it, resolved to instants. */
export interface DepartureFormData {
  warehouseId: string;
  tempClass: TrunkTempClass;
  date: Day;
  cutoffAt: Date;
  departsAt: Date;
  /** The next day when the arrival time is not after the departure time. */
  arrivesAt: Date;
  capacityGrams: number;
  vehiclePlate: string;
}

const departureShape = {
  warehouseId: text,
  tempClass: text,
  date: text,
  cutoffTime: text,
  departTime: text,
  arriveTime: text,
  capacityKg: text,
  vehiclePlate: text,
};

/** The new / edit departure form (intent and ids are other fields of the post). */
export const departureSchema = z.pipe(
  z.object(departureShape),
  z.transform((v, ctx): DepartureFormData => {
    const fail = failer(ctx, v);
    const warehouseId = uuid(v, "warehouseId", fail, "trunk.error.warehouse");
    const tempClass = clean(v.tempClass);
    if (!(TRUNK_TEMP_CLASSES as readonly string[]).includes(tempClass))
      fail("tempClass", "trunk.error.tempClass");
    const date = clean(v.date);
    if (!date) fail("date", "validation.required");
    else if (!isDay(date)) fail("date", "trunk.error.date");
    const cutoff = time(v, "cutoffTime", fail);
    const depart = time(v, "departTime", fail);
    const arrive = time(v, "arriveTime", fail);
    if (cutoff !== null && depart !== null && cutoff > depart)
      fail("cutoffTime", "trunk.error.cutoffAfterDepart");
    const capacityRaw = clean(v.capacityKg);
    const capacityGrams = parseCapacityKg(capacityRaw);
    if (!capacityRaw) fail("capacityKg", "validation.required");
    else if (
      capacityGrams === null ||
      capacityGrams <= 0 ||
      capacityGrams > MAX_TRUNK_CAPACITY_GRAMS
    )
      fail("capacityKg", "trunk.error.capacity");
    const vehiclePlate = clean(v.vehiclePlate);
    if (vehiclePlate.length > MAX_PLATE_LENGTH)
      fail("vehiclePlate", "validation.tooLong");
    const day = isDay(date) ? date : "2000-01-01";
    const departsAt = shanghaiInstant(day, depart ?? 0);
    const arrivesAt = shanghaiInstant(day, arrive ?? 0);
    if (arrive !== null && depart !== null && arrive <= depart)
      arrivesAt.setTime(arrivesAt.getTime() + 86_400_000);
    return {
      warehouseId,
      tempClass: tempClass as TrunkTempClass,
      date: day,
      cutoffAt: shanghaiInstant(day, cutoff ?? 0),
      departsAt,
      arrivesAt,
      capacityGrams: capacityGrams ?? 0,
      vehiclePlate,
    };
  })
);

/** Form values of a stored departure (for the edit form). */
export function departureFormValues(d: {
  warehouseId: string;
  tempClass: string;
  cutoffAt: Date;
  departsAt: Date;
  arrivesAt: Date;
  capacityGrams: number;
  vehiclePlate: string;
}): Record<string, string> {
  const minutes = (at: Date) => {
    const shifted = new Date(at.getTime() + 8 * 3_600_000);
    return formatTimeOfDay(
      shifted.getUTCHours() * 60 + shifted.getUTCMinutes()
    );
  };
  return {
    warehouseId: d.warehouseId,
    tempClass: d.tempClass,
    date: new Date(d.departsAt.getTime() + 8 * 3_600_000)
      .toISOString()
      .slice(0, 10),
    cutoffTime: minutes(d.cutoffAt),
    departTime: minutes(d.departsAt),
    arriveTime: minutes(d.arrivesAt),
    capacityKg: (d.capacityGrams / 1000).toFixed(3).replace(/\.?0+$/, ""),
    vehiclePlate: d.vehiclePlate,
  };
}

/** A button naming one departure (depart, arrive, cancel, edit). */
export const departureIdSchema = z.pipe(
  z.object({ departureId: text }),
  z.transform((v, ctx) => ({
    departureId: uuid(
      v,
      "departureId",
      failer(ctx, v),
      "trunk.error.departure"
    ),
  }))
);

/** Moving (or placing) one seller order's class load onto a departure by hand. */
export const placeLoadSchema = z.pipe(
  z.object({ sellerOrderId: text, tempClass: text, departureId: text }),
  z.transform((v, ctx) => {
    const fail = failer(ctx, v);
    const sellerOrderId = uuid(
      v,
      "sellerOrderId",
      fail,
      "trunk.error.sellerOrder"
    );
    const departureId = uuid(v, "departureId", fail, "trunk.error.departure");
    const tempClass = clean(v.tempClass);
    if (!(TRUNK_TEMP_CLASSES as readonly string[]).includes(tempClass))
      fail("tempClass", "trunk.error.tempClass");
    return {
      sellerOrderId,
      departureId,
      tempClass: tempClass as TrunkTempClass,
    };
  })
);
