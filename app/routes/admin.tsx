import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Tag } from "~/components/ui/badges";
import { PageHeader } from "~/components/ui/page-header";
import { Pagination } from "~/components/ui/pagination";
import { VerificationBadge } from "~/components/verification-banner";
import { can } from "~/modules/auth/permissions";
import { formatPhone } from "~/modules/auth/phone";
import { listOrganizations, listUsers, parseOrganizationFilters, parseUserFilters, pendingReviewCount } from "~/modules/admin/directory.server";
import { requirePermission } from "~/modules/auth/request.server";
import { isSellerKind, VERIFICATION_STATES } from "~/modules/sellers/status";
import { prisma } from "~/utils/db.server";
import { formatDate, formatNumber } from "~/utils/i18n/format";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { parsePage } from "~/utils/pagination";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "平台管理" }];

const ORG_KIND_OPTIONS = ["cooperative", "snack_supplier", "wholesale_market", "canteen", "community_group", "platform"] as const;

/**
 * Administrators: organizations (manage:organizations; ?q= name, licence number, county or phone, &kind=, &state=)
 * or users (?view=users, manage:users; ?q= phone or name, &status=active|disabled), paginated. The review
 * queue (sellers waiting for a review) is counted and one click away.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const view = url.searchParams.get("view") === "users" ? "users" : "orgs";
  // Each list has its own permission, so a role can be given one directory without the other.
  const user = view === "users" ? await requirePermission(request, "manage:users") : await requirePermission(request, "manage:organizations");
  const page = parsePage(url.searchParams.get("page"));
  const db = await prisma();
  const t = translator(await resolveLocale(request, user.locale));
  const title = `${t("admin.title")} · ${t("app.name")}`;
  // The tabs mirror the permissions: a tab the user could not open is not shown.
  const tabs = { orgs: can(user.permissions, "manage:organizations"), users: can(user.permissions, "manage:users") };
  const pending = tabs.orgs ? await pendingReviewCount(db) : null;
  if (view === "users") {
    const userFilters = parseUserFilters(url.searchParams);
    return { view, tabs, pending, users: await listUsers(db, page, userFilters), userFilters, orgs: null, orgFilters: null, title };
  }
  const orgFilters = parseOrganizationFilters(url.searchParams);
  return { view, tabs, pending, orgs: await listOrganizations(db, page, orgFilters), orgFilters, users: null, userFilters: null, title };
}

export default function AdminPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const tab = (view: "orgs" | "users", label: string) => (
    <Link
      to={view === "orgs" ? "/admin" : "/admin?view=users"}
      aria-current={data.view === view ? "page" : undefined}
      className={`flex min-h-11 items-center border-b-2 px-4 font-medium ${data.view === view ? "border-brand-600 text-brand-800" : "border-transparent text-stone-600 hover:text-stone-900"}`}
    >
      {label}
    </Link>
  );
  const page = data.orgs ?? data.users;
  const filtered = data.orgFilters ? Object.keys(data.orgFilters).length > 0 : data.userFilters ? Object.keys(data.userFilters).length > 0 : false;
  return (
    <div>
      <PageHeader title={t("admin.title")} subtitle={t("admin.total", { count: formatNumber(page.total, locale) })}>
        {data.pending !== null ? (
          <Link to="/admin?state=submitted" className={`chip min-h-11 ${data.pending > 0 ? "border-sky-300 bg-sky-50 font-medium text-sky-900" : "border-stone-300 bg-white text-stone-600"}`} data-testid="pending-review">
            {t("adminReview.pendingCount", { count: formatNumber(data.pending, locale) })}
          </Link>
        ) : null}
      </PageHeader>
      <nav className="mb-4 flex border-b border-stone-200">
        {data.tabs.orgs ? tab("orgs", t("admin.orgs")) : null}
        {data.tabs.users ? tab("users", t("admin.users")) : null}
      </nav>

      {/* Plain GET forms: the filters live in the URL, work without JS and survive reloads. */}
      {data.orgFilters ? (
        <Form method="get" role="search" className="mb-4 grid gap-2 sm:grid-cols-[1fr_auto_auto_auto]" aria-label={t("adminReview.searchOrgs")}>
          <label className="sr-only" htmlFor="admin-q">
            {t("adminReview.searchOrgs")}
          </label>
          <input id="admin-q" name="q" type="search" defaultValue={data.orgFilters.q ?? ""} placeholder={t("adminReview.searchOrgsPlaceholder")} maxLength={100} className="input" />
          <label className="sr-only" htmlFor="admin-kind">
            {t("adminReview.filterKind")}
          </label>
          <select id="admin-kind" name="kind" defaultValue={data.orgFilters.kind ?? ""} className="input">
            <option value="">{t("adminReview.allKinds")}</option>
            {ORG_KIND_OPTIONS.map((k) => (
              <option key={k} value={k}>
                {t(`orgKind.${k}`)}
              </option>
            ))}
          </select>
          <label className="sr-only" htmlFor="admin-state">
            {t("adminReview.filterState")}
          </label>
          <select id="admin-state" name="state" defaultValue={data.orgFilters.state ?? ""} className="input">
            <option value="">{t("adminReview.allStates")}</option>
            {VERIFICATION_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`onboarding.status.${s}`)}
              </option>
            ))}
          </select>
          <button type="submit" className="btn-primary">
            {t("adminReview.search")}
          </button>
        </Form>
      ) : null}
      {data.userFilters ? (
        <Form method="get" role="search" className="mb-4 grid gap-2 sm:grid-cols-[1fr_auto_auto]" aria-label={t("adminReview.searchUsers")}>
          <input type="hidden" name="view" value="users" />
          <label className="sr-only" htmlFor="admin-user-q">
            {t("adminReview.searchUsers")}
          </label>
          <input id="admin-user-q" name="q" type="search" defaultValue={data.userFilters.q ?? ""} placeholder={t("adminReview.searchUsersPlaceholder")} maxLength={100} className="input" />
          <label className="sr-only" htmlFor="admin-user-status">
            {t("adminReview.filterUserStatus")}
          </label>
          <select id="admin-user-status" name="status" defaultValue={data.userFilters.active === undefined ? "" : data.userFilters.active ? "active" : "disabled"} className="input">
            <option value="">{t("adminReview.allUsers")}</option>
            <option value="active">{t("admin.active")}</option>
            <option value="disabled">{t("admin.disabled")}</option>
          </select>
          <button type="submit" className="btn-primary">
            {t("adminReview.search")}
          </button>
        </Form>
      ) : null}
      {filtered ? (
        <p className="mb-3 text-sm">
          <Link to={data.view === "users" ? "/admin?view=users" : "/admin"} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline underline-offset-4">
            {t("adminReview.clear")}
          </Link>
        </p>
      ) : null}

      <div className="card overflow-x-auto">
        {page.items.length === 0 ? (
          <p className="p-6 text-center text-stone-600">{t("adminReview.noResults")}</p>
        ) : data.orgs ? (
          <table className="w-full min-w-[44rem] text-left text-sm">
            <thead className="bg-stone-50 text-stone-600">
              <tr>
                <th className="px-4 py-3 font-medium">{t("admin.name")}</th>
                <th className="px-4 py-3 font-medium">{t("admin.kind")}</th>
                <th className="px-4 py-3 font-medium">{t("admin.county")}</th>
                <th className="px-4 py-3 font-medium">{t("adminReview.state")}</th>
                <th className="px-4 py-3 font-medium">{t("adminReview.licence")}</th>
                <th className="px-4 py-3 text-right font-medium">{t("admin.members")}</th>
                <th className="px-4 py-3 font-medium">{t("admin.created")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {data.orgs.items.map((o) => (
                <tr key={o.id}>
                  <td className="px-4 py-3 font-medium">
                    <Link to={`/admin/organizations/${o.id}`} className="text-brand-800 underline underline-offset-4">
                      {o.name}
                    </Link>
                  </td>
                  <td className="px-4 py-3">{t(`orgKind.${o.kind}`)}</td>
                  <td className="px-4 py-3">{o.county}</td>
                  <td className="whitespace-nowrap px-4 py-3">
                    {isSellerKind(o.kind) || o.state === "suspended" ? <VerificationBadge state={o.state} t={t} /> : <span className="text-stone-400">—</span>}
                    {o.state === "submitted" && o.submittedAt ? <span className="ml-2 text-xs text-stone-500">{formatDate(o.submittedAt, locale)}</span> : null}
                  </td>
                  <td className="px-4 py-3 font-mono text-xs">{o.businessLicenceNo ?? "—"}</td>
                  <td className="px-4 py-3 text-right">{formatNumber(o.members, locale)}</td>
                  <td className="whitespace-nowrap px-4 py-3 text-stone-600">{formatDate(o.createdAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <table className="w-full min-w-[40rem] text-left text-sm">
            <thead className="bg-stone-50 text-stone-600">
              <tr>
                <th className="px-4 py-3 font-medium">{t("admin.name")}</th>
                <th className="px-4 py-3 font-medium">{t("admin.phone")}</th>
                <th className="px-4 py-3 font-medium">{t("admin.roles")}</th>
                <th className="px-4 py-3 font-medium">{t("admin.language")}</th>
                <th className="px-4 py-3 font-medium">{t("admin.status")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {data.users?.items.map((u) => (
                <tr key={u.id}>
                  <td className="px-4 py-3 font-medium">{u.displayName}</td>
                  <td className="whitespace-nowrap px-4 py-3 font-mono">{formatPhone(u.phone)}</td>
                  <td className="px-4 py-3">
                    <div className="flex flex-wrap gap-1">
                      {u.memberships.length === 0 ? <span className="text-stone-500">{t("admin.noRoles")}</span> : null}
                      {u.memberships.map((m) => (
                        <Tag key={`${m.role}-${m.organizationId}`}>
                          {t(`role.${m.role}`)} ·{" "}
                          {data.tabs.orgs ? (
                            <Link to={`/admin/organizations/${m.organizationId}`} className="underline underline-offset-2">
                              {m.organizationName}
                            </Link>
                          ) : (
                            m.organizationName
                          )}
                          {m.organizationSuspended ? ` ${t("adminReview.orgSuspended")}` : null}
                        </Tag>
                      ))}
                    </div>
                  </td>
                  <td className="px-4 py-3">{t(`language.${u.locale}`)}</td>
                  <td className="px-4 py-3">{u.active ? t("admin.active") : <span className="font-medium text-red-700">{t("admin.disabled")}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <Pagination page={page.page} pages={page.pages} t={t} />
    </div>
  );
}
