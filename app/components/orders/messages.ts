/** Message text for ordering refusals (quantities, checkout, order changes), shared by the cart and order pages. */
import type { QuantityIssueCode } from "~/modules/orders/quantities";
import { TEMP_CLASSES, type WeightByTemp } from "~/modules/orders/cart-rules";
import { formatNumber, formatWeight } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import type { T } from "~/utils/i18n/translate";

export interface QuantityProblemView {
  code: QuantityIssueCode;
  nearest?: { down: number | null; up: number | null };
  min: number;
  multiple: number;
  max: number;
}

/** "最少 10 件，按 5 件递增 · 可选 10 或 15". */
export function quantityMessage(p: QuantityProblemView, t: T, locale: Locale): string {
  const params = { min: formatNumber(p.min, locale), multiple: formatNumber(p.multiple, locale), max: formatNumber(p.max, locale) };
  const text = t(`checkout.qty.${p.code}`, params);
  const options = [p.nearest?.down, p.nearest?.up].filter((n, i, all): n is number => typeof n === "number" && n > 0 && all.indexOf(n) === i);
  return options.length > 0 && (p.code === "not_multiple" || p.code === "below_minimum" || p.code === "not_integer")
    ? `${text} · ${t("checkout.qty.nearest", { options: options.map((n) => formatNumber(n, locale)).join(t("checkout.qty.or")) })}`
    : text;
}

/** "常温 2.5 公斤 · 冷冻 7.5 公斤" (classes with weight only). */
export function weightsText(w: WeightByTemp, t: T, locale: Locale): string {
  return TEMP_CLASSES.filter((c) => w[c] > 0)
    .map((c) => `${t(`temp.${c}`)} ${formatWeight(w[c], locale)}`)
    .join(" · ");
}
