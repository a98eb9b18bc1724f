import { TempBadge } from "~/components/ui/badges";
import { TEMP_CLASSES, type WeightByTemp } from "~/modules/orders/cart-rules";
import { districtName } from "~/modules/orders/districts";
import { formatTime, formatTimeRange, formatWeight } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import type { T } from "~/utils/i18n/translate";
import { placeName } from "~/utils/i18n/names";

interface SlotLoad {
  id: string;
  startsAt: Date | string;
  endsAt: Date | string;
  cutoffAt: Date | string;
  open: boolean;
  district: string;
  warehouseName: string;
  warehouseNameEn: string;
  capacityByTemp: WeightByTemp;
  bookedByTemp: WeightByTemp;
}

/**
 * The next slots with the weight booked against capacity per temperature class (a class the slot does not carry is
 * left out; one that is full is marked), as the operations overview lists them.
 */
export function SlotLoadList({ slots, t, locale }: { slots: SlotLoad[]; t: T; locale: Locale }) {
  if (slots.length === 0) return <p className="text-sm text-stone-500">{t("ops.noSlots")}</p>;
  return (
    <ul className="divide-y divide-stone-100">
      {slots.map((s) => (
        <li key={s.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2 text-sm">
          <span>
            <span className="font-medium">{formatTimeRange(s.startsAt, s.endsAt, locale)}</span>{" "}
            <span className="text-stone-500">
              · {districtName(s.district, locale)} · {placeName(s.warehouseName, s.warehouseNameEn, locale)} ·{" "}
              {s.open ? `${t("deliverySetup.slots.col.cutoff")} ${formatTime(s.cutoffAt, locale)}` : t("deliverySetup.slots.closed")}
            </span>
          </span>
          <span className="flex flex-wrap gap-2">
            {TEMP_CLASSES.filter((c) => s.capacityByTemp[c] > 0 || s.bookedByTemp[c] > 0).map((c) => {
              const full = s.bookedByTemp[c] >= s.capacityByTemp[c];
              return (
                <span key={c} className={`inline-flex items-center gap-1 tabular-nums ${full ? "font-semibold text-amber-800" : "text-stone-600"}`}>
                  <TempBadge temp={c} t={t} />
                  {t("deliverySetup.slots.load", { booked: formatWeight(s.bookedByTemp[c], locale), capacity: formatWeight(s.capacityByTemp[c], locale) })}
                </span>
              );
            })}
          </span>
        </li>
      ))}
    </ul>
  );
}
