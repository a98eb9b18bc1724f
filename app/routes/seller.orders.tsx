import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { SellerNav } from "~/components/seller-nav";
import { PageHeader } from "~/components/ui/page-header";
import { Pagination } from "~/components/ui/pagination";
import { requirePermission } from "~/modules/auth/request.server";
import { INBOX_STATUS_FILTERS, parseInboxFilters } from "~/modules/orders/inbox-filters";
import { listSellerInbox, type InboxItem } from "~/modules/orders/inbox.server";
import { sellerOrganizationIds } from "~/modules/seller/console.server";
import { prisma } from "~/utils/db.server";
import { formatDateTime, formatFen, formatNumber, formatTimeRange, formatWeight, intlTag, TIME_ZONE } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import { resolveLocale } from "~/utils/i18n/locale.server";
import type { MessageKey } from "~/utils/i18n/messages";
import { orgName, placeName } from "~/utils/i18n/names";
import { translator, type T } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { FilterActions, FilterField, IgnoredFilters } from "~/components/orders/filter-actions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "订单" }];

const DONE = ["confirm"] as const;

/** The seller's order inbox: its seller orders by delivery date, filtered by status, date and buyer. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:seller-order:own");
  const url = new URL(request.url);
  const { filters, ignored } = parseInboxFilters(url.searchParams);
  const inbox = await listSellerInbox(await prisma(), sellerOrganizationIds(user.memberships), filters);
  const t = translator(await resolveLocale(request, user.locale));
  const done = url.searchParams.get("done");
  return {
    inbox,
    filters,
    ignored: ignored.length > 0,
    done: done && (DONE as readonly string[]).includes(done) ? done : null,
    title: `${t("fulfilment.inbox.title")} · ${t("seller.title")}`,
  };
}

/** "2026年12月3日星期四" / "Thursday 3 December 2026" for a Beijing day (YYYY-MM-DD). */
function dayHeading(day: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlTag(locale), { timeZone: TIME_ZONE, dateStyle: "full" }).format(new Date(`${day}T12:00:00+08:00`));
}

function statusLabel(status: (typeof INBOX_STATUS_FILTERS)[number], t: T): string {
  if (status === "open" || status === "all") return t(`fulfilment.filter.status.${status}`);
  return t(`checkout.sellerStatus.${status}` as MessageKey);
}

export default function SellerOrdersPage() {
  const { inbox, filters, ignored, done } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const returnTo = `${location.pathname}${location.search.replace(/([?&])done=[^&]*&?/, "$1").replace(/[?&]$/, "")}`;
  const filtered = filters.status !== "open" || filters.date !== null || filters.buyer !== "";
  return (
    <div>
      <SellerNav current="orders" />
      <PageHeader title={t("fulfilment.inbox.title")} subtitle={t("fulfilment.inbox.intro")} />
      {done ? (
        <p role="status" className="mb-4 rounded-lg border border-brand-200 bg-brand-50 px-4 py-3 text-sm font-medium text-brand-800">
          {t("fulfilment.done.confirm")}
        </p>
      ) : null}
      <Form method="get" className="card mb-4 grid gap-3 p-4 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end" aria-label={t("fulfilment.filter.submit")}>
        <FilterField id="f-status" label={t("fulfilment.filter.status")}>
          <select id="f-status" name="status" defaultValue={filters.status} className="input">
            {INBOX_STATUS_FILTERS.map((s) => {
              const count = s === "open" ? (inbox.counts.placed ?? 0) + (inbox.counts.confirmed ?? 0) : s === "all" ? null : (inbox.counts[s] ?? 0);
              return (
                <option key={s} value={s}>
                  {statusLabel(s, t)}
                  {count !== null ? ` (${formatNumber(count, locale)})` : ""}
                </option>
              );
            })}
          </select>
        </FilterField>
        <FilterField id="f-date" label={t("fulfilment.filter.date")}>
          <input id="f-date" name="date" type="date" defaultValue={filters.date ?? ""} className="input" />
        </FilterField>
        <FilterField id="f-buyer" label={t("fulfilment.filter.buyer")}>
          <input id="f-buyer" name="buyer" type="search" maxLength={60} defaultValue={filters.buyer} placeholder={t("fulfilment.filter.buyerPlaceholder")} className="input" />
        </FilterField>
        <FilterActions clearTo="/seller/orders" filtered={filtered} className="flex gap-2" />
      </Form>
      <IgnoredFilters ignored={ignored} />
      <p className="mb-4 text-sm text-stone-600">{t("fulfilment.inbox.count", { total: formatNumber(inbox.total, locale) })}</p>
      {inbox.days.length === 0 ? (
        <p className="card p-6 text-center text-stone-600">{t("fulfilment.inbox.empty")}</p>
      ) : (
        <div className="space-y-8">
          {inbox.days.map((group) => {
            const headingId = `day-${group.day ?? "none"}`;
            return (
              <section key={group.day ?? "none"} aria-labelledby={headingId}>
                <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
                  <h2 id={headingId} className="text-lg font-semibold">
                    {group.day ? t("fulfilment.inbox.deliveryOn", { date: dayHeading(group.day, locale) }) : t("fulfilment.inbox.noSlot")}
                  </h2>
                  <p className="text-sm text-stone-600">
                    {t("fulfilment.inbox.dayTotal", { count: formatNumber(group.items.length, locale), amount: formatFen(group.subtotalFen, locale) })}
                    {group.day ? (
                      <>
                        {" · "}
                        <a href={`/seller/orders/packing-list.pdf?date=${group.day}`} className="font-medium text-brand-700" aria-label={t("fulfilment.inbox.packingListFor", { date: dayHeading(group.day, locale) })}>
                          {t("fulfilment.inbox.packingList")}
                        </a>
                      </>
                    ) : null}
                  </p>
                </div>
                <ul className="space-y-3">
                  {group.items.map((item) => (
                    <InboxCard key={item.sellerOrderId} item={item} returnTo={returnTo} t={t} locale={locale} />
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      )}
      <Pagination page={inbox.page} pages={inbox.pages} t={t} />
    </div>
  );
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["inbox"]["items"][number];

function InboxCard({ item, returnTo, t, locale }: { item: Item | InboxItem; returnTo: string; t: T; locale: Locale }) {
  const href = `/seller/orders/${item.sellerOrderId}`;
  return (
    <li className="card p-4" data-number={item.number}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="font-semibold">
            <Link to={href} className="hover:text-brand-700">
              {orgName(item.buyer.name, item.buyer.nameEn, locale)}
            </Link>
          </h3>
          <p className="text-sm text-stone-500">
            {item.number} · <span className="font-medium text-stone-700">{t(`checkout.sellerStatus.${item.status}` as MessageKey)}</span>
          </p>
        </div>
        <p className="text-right">
          <span className="block text-xs text-stone-500">{t("fulfilment.order.subtotal")}</span>
          <span className="text-lg font-semibold tabular-nums">{formatFen(item.subtotalFen, locale)}</span>
        </p>
      </div>
      <p className="mt-1 text-sm text-stone-600">
        {item.slot ? `${t("fulfilment.inbox.slot", { range: formatTimeRange(item.slot.startsAt, item.slot.endsAt, locale) })} · ` : ""}
        {t("fulfilment.inbox.placedAt", { time: formatDateTime(item.placedAt, locale) })} · {t("fulfilment.inbox.lines", { count: formatNumber(item.lines.length, locale), weight: formatWeight(item.weightGrams, locale) })}
      </p>
      <p className="text-sm text-stone-500">{[item.deliveryPointName ? placeName(item.deliveryPointName, item.deliveryPointNameEn, locale) : "", item.deliveryAddress].filter(Boolean).join(" · ")}</p>
      {item.toWeigh > 0 || item.shortLines > 0 ? (
        <p className="mt-1 text-sm font-medium text-amber-900">
          {[item.toWeigh > 0 ? t("fulfilment.inbox.toWeigh", { count: formatNumber(item.toWeigh, locale) }) : null, item.shortLines > 0 ? t("fulfilment.inbox.short", { count: formatNumber(item.shortLines, locale) }) : null]
            .filter(Boolean)
            .join(" · ")}
        </p>
      ) : null}
      {item.note ? <p className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("fulfilment.inbox.buyerNote", { note: item.note })}</p> : null}
      <div className="mt-3 flex flex-wrap gap-2">
        <Link to={href} className="btn-secondary" aria-label={t("fulfilment.inbox.openOrder", { number: item.number })}>
          {t("fulfilment.inbox.open")}
        </Link>
        {item.status === "placed" ? (
          <Form method="post" action={href}>
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="returnTo" value={returnTo} />
            <button type="submit" className="btn-primary" aria-label={t("fulfilment.inbox.confirmAllOf", { number: item.number })}>
              {t("fulfilment.inbox.confirmAll")}
            </button>
          </Form>
        ) : null}
      </div>
    </li>
  );
}
