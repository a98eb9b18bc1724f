import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SellerNav } from "~/components/seller-nav";
import { Pagination } from "~/components/ui/pagination";
import { composePackLabel } from "~/modules/catalog/packs";
import { forbidden, notFound, requirePermission } from "~/modules/auth/request.server";
import { sellerOrganizationIds } from "~/modules/seller/console.server";
import { getPackLedger } from "~/modules/stock/stock.server";
import { prisma } from "~/utils/db.server";
import { formatDateTime, formatNumber } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { bilingualName } from "~/utils/i18n/names";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { isUuid, parsePage } from "~/utils/pagination";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "库存记录" }];

/** One pack's stock history: every change with who, when and why. Another seller's pack is 403. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:listing:own");
  if (!isUuid(params.variantId)) notFound();
  const page = parsePage(new URL(request.url).searchParams.get("page"));
  const result = await getPackLedger(await prisma(), params.variantId, sellerOrganizationIds(user.memberships), page);
  if (result.kind === "not_found") notFound();
  if (result.kind === "forbidden") forbidden();
  const locale = await resolveLocale(request, user.locale);
  const t = translator(locale);
  const { pack, balance, entries } = result;
  return {
    pack,
    balance,
    entries,
    title: `${t("stock.history")} · ${bilingualName(pack.nameZh, pack.nameEn, locale).primary} ${composePackLabel(pack, locale)} · ${t("seller.title")}`,
  };
}

/** A signed change for people: "+5", "−3" (a real minus sign), with grouping. */
function signed(n: number, locale: Locale): string {
  return `${n > 0 ? "+" : "−"}${formatNumber(Math.abs(n), locale)}`;
}

export default function PackLedgerPage() {
  const { pack, balance, entries } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const name = bilingualName(pack.nameZh, pack.nameEn, locale);
  const label = composePackLabel(pack, locale);
  return (
    <div>
      <SellerNav current="stock" />
      <Link to={`/seller/stock#pack-${pack.variantId}`} className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700">
        ← {t("stock.back")}
      </Link>
      <header className="mb-4 mt-2">
        <h1 className="text-2xl font-semibold sm:text-3xl">{t("stock.history")}</h1>
        <p className="mt-1 text-stone-700">
          <span className="font-medium">{name.primary}</span> · {label}
          <span className="ml-2 text-sm text-stone-500">{pack.sku}</span>
        </p>
        <p className="mt-1 text-sm text-stone-500">{t("stock.historyIntro")}</p>
      </header>
      <dl className="card mb-6 grid grid-cols-3 gap-2 p-3 text-center">
        <div>
          <dt className="text-xs text-stone-500">{t("stock.onHand")}</dt>
          <dd className="text-lg font-medium tabular-nums">{formatNumber(balance.onHand, locale)}</dd>
        </div>
        <div>
          <dt className="text-xs text-stone-500">{t("stock.reserved")}</dt>
          <dd className="text-lg font-medium tabular-nums">{formatNumber(balance.reserved, locale)}</dd>
        </div>
        <div className="rounded-lg bg-stone-100">
          <dt className="text-xs text-stone-500">{t("stock.available")}</dt>
          <dd className="text-xl font-semibold tabular-nums">{formatNumber(balance.available, locale)}</dd>
        </div>
      </dl>
      {entries.items.length === 0 ? (
        <p className="card p-6 text-center text-stone-600">{t("stock.ledger.empty")}</p>
      ) : (
        <ol className="card divide-y divide-stone-100" aria-label={t("stock.history")}>
          {entries.items.map((e) => (
            <li key={e.id} className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1 p-3">
              <div className="min-w-0">
                <p className="font-medium">{t(`stock.kind.${e.kind}`)}</p>
                {e.note ? <p className="break-words text-sm text-stone-700">{e.note}</p> : null}
                {e.orderNumber || e.lotCode ? (
                  <p className="text-sm text-stone-500">
                    {[e.orderNumber ? t("stock.ledger.order", { number: e.orderNumber }) : null, e.lotCode ? t("stock.ledger.lot", { code: e.lotCode }) : null].filter(Boolean).join(" · ")}
                  </p>
                ) : null}
                <p className="mt-1 text-xs text-stone-500">
                  <time dateTime={new Date(e.createdAt).toISOString()}>{formatDateTime(e.createdAt, locale)}</time> · {e.actorName ?? t("stock.ledger.system")}
                </p>
              </div>
              <div className="shrink-0 text-right text-sm tabular-nums">
                {e.onHandDelta !== 0 ? (
                  <p className={e.onHandDelta > 0 ? "font-semibold text-brand-700" : "font-semibold text-red-700"}>{t("stock.ledger.onHandDelta", { delta: signed(e.onHandDelta, locale) })}</p>
                ) : null}
                {e.reservedDelta !== 0 ? <p className="text-stone-700">{t("stock.ledger.reservedDelta", { delta: signed(e.reservedDelta, locale) })}</p> : null}
              </div>
            </li>
          ))}
        </ol>
      )}
      <Pagination page={entries.page} pages={entries.pages} t={t} />
    </div>
  );
}
