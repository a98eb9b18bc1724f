/** The order's money: subtotal, delivery fee, the estimate when placed beside the current total. */
import { formatFen } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import type { T } from "~/utils/i18n/translate";

export interface MoneyView {
  estimatedTotalFen: number;
  chargedTotalFen: number;
  deliveryFeeFen: number;
  final: boolean;
}

/** A definition list of the totals; the current total is the prominent one. */
export function MoneySummary({ money, t, locale }: { money: MoneyView; t: T; locale: Locale }) {
  const difference = money.chargedTotalFen - money.estimatedTotalFen;
  return (
    <dl className="space-y-1 text-sm" aria-label={t("checkout.money.total")}>
      <div className="flex justify-between gap-4">
        <dt className="text-stone-600">{t("checkout.money.subtotal")}</dt>
        <dd className="tabular-nums">{formatFen(money.chargedTotalFen - money.deliveryFeeFen, locale)}</dd>
      </div>
      <div className="flex justify-between gap-4">
        <dt className="text-stone-600">{t("checkout.money.deliveryFee")}</dt>
        <dd className="tabular-nums">{formatFen(money.deliveryFeeFen, locale)}</dd>
      </div>
      {difference !== 0 ? (
        <div className="flex justify-between gap-4 text-stone-500">
          <dt>{t("checkout.money.estimatedTotal")}</dt>
          <dd className="tabular-nums line-through">{formatFen(money.estimatedTotalFen, locale)}</dd>
        </div>
      ) : null}
      <div className="flex justify-between gap-4 border-t border-stone-200 pt-1 text-base font-semibold">
        <dt>{t("checkout.money.total")}</dt>
        <dd className="tabular-nums" data-testid="order-total">{formatFen(money.chargedTotalFen, locale)}</dd>
      </div>
      {difference !== 0 ? <p className="text-xs text-amber-900">{t("checkout.money.adjusted", { difference: `${difference > 0 ? "+" : "−"}${formatFen(Math.abs(difference), locale)}` })}</p> : null}
      {money.final ? null : <p className="text-xs text-stone-500">{t("checkout.money.notFinal")}</p>}
    </dl>
  );
}
