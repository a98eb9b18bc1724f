import type { VehicleRow } from "~/modules/operations/overview.server";
import { formatLitres, formatWeight } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import type { T } from "~/utils/i18n/translate";
import { TempBadge } from "./ui/badges";
import { placeName } from "~/utils/i18n/names";
import { districtName } from "~/modules/orders/districts";

// The row shape the operations module selects; a type-only import, erased from the client bundle.
type Vehicle = VehicleRow;

/** Vehicles as compact cards: plate, temperature classes, payload, volume and driver. */
export function VehicleList({ vehicles, t, locale, showDriver = true }: { vehicles: Vehicle[]; t: T; locale: Locale; showDriver?: boolean }) {
  if (vehicles.length === 0) return <p className="text-sm text-stone-500">{t("ops.noVehicles")}</p>;
  return (
    <ul className="grid gap-2 sm:grid-cols-2">
      {vehicles.map((v) => (
        <li key={v.id} className={`rounded-lg border border-stone-200 p-3 ${v.active ? "bg-white" : "bg-stone-50 text-stone-500"}`}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span className="font-mono text-base font-semibold tracking-wide" aria-label={`${t("ops.plate")} ${v.plate}`}>
              {v.plate}
            </span>
            <span className="flex gap-1">
              {v.tempClasses.map((c) => (
                <TempBadge key={c} temp={c} t={t} />
              ))}
            </span>
          </div>
          <p className="mt-1 text-sm">
            {t("ops.payload")} {formatWeight(v.payloadGrams, locale)} · {t("ops.volume")} {formatLitres(v.volumeLitres, locale)}
          </p>
          {showDriver ? (
            <p className="text-sm text-stone-600">
              {t("ops.driver")}：{v.driver?.displayName ?? t("ops.unassigned")}
              {v.active ? "" : ` · ${t("ops.inactive")}`}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

interface Slot {
  id: string;
  startsAt: Date | string;
  endsAt: Date | string;
  district: string;
  capacityGrams: number;
  bookedGrams: number;
  warehouseName: string;
  warehouseNameEn: string;
}

/** Delivery slots as rows: date and time window, warehouse, bookings against capacity. */
export function SlotList({ slots, t, locale, formatRange }: { slots: Slot[]; t: T; locale: Locale; formatRange: (s: Slot) => string }) {
  if (slots.length === 0) return <p className="text-sm text-stone-500">{t("ops.noSlots")}</p>;
  return (
    <ul className="divide-y divide-stone-100">
      {slots.map((s) => (
        <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
          <span>
            <span className="font-medium">{formatRange(s)}</span> <span className="text-stone-500">· {districtName(s.district, locale)} · {placeName(s.warehouseName, s.warehouseNameEn, locale)}</span>
          </span>
          <span className={s.bookedGrams >= s.capacityGrams ? "font-medium text-amber-700" : "text-stone-600"} lang={locale === "zh" ? "zh-CN" : "en"}>
            {t("ops.slotBooked", { booked: formatWeight(s.bookedGrams, locale), capacity: formatWeight(s.capacityGrams, locale) })}
          </span>
        </li>
      ))}
    </ul>
  );
}
