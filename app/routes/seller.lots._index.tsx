import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ExpiryBadge } from "~/components/lots/lot-fields";
import { SellerNav } from "~/components/seller-nav";
import { PageHeader } from "~/components/ui/page-header";
import { Pagination } from "~/components/ui/pagination";
import { requirePermission } from "~/modules/auth/request.server";
import { composePackLabel } from "~/modules/catalog/packs";
import { listSellerLots } from "~/modules/lots/lots.server";
import { dayOf, EXPIRING_SOON_DAYS, expiryState } from "~/modules/lots/rules";
import { sellerOrganizationIds } from "~/modules/seller/console.server";
import { prisma } from "~/utils/db.server";
import { formatNumber } from "~/utils/i18n/format";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { bilingualName } from "~/utils/i18n/names";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { isUuid, parsePage } from "~/utils/pagination";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "批次与溯源" }];

/**
 * The seller's lots: within their expiry, soonest first (what to sell or check first), or the
 * expired ones (`?expired=1`); `?product=` or `?variant=` narrows to one product or pack.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:listing:own");
  const url = new URL(request.url);
  const product = url.searchParams.get("product");
  const variant = url.searchParams.get("variant");
  const today = dayOf(new Date());
  const list = await listSellerLots(await prisma(), sellerOrganizationIds(user.memberships), {
    productId: isUuid(product ?? undefined) ? (product as string) : undefined,
    variantId: isUuid(variant ?? undefined) ? (variant as string) : undefined,
    expired: url.searchParams.get("expired") === "1",
    page: parsePage(url.searchParams.get("page")),
    today,
  });
  const t = translator(await resolveLocale(request, user.locale));
  return {
    ...list,
    today,
    filter: { product: isUuid(product ?? undefined) ? product : null, variant: isUuid(variant ?? undefined) ? variant : null, expired: url.searchParams.get("expired") === "1" },
    title: `${t("lots.title")} · ${t("seller.title")}`,
  };
}

export default function SellerLotsPage() {
  const { lots, counts, products, today, filter } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const query = (extra: Record<string, string>) => {
    const q = new URLSearchParams();
    if (filter.product) q.set("product", filter.product);
    if (filter.variant) q.set("variant", filter.variant);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    const s = q.toString();
    return s ? `?${s}` : "";
  };
  return (
    <div>
      <SellerNav current="lots" />
      <PageHeader title={t("lots.title")} subtitle={t("lots.intro")}>
        <Link to={`/seller/lots/new${filter.variant ? `?variant=${filter.variant}` : ""}`} className="btn-primary">
          {t("lots.new")}
        </Link>
      </PageHeader>
      {products.length > 1 ? (
        <Form method="get" className="mb-4 flex flex-wrap items-end gap-3">
          <div className="min-w-0 flex-1 space-y-1 sm:max-w-sm">
            <label htmlFor="f-product" className="block text-sm font-medium text-stone-800">
              {t("lots.filterProduct")}
            </label>
            <select id="f-product" name="product" className="input" defaultValue={filter.product ?? ""}>
              <option value="">{t("lots.allProducts")}</option>
              {products.map((p) => (
                <option key={p.id} value={p.id}>
                  {bilingualName(p.nameZh, p.nameEn, locale).primary}
                </option>
              ))}
            </select>
          </div>
          {filter.expired ? <input type="hidden" name="expired" value="1" /> : null}
          <button type="submit" className="btn-secondary">
            {t("lots.filter")}
          </button>
        </Form>
      ) : null}
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">{filter.expired ? t("lots.expiredList") : t("lots.current")}</h2>
        {filter.expired ? (
          <Link to={`/seller/lots${query({})}`} className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700">
            {t("lots.showCurrent")}
          </Link>
        ) : counts.expired > 0 ? (
          <Link to={`/seller/lots${query({ expired: "1" })}`} className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700">
            {t("lots.showExpired", { count: formatNumber(counts.expired, locale) })}
          </Link>
        ) : null}
      </div>
      {lots.items.length === 0 ? (
        <p className="card p-6 text-center text-stone-600">{filter.expired ? t("lots.emptyExpired") : t("lots.empty")}</p>
      ) : (
        <ul className="space-y-3">
          {lots.items.map((lot) => {
            const name = bilingualName(lot.product.nameZh, lot.product.nameEn, locale);
            const producedOn = dayOf(lot.producedAt);
            const expiresOn = dayOf(lot.expiresAt);
            return (
              <li key={lot.id} className="card p-4">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <h3 className="font-semibold">
                      <Link to={`/seller/lots/${lot.id}`} className="hover:text-brand-700">
                        {t("lots.code", { code: lot.code })}
                      </Link>
                    </h3>
                    <p className="text-sm text-stone-600">
                      {name.primary} · {composePackLabel(lot.variant, locale)}
                    </p>
                  </div>
                  <ExpiryBadge state={expiryState(expiresOn, today)} t={t} soonDays={EXPIRING_SOON_DAYS} />
                </div>
                <p className="mt-2 text-sm text-stone-700">{t("lots.dates", { produced: producedOn, expires: expiresOn })}</p>
                <p className="text-xs text-stone-500">{t("lots.attachmentCount", { count: formatNumber(lot.attachmentCount, locale) })}</p>
                <div className="mt-3 flex flex-wrap gap-2">
                  <Link to={`/seller/lots/${lot.id}`} className="btn-secondary">
                    {t("lots.edit")}
                  </Link>
                  <a href={`/seller/lots/${lot.id}/label`} className="btn-secondary" target="_blank" rel="noreferrer">
                    {t("lots.printLabel")}
                  </a>
                  <a href={`/t/${lot.id}`} className="btn-secondary" target="_blank" rel="noreferrer">
                    {t("lots.publicPage")}
                  </a>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <Pagination page={lots.page} pages={lots.pages} t={t} />
    </div>
  );
}
