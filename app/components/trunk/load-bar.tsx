/** How full a trunk run is: a bar of grams loaded against capacity, amber from 90 %, red when over. */
import { formatWeight } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import type { T } from "~/utils/i18n/translate";

export function LoadBar({
  loadedGrams,
  capacityGrams,
  t,
  locale,
}: {
  loadedGrams: number;
  capacityGrams: number;
  t: T;
  locale: Locale;
}) {
  const percent =
    capacityGrams > 0 ? Math.round((loadedGrams / capacityGrams) * 100) : 0;
  const tone =
    percent > 100
      ? "bg-red-600"
      : percent >= 90
      ? "bg-amber-500"
      : "bg-brand-600";
  const label = t("trunk.load", {
    loaded: formatWeight(loadedGrams, locale),
    capacity: formatWeight(capacityGrams, locale),
    percent,
  });
  return (
    <div>
      <div className="flex items-baseline justify-between text-sm">
        <span className="font-medium text-stone-700">
          {t("trunk.loadLabel")}
        </span>
        <span className="tabular-nums text-stone-800">{label}</span>
      </div>
      <div
        className="mt-1 h-2.5 w-full overflow-hidden rounded-full bg-stone-200"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={capacityGrams}
        aria-valuenow={loadedGrams}
        aria-label={t("trunk.loadLabel")}
        aria-valuetext={label}
      >
        <div
          className={`h-full ${tone}`}
          style={{ width: `${Math.min(100, percent)}%` }}
        />
      </div>
    </div>
  );
}
