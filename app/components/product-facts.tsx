import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { certificateKey } from "~/modules/catalog/certificates";
import type { ProductDetail } from "~/modules/catalog/catalog.server";
import { countyName } from "~/modules/catalog/counties";
import { composePackLabel, formatPackCount, labelWeight, pricePerKgFen, unitName } from "~/modules/catalog/packs";
import { formatDate, formatFen, formatJin, formatNumber, formatWeight } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import { orgName } from "~/utils/i18n/names";
import type { T } from "~/utils/i18n/translate";
import { TempBadge } from "./ui/badges";

type Product = SerializeFrom<ProductDetail>;

/** Key facts of a product as a definition list: seller, origin, storage, shelf life, category. */
export function ProductFacts({ product, t, locale }: { product: Product; t: T; locale: Locale }) {
  const facts: [string, React.ReactNode][] = [
    [t("product.seller"), locale === "zh" ? `${orgName(product.seller.name, product.seller.nameEn, locale)}（${product.seller.county}）` : `${orgName(product.seller.name, product.seller.nameEn, locale)} (${countyName(product.seller.county, locale)})`],
    [t("product.origin"), countyName(product.originCounty, locale)],
    [t("product.storage"), <span key="s" className="inline-flex items-center gap-2"><TempBadge temp={product.tempClass} t={t} /> {t(`tempRange.${product.tempClass}`)}</span>],
    [t("product.shelfLife"), t("product.days", { days: formatNumber(product.shelfLifeDays, locale) })],
    [t("product.category"), t(`category.${product.category}`)],
  ];
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-2">
      {facts.map(([label, value]) => (
        <div key={label} className="flex gap-3 border-b border-stone-100 pb-2">
          <dt className="w-24 shrink-0 text-sm text-stone-500">{label}</dt>
          <dd className="text-stone-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A calendar day (stored as a date, read as UTC midnight): "12月1日" / "1 Dec", with the year when it is not near. */
export function formatDay(value: Date | string, locale: Locale, now: Date = new Date()): string {
  const d = new Date(value);
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
  const thisYear = new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear();
  const withYear = y < thisYear || y > thisYear + 1;
  if (locale === "zh") return `${withYear ? `${y}年` : ""}${m + 1}月${day}日`;
  return `${day} ${MONTHS_EN[m]}${withYear ? ` ${y}` : ""}`;
}

type Variant = Product["variants"][number];

/** "可订：12月1日–1月15日，约 200 箱/周" / "Available 1 Dec – 15 Jan, about 200 boxes a week". */
export function harvestWindowText(w: Variant["harvestWindows"][number], unit: Variant["unit"], t: T, locale: Locale): string {
  return t("listing.facts.window", { from: formatDay(w.availableFrom, locale), to: formatDay(w.availableTo, locale), count: formatPackCount(w.expectedPacksPerWeek, unit, locale) });
}

/** Each pack with its label in the viewer's language, tiered and per-kg prices, order rules, harvest windows and recent lots; `extra` adds per-pack seller details. */
export function ProductVariants({ product, t, locale, extra }: { product: Product; t: T; locale: Locale; extra?: (variantId: string) => React.ReactNode }) {
  return (
    <ul className="space-y-4">
      {product.variants.map((v, index) => {
        const unit = unitName(v.unit, locale);
        const label = composePackLabel(v, locale);
        const rules = [
          v.minOrderQuantity > 1 ? t("listing.facts.minOrder", { count: formatPackCount(v.minOrderQuantity, v.unit, locale) }) : null,
          v.orderMultiple > 1 ? t("listing.facts.multiple", { count: formatPackCount(v.orderMultiple, v.unit, locale) }) : null,
        ].filter(Boolean);
        return (
          <li key={v.id} className="card p-4 sm:p-5">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="text-lg font-semibold">{label}</h3>
              <span className="text-xs text-stone-500">{t("product.sku", { sku: v.sku })}</span>
            </div>
            <p className="mt-1 text-sm text-stone-600">
              {t("product.netWeight", { weight: formatWeight(v.netWeightGrams, locale) })}
              {v.netWeightGrams >= 500 ? ` · ${t("product.netWeightJin", { jin: formatJin(v.netWeightGrams, locale) })}` : ""}
              {v.itemCount > 1 ? ` · ${t("listing.facts.itemWeight", { weight: labelWeight(v.itemNetWeightGrams) })}` : ""}
              {v.variableWeight ? ` · ${t("product.variableWeight")}` : ""}
              {!v.active ? ` · ${t("product.notOnSale")}` : ""}
            </p>
            {rules.length > 0 ? <p className="mt-1 text-sm font-medium text-stone-800">{rules.join(locale === "zh" ? "，" : ", ")}</p> : null}
            {extra ? extra(v.id) : null}
            {v.priceTiers.length > 0 ? (
              <ul className="mt-3 flex flex-wrap gap-2">
                {v.priceTiers.map((tier) => {
                  const perKg = pricePerKgFen(tier.unitPriceFen, v.netWeightGrams);
                  return (
                    <li key={tier.minQuantity} className="rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-900">
                      {t("listing.facts.tier", { count: formatPackCount(tier.minQuantity, v.unit, locale), unit, price: formatFen(tier.unitPriceFen, locale) })}
                      {perKg !== null && v.unit !== "kg" ? <span className="block text-xs text-brand-700">{t("listing.facts.perKg", { price: formatFen(perKg, locale) })}</span> : null}
                    </li>
                  );
                })}
              </ul>
            ) : (
              <p className="mt-3 text-sm text-stone-500">{t("catalog.noPrice")}</p>
            )}
            {v.harvestWindows.length > 0 ? (
              <div className="mt-3">
                <h4 className="text-sm font-medium text-stone-800">{t("listing.facts.windows")}</h4>
                <ul className="mt-1 space-y-1 text-sm text-stone-700">
                  {v.harvestWindows.map((w) => (
                    <li key={`${String(w.availableFrom)}-${String(w.availableTo)}`}>
                      {harvestWindowText(w, v.unit, t, locale)}
                      {w.note ? <span className="text-stone-500">{locale === "zh" ? `（${w.note}）` : ` (${w.note})`}</span> : null}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <details className="mt-3" open={index === 0}>
              <summary className="flex min-h-11 cursor-pointer items-center text-sm font-medium text-brand-700">{t("product.lots")}</summary>
              {v.lots.length === 0 ? (
                <p className="text-sm text-stone-500">{t("product.noLots")}</p>
              ) : (
                <ul className="divide-y divide-stone-100 text-sm">
                  {v.lots.map((lot) => (
                    <li key={lot.id} className="py-2">
                      <Link to={`/t/${lot.id}`} className="inline-flex min-h-11 items-center font-medium text-brand-800 underline underline-offset-4">
                        {t("product.lot", { code: lot.code })}
                      </Link>
                      <div className="text-stone-600">
                        {t("product.produced")} {formatDate(lot.producedAt, locale)} · {t("product.expires")} {formatDate(lot.expiresAt, locale)}
                      </div>
                      <div className="mt-1 flex flex-wrap gap-1">
                        {lot.certificates.length === 0 ? (
                          <span className="text-stone-500">{t("product.noCertificates")}</span>
                        ) : (
                          lot.certificates.map((c) => (
                            <span key={`${c.kind}-${c.number ?? ""}`} className="rounded-md bg-emerald-50 px-2 py-0.5 text-xs text-emerald-800 ring-1 ring-inset ring-emerald-200">
                              {certificateKey(c.kind) === "cert.other" ? c.kind : t(certificateKey(c.kind))}
                              {c.number ? ` ${c.number}` : ""}
                            </span>
                          ))
                        )}
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </details>
          </li>
        );
      })}
    </ul>
  );
}
