/** 明日可用库存: per warehouse, what the next day's plan can count on — arrived, expected, not on a run — by class and product. */
import { TempBadge } from "~/components/ui/badges";
import type { StockOutlook } from "~/modules/trunk/trunk.server";
import {
  formatDate,
  formatDateTime,
  formatNumber,
  formatWeight,
} from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import type { T } from "~/utils/i18n/translate";
import type { Wire } from "./wire";
import { placeName } from "~/utils/i18n/names";

type Amount = { packs: number; grams: number };

export function OutlookPanel({
  outlook,
  t,
  locale,
}: {
  outlook: Wire<StockOutlook>;
  t: T;
  locale: Locale;
}) {
  const cell = (a: Amount) =>
    a.packs === 0 && a.grams === 0
      ? "—"
      : t("trunk.outlook.cell", {
          packs: formatNumber(a.packs, locale),
          weight: formatWeight(a.grams, locale),
        });
  return (
    <section
      aria-labelledby="outlook-h"
      className="card p-4 sm:p-5"
      data-testid="stock-outlook"
    >
      <h2 id="outlook-h" className="text-xl font-semibold">
        {t("trunk.outlook.title")}
      </h2>
      <p className="mb-3 text-sm text-stone-600">
        {t("trunk.outlook.intro", {
          date: formatDate(`${outlook.day}T12:00:00+08:00`, locale),
        })}
      </p>
      <div className="space-y-5">
        {outlook.warehouses.map((w) => (
          <div key={w.id}>
            <h3 className="mb-2 font-semibold">{placeName(w.name, w.nameEn, locale)}</h3>
            {w.products.length === 0 ? (
              <p className="text-sm text-stone-500">
                {t("trunk.outlook.empty")}
              </p>
            ) : (
              <>
                <ul className="mb-2 grid gap-2 sm:grid-cols-3">
                  {w.classes.map((c) => (
                    <li
                      key={c.tempClass}
                      className="rounded-lg border border-stone-200 px-3 py-2 text-sm"
                    >
                      <TempBadge temp={c.tempClass} t={t} />
                      <div className="mt-1 tabular-nums">
                        {t("trunk.outlook.arrived")}{" "}
                        {formatWeight(c.arrivedGrams, locale)} ·{" "}
                        {t("trunk.outlook.expected")}{" "}
                        {formatWeight(c.expectedGrams, locale)}
                        {c.unassignedGrams > 0 ? (
                          <span className="font-semibold text-amber-800">
                            {" "}
                            · {t("trunk.outlook.unassigned")}{" "}
                            {formatWeight(c.unassignedGrams, locale)}
                          </span>
                        ) : null}
                      </div>
                      {c.latestArrival ? (
                        <div className="text-xs text-stone-500">
                          {t("trunk.outlook.eta", {
                            time: formatDateTime(c.latestArrival, locale),
                          })}
                        </div>
                      ) : null}
                    </li>
                  ))}
                </ul>
                <details className="rounded-lg border border-stone-200">
                  <summary className="flex min-h-11 cursor-pointer items-center px-3 text-sm font-medium">
                    {t("trunk.outlook.byProduct", { count: w.products.length })}
                  </summary>
                  <div className="overflow-x-auto border-t border-stone-200 px-3">
                    <table className="w-full min-w-[36rem] text-left text-sm">
                      <thead className="text-xs text-stone-500">
                        <tr>
                          <th className="py-1 pr-2 font-medium">
                            {t("trunk.outlook.product")}
                          </th>
                          <th className="py-1 pr-2 font-medium">
                            {t("trunk.outlook.arrived")}
                          </th>
                          <th className="py-1 pr-2 font-medium">
                            {t("trunk.outlook.expected")}
                          </th>
                          <th className="py-1 font-medium">
                            {t("trunk.outlook.unassigned")}
                          </th>
                        </tr>
                      </thead>
                      <tbody className="divide-y divide-stone-100">
                        {w.products.map((p) => (
                          <tr key={`${p.tempClass}:${p.sku}:${p.name}`}>
                            <td className="py-1 pr-2">
                              <span className="mr-1">
                                {locale === "en" && p.nameEn
                                  ? p.nameEn
                                  : p.name}
                              </span>
                              <TempBadge temp={p.tempClass} t={t} />
                            </td>
                            <td className="py-1 pr-2 tabular-nums">
                              {cell(p.arrived)}
                            </td>
                            <td className="py-1 pr-2 tabular-nums">
                              {cell(p.expected)}
                            </td>
                            <td
                              className={`py-1 tabular-nums ${
                                p.unassigned.grams > 0
                                  ? "font-semibold text-amber-800"
                                  : ""
                              }`}
                            >
                              {cell(p.unassigned)}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </details>
              </>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}
