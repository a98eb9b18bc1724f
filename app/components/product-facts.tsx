import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { certificateKey, type Certificate } from "~/modules/catalog/certificates";
import type { ProductDetail } from "~/modules/catalog/catalog.server";
import { countyName } from "~/modules/catalog/counties";
import { composePackLabel, formatPackCount, labelWeight, pricePerKgFen, unitName } from "~/modules/catalog/packs";
import { formatDate, formatFen, formatJin, formatNumber, formatWeight } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import { bilingualName, orgName } from "~/utils/i18n/names";
import type { T } from "~/utils/i18n/translate";
import { TempBadge } from "./ui/badges";

type Product = SerializeFrom<ProductDetail>;

/** Key facts of a product as a definition list: seller (linked to its storefront, unless `withSeller` is false), origin, storage, shelf life, category. */
export function ProductFacts({ product, t, locale, withSeller = true }: { product: Product; t: T; locale: Locale; withSeller?: boolean }) {
  const seller = orgName(product.seller.name, product.seller.nameEn, locale);
  const county = countyName(product.seller.county, locale);
  const facts: [string, React.ReactNode][] = [
    ...(withSeller
      ? ([
          [
            t("product.seller"),
            <span key="seller">
              <Link to={`/sellers/${product.seller.id}`} className="text-brand-800 underline underline-offset-4">
                {seller}
              </Link>
              {locale === "zh" ? `（${county}）` : ` (${county})`}
            </span>,
          ],
        ] as [string, React.ReactNode][])
      : []),
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

/** Today's calendar day in Beijing time, "YYYY-MM-DD" (harvest windows are calendar days). */
export function shanghaiToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * What a buyer can have of a pack: "现货 12 箱" when packs are available now; otherwise the next harvest
 * window, "预计 12月1日起可订" (or "可预订，供货至 1月15日" once it has begun); otherwise "暂无现货".
 */
export function availabilityText(v: Pick<Variant, "available" | "unit" | "harvestWindows">, t: T, locale: Locale, today: string = shanghaiToday()): { text: string; now: boolean } {
  if (v.available > 0) return { text: t("productPage.availableNow", { count: formatPackCount(v.available, v.unit, locale) }), now: true };
  // Windows come soonest first and without those that have ended (getProduct): the first is the next one.
  const next = v.harvestWindows[0];
  if (!next) return { text: t("productPage.outOfStock"), now: false };
  if (new Date(next.availableFrom).toISOString().slice(0, 10) > today) return { text: t("productPage.expectedFrom", { date: formatDay(next.availableFrom, locale) }), now: false };
  return { text: t("productPage.bookableUntil", { date: formatDay(next.availableTo, locale) }), now: false };
}

/** A certificate as a buyer reads it: "绿色食品 LB-…", unknown kinds under their own name. */
export function certificateLabel(c: Certificate, t: T): string {
  const key = certificateKey(c.kind);
  return `${key === "cert.other" ? c.kind : t(key)}${c.number ? ` ${c.number}` : ""}`;
}

/** Certificates as small green badges. */
export function CertificateBadges({ certificates, t }: { certificates: readonly Certificate[]; t: T }) {
  if (certificates.length === 0) return <span className="text-sm text-stone-500">{t("product.noCertificates")}</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {certificates.map((c) => (
        <li key={`${c.kind}-${c.number ?? ""}`} className="rounded-md bg-emerald-50 px-2 py-0.5 text-xs text-emerald-800 ring-1 ring-inset ring-emerald-200">
          {certificateLabel(c, t)}
        </li>
      ))}
    </ul>
  );
}

/** The certificates of each pack's current (newest) lot, without repeats. */
export function currentCertificates(product: Pick<Product, "variants">): Certificate[] {
  const seen = new Set<string>();
  return product.variants.flatMap((v) => v.lots[0]?.certificates ?? []).filter((c) => {
    const key = `${certificateKey(c.kind) === "cert.other" ? c.kind : certificateKey(c.kind)}|${c.number ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The cheapest tier per pack (with its unit) and per kilogram across a product's packs. */
export function priceSummary(variants: readonly Pick<Variant, "unit" | "netWeightGrams" | "priceTiers">[]): { perPack: { unitPriceFen: number; unit: Variant["unit"] } | null; perKgFen: number | null } {
  let perPack: { unitPriceFen: number; unit: Variant["unit"] } | null = null;
  let perKgFen: number | null = null;
  for (const v of variants) {
    for (const tier of v.priceTiers) {
      if (!perPack || tier.unitPriceFen < perPack.unitPriceFen) perPack = { unitPriceFen: tier.unitPriceFen, unit: v.unit };
      const kg = pricePerKgFen(tier.unitPriceFen, v.netWeightGrams);
      if (kg !== null && (perKgFen === null || kg < perKgFen)) perKgFen = kg;
    }
  }
  return { perPack, perKgFen };
}

/** The public URL of a seller's profile photo (app/routes/sellers.$sellerId_.photos.$fileId.tsx). */
export function profilePhotoUrl(sellerId: string, fileId: string): string {
  return `/sellers/${sellerId}/photos/${fileId}`;
}

/** "平台已认证" with a check mark. */
export function VerifiedBadge({ t }: { t: T }) {
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap rounded-md bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-800 ring-1 ring-inset ring-brand-200">
      <span aria-hidden="true">✓</span>
      {t("storefront.verified")}
    </span>
  );
}

/** The seller on a product page: name in both languages, kind, county, verification, a short intro and the way to its storefront. */
export function SellerCard({ seller, t, locale }: { seller: Product["seller"]; t: T; locale: Locale }) {
  const name = bilingualName(seller.name, seller.nameEn, locale);
  const englishIntro = locale === "en" && seller.descriptionEn.trim() !== "";
  const intro = englishIntro ? seller.descriptionEn : seller.descriptionZh;
  const href = `/sellers/${seller.id}`;
  return (
    <section aria-labelledby="seller-card-heading" className="card p-4 sm:p-5">
      <h2 id="seller-card-heading" className="text-sm font-medium text-stone-500">
        {t("storefront.aboutSeller")}
      </h2>
      <div className="mt-2 flex items-start gap-3">
        {seller.photoId ? (
          <img src={profilePhotoUrl(seller.id, seller.photoId)} alt={t("storefront.photoAlt", { name: name.primary })} width={64} height={64} loading="lazy" decoding="async" className="h-16 w-16 shrink-0 rounded-lg bg-stone-100 object-cover" />
        ) : null}
        <div className="min-w-0 space-y-1">
          <p className="font-semibold text-stone-900">
            <Link to={href} className="underline-offset-4 hover:underline">
              {name.primary}
            </Link>
          </p>
          {name.secondary ? (
            <p className="text-sm text-stone-500" lang={locale === "zh" ? "en" : "zh-CN"}>
              {name.secondary}
            </p>
          ) : null}
          <p className="text-sm text-stone-600">
            {t(`orgKind.${seller.kind}`)} · {t("storefront.located", { county: countyName(seller.county, locale) })}
          </p>
          {seller.verified ? <VerifiedBadge t={t} /> : null}
        </div>
      </div>
      {intro.trim() ? (
        <p className="mt-3 line-clamp-3 text-sm text-stone-700" lang={locale === "en" && !englishIntro ? "zh-CN" : undefined}>
          {intro}
        </p>
      ) : null}
      <Link to={href} className="btn-secondary mt-3 w-full sm:w-auto">
        {t("storefront.visit")}
      </Link>
    </section>
  );
}

/** A pack's tiers as a table: from how many packs, the price per pack and what that comes to per kilogram. */
function TierTable({ v, t, locale }: { v: Variant; t: T; locale: Locale }) {
  const unit = unitName(v.unit, locale);
  return (
    <table className="mt-3 w-full text-left text-sm">
      <caption className="sr-only">{t("productPage.tiers")}</caption>
      <thead className="text-xs text-stone-500">
        <tr>
          <th scope="col" className="py-1 pr-2 font-medium">{t("productPage.tierQuantity")}</th>
          <th scope="col" className="py-1 pr-2 font-medium">{t("productPage.tierPerPack", { unit })}</th>
          <th scope="col" className="py-1 font-medium">{t("productPage.tierPerKg")}</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-stone-100">
        {v.priceTiers.map((tier) => {
          const perKg = pricePerKgFen(tier.unitPriceFen, v.netWeightGrams);
          return (
            <tr key={tier.minQuantity} data-testid="price-tier">
              <td className="py-2 pr-2 text-stone-700">{t("productPage.tierFrom", { count: formatPackCount(tier.minQuantity, v.unit, locale) })}</td>
              <td className="py-2 pr-2 font-semibold text-brand-800">{`${formatFen(tier.unitPriceFen, locale)}/${unit}`}</td>
              <td className="py-2 text-stone-700">{perKg === null ? "—" : t("listing.facts.perKg", { price: formatFen(perKg, locale) })}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** A pack's lots: the current (newest) one with its traceability link and certificates first, earlier ones folded away. */
function PackLots({ v, t, locale }: { v: Variant; t: T; locale: Locale }) {
  const [current, ...earlier] = v.lots;
  if (!current) return <p className="mt-3 text-sm text-stone-500">{t("product.noLots")}</p>;
  const dates = (lot: Variant["lots"][number]) => `${t("product.produced")} ${formatDate(lot.producedAt, locale)} · ${t("product.expires")} ${formatDate(lot.expiresAt, locale)}`;
  return (
    <div className="mt-3 rounded-lg border border-stone-200 p-3">
      <Link to={`/t/${current.id}`} data-testid="current-lot" className="inline-flex min-h-11 items-center font-medium text-brand-800 underline underline-offset-4">
        {t("productPage.currentLot", { code: current.code })}
      </Link>
      <p className="text-sm text-stone-600">{dates(current)}</p>
      <div className="mt-2">
        <CertificateBadges certificates={current.certificates} t={t} />
      </div>
      {earlier.length > 0 ? (
        <details className="mt-2">
          <summary className="flex min-h-11 cursor-pointer items-center text-sm font-medium text-brand-700">{t("productPage.earlierLots", { count: formatNumber(earlier.length, locale) })}</summary>
          <ul className="divide-y divide-stone-100 text-sm">
            {earlier.map((lot) => (
              <li key={lot.id} className="py-2">
                <Link to={`/t/${lot.id}`} className="inline-flex min-h-11 items-center font-medium text-brand-800 underline underline-offset-4">
                  {t("product.lot", { code: lot.code })}
                </Link>
                <div className="text-stone-600">{dates(lot)}</div>
                <div className="mt-1">
                  <CertificateBadges certificates={lot.certificates} t={t} />
                </div>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

/**
 * Each pack with its label in the viewer's language, tiered prices per pack and per kg, order rules, harvest
 * windows and its lots. `showAvailability` adds what a buyer can have now ("现货 12 箱" or the next harvest
 * window); `extra` adds per-pack seller details.
 */
export function ProductVariants({
  product,
  t,
  locale,
  extra,
  showAvailability = false,
  today,
}: {
  product: Product;
  t: T;
  locale: Locale;
  extra?: (variantId: string) => React.ReactNode;
  showAvailability?: boolean;
  /** "YYYY-MM-DD" in Beijing time, from the loader so server and browser agree. */
  today?: string;
}) {
  return (
    <ul className="space-y-4">
      {product.variants.map((v) => {
        const rules = [
          v.minOrderQuantity > 1 ? t("listing.facts.minOrder", { count: formatPackCount(v.minOrderQuantity, v.unit, locale) }) : null,
          v.orderMultiple > 1 ? t("listing.facts.multiple", { count: formatPackCount(v.orderMultiple, v.unit, locale) }) : null,
        ].filter(Boolean);
        const availability = showAvailability ? availabilityText(v, t, locale, today) : null;
        return (
          <li key={v.id} className="card p-4 sm:p-5" data-testid="pack">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="text-lg font-semibold">{composePackLabel(v, locale)}</h3>
              <span className="text-xs text-stone-500">{t("product.sku", { sku: v.sku })}</span>
            </div>
            <p className="mt-1 text-sm text-stone-600">
              {t("product.netWeight", { weight: formatWeight(v.netWeightGrams, locale) })}
              {v.netWeightGrams >= 500 ? ` · ${t("product.netWeightJin", { jin: formatJin(v.netWeightGrams, locale) })}` : ""}
              {v.itemCount > 1 ? ` · ${t("listing.facts.itemWeight", { weight: labelWeight(v.itemNetWeightGrams) })}` : ""}
              {v.variableWeight ? ` · ${t("product.variableWeight")}` : ""}
              {!v.active ? ` · ${t("product.notOnSale")}` : ""}
            </p>
            {availability ? (
              <p data-testid="availability" className={`mt-2 inline-flex rounded-md px-2 py-1 text-sm font-medium ${availability.now ? "bg-emerald-50 text-emerald-800" : "bg-amber-50 text-amber-800"}`}>
                {availability.text}
              </p>
            ) : null}
            {rules.length > 0 ? <p className="mt-1 text-sm font-medium text-stone-800">{rules.join(locale === "zh" ? "，" : ", ")}</p> : null}
            {extra ? extra(v.id) : null}
            {v.priceTiers.length > 0 ? <TierTable v={v} t={t} locale={locale} /> : <p className="mt-3 text-sm text-stone-500">{t("catalog.noPrice")}</p>}
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
            <PackLots v={v} t={t} locale={locale} />
          </li>
        );
      })}
    </ul>
  );
}
