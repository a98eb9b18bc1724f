import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Tag } from "~/components/ui/badges";
import { PageHeader } from "~/components/ui/page-header";
import { Pagination } from "~/components/ui/pagination";
import { can } from "~/modules/auth/permissions";
import { formatPhone } from "~/modules/auth/phone";
import { listOrganizations, listUsers } from "~/modules/admin/directory.server";
import { requirePermission } from "~/modules/auth/request.server";
import { prisma } from "~/utils/db.server";
import { formatDate, formatNumber } from "~/utils/i18n/format";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { parsePage } from "~/utils/pagination";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "平台管理" }];

/** Administrators: organizations (manage:organizations) or users (?view=users, manage:users), paginated. */
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
  return view === "users"
    ? { view, tabs, users: await listUsers(db, page), orgs: null, title }
    : { view, tabs, orgs: await listOrganizations(db, page), users: null, title };
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
  return (
    <div>
      <PageHeader title={t("admin.title")} subtitle={t("admin.total", { count: formatNumber(page.total, locale) })} />
      <nav className="mb-4 flex border-b border-stone-200">
        {data.tabs.orgs ? tab("orgs", t("admin.orgs")) : null}
        {data.tabs.users ? tab("users", t("admin.users")) : null}
      </nav>
      <div className="card overflow-x-auto">
        {data.orgs ? (
          <table className="w-full min-w-[36rem] text-left text-sm">
            <thead className="bg-stone-50 text-stone-600">
              <tr>
                <th className="px-4 py-3 font-medium">{t("admin.name")}</th>
                <th className="px-4 py-3 font-medium">{t("admin.kind")}</th>
                <th className="px-4 py-3 font-medium">{t("admin.county")}</th>
                <th className="px-4 py-3 text-right font-medium">{t("admin.members")}</th>
                <th className="px-4 py-3 font-medium">{t("admin.created")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {data.orgs.items.map((o) => (
                <tr key={o.id}>
                  <td className="px-4 py-3 font-medium">{o.name}</td>
                  <td className="px-4 py-3">{t(`orgKind.${o.kind}`)}</td>
                  <td className="px-4 py-3">{o.county}</td>
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
                        <Tag key={`${m.role}-${m.organizationName}`}>
                          {t(`role.${m.role}`)} · {m.organizationName}
                        </Tag>
                      ))}
                    </div>
                  </td>
                  <td className="px-4 py-3">{t(`language.${u.locale}`)}</td>
                  <td className="px-4 py-3">{u.active ? t("admin.active") : t("admin.disabled")}</td>
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
