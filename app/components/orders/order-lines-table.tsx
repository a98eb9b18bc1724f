/**
 * The lines of one seller order: packs ordered and shipped, unit price, the estimate beside what is charged
 * (short shipments and weighed grams), for the buyer's, the seller's and the operator's order pages.
 */
import { TempBadge } from "~/components/ui/badges";
import type { OrderDetailLine } from "~/modules/orders/detail.server";
import { formatFen, formatNumber, formatWeight } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import { bilingualName } from "~/utils/i18n/names";
import type { T } from "~/utils/i18n/translate";

export type OrderLineView = Pick<
  OrderDetailLine,
  "id" | "sku" | "productNameZh" | "productNameEn" | "quantity" | "shippedQuantity" | "shortReason" | "unitPriceFen" | "priceSource" | "lineTotalFen" | "chargedFen" | "final" | "actualGrams" | "variableWeight" | "tempClass"
>;

/** The table of a seller order's lines; `caption` names the seller for screen readers. */
export function OrderLinesTable({ lines, caption, t, locale }: { lines: readonly OrderLineView[]; caption: string; t: T; locale: Locale }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm sm:min-w-[36rem]">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-stone-200 text-left text-xs text-stone-500">
            <th scope="col" className="py-2 pr-2 font-medium">{t("checkout.lines.product")}</th>
            <th scope="col" className="py-2 pr-2 text-right font-medium">{t("checkout.lines.quantity")}</th>
            <th scope="col" className="hidden py-2 pr-2 text-right font-medium sm:table-cell">{t("checkout.lines.unitPrice")}</th>
            <th scope="col" className="hidden py-2 pr-2 text-right font-medium sm:table-cell">{t("checkout.lines.estimated")}</th>
            <th scope="col" className="py-2 text-right font-medium">{t("checkout.lines.actual")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {lines.map((l) => {
            const name = bilingualName(l.productNameZh, l.productNameEn, locale);
            const short = l.shippedQuantity !== null && l.shippedQuantity < l.quantity;
            return (
              <tr key={l.id} data-line={l.sku}>
                <td className="py-2 pr-2 align-top">
                  <div className="font-medium">{name.primary}</div>
                  <div className="flex flex-wrap items-center gap-1 text-xs text-stone-500">
                    <span>{t("checkout.lines.sku")} {l.sku}</span>
                    <TempBadge temp={l.tempClass} t={t} />
                    {l.priceSource === "contract" ? <span className="rounded bg-brand-50 px-1.5 text-brand-800">{t("checkout.lines.contractPrice")}</span> : null}
                    {l.variableWeight ? <span>{t("checkout.lines.variableWeight")}</span> : null}
                  </div>
                  {short ? <div className="text-xs font-medium text-amber-800">{t("checkout.lines.short", { count: formatNumber(l.quantity - (l.shippedQuantity ?? 0), locale), reason: l.shortReason || "—" })}</div> : null}
                  {/* On a phone the unit price and the estimate sit under the name instead of in their own columns. */}
                  <div className="text-xs text-stone-600 tabular-nums sm:hidden">
                    {t("checkout.lines.unitPrice")} {formatFen(l.unitPriceFen, locale)} · {t("checkout.lines.estimated")} {formatFen(l.lineTotalFen, locale)}
                  </div>
                  {l.variableWeight ? (
                    <div className="text-xs text-stone-600">{l.actualGrams !== null ? t("checkout.lines.weighed", { weight: formatWeight(l.actualGrams, locale) }) : t("checkout.lines.notWeighed")}</div>
                  ) : null}
                </td>
                <td className="py-2 pr-2 text-right align-top tabular-nums">
                  {formatNumber(l.quantity, locale)}
                  {l.shippedQuantity !== null && l.shippedQuantity !== l.quantity ? (
                    <div className="text-xs text-amber-800">
                      {t("checkout.lines.shipped")} {formatNumber(l.shippedQuantity, locale)}
                    </div>
                  ) : null}
                </td>
                <td className="hidden py-2 pr-2 text-right align-top tabular-nums sm:table-cell">{formatFen(l.unitPriceFen, locale)}</td>
                <td className="hidden py-2 pr-2 text-right align-top tabular-nums text-stone-600 sm:table-cell">{formatFen(l.lineTotalFen, locale)}</td>
                <td className={`py-2 text-right align-top tabular-nums ${l.chargedFen !== l.lineTotalFen ? "font-semibold text-amber-900" : "font-medium"}`}>
                  {formatFen(l.chargedFen, locale)}
                  {l.final ? null : <div className="text-xs font-normal text-stone-500">{t("checkout.lines.pending")}</div>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
