import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import type { Permission, Role } from "~/modules/auth/permissions";
import type { Locale } from "~/utils/i18n/locale";
import type { MessageKey } from "~/utils/i18n/messages";
import { translator, type T } from "~/utils/i18n/translate";

const NAV: { permission: Permission; to: string; label: MessageKey }[] = [
  { permission: "read:catalog", to: "/catalog", label: "nav.catalog" },
  { permission: "manage:cart:own", to: "/cart", label: "notifications.nav.cart" },
  { permission: "read:order:own", to: "/orders", label: "notifications.nav.orders" },
  { permission: "manage:delivery-points:own", to: "/account/delivery-points", label: "deliverySetup.points.title" },
  { permission: "manage:api-keys:own", to: "/account/api-keys", label: "api.keys.title" },
  { permission: "read:listing:own", to: "/seller", label: "nav.seller" },
  { permission: "read:operations", to: "/ops", label: "nav.ops" },
  { permission: "read:deliveries:own", to: "/driver", label: "nav.driver" },
  { permission: "manage:organizations", to: "/admin", label: "nav.admin" },
];

interface Props {
  locale: Locale;
  /** unreadNotifications: null when the user may not read notifications. */
  user: { displayName: string; roles: Role[]; permissions: Permission[]; unreadNotifications?: number | null } | null;
}

/** The notification centre's link with the unread count (capped at 99+ so it keeps its size). */
function NotificationsLink({ count, t }: { count: number; t: T }) {
  const label = count > 0 ? t("notifications.nav.withUnread", { count }) : t("notifications.nav.link");
  return (
    <NavLink
      to="/notifications"
      aria-label={label}
      title={label}
      className={({ isActive }) => `relative flex min-h-11 min-w-11 items-center justify-center gap-1 rounded-lg px-2 text-sm hover:bg-brand-700 ${isActive ? "bg-brand-700" : ""}`}
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      <span className="hidden sm:inline">{t("notifications.nav.link")}</span>
      {count > 0 ? (
        <span data-testid="unread-count" className="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-amber-400 px-1 text-center text-xs font-semibold leading-5 text-stone-900 sm:static sm:ml-0.5">
          {count > 99 ? "99+" : count}
        </span>
      ) : null}
    </NavLink>
  );
}

/** Brand, the links the user's permissions allow, language switch, sign-out and sign-out everywhere; plain forms, so it works without JS. */
export function AppHeader({ locale, user }: Props) {
  const t = translator(locale);
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  // Visitors may browse the public catalogue, so they get its link too.
  const links = user ? NAV.filter((item) => user.permissions.includes(item.permission)) : NAV.filter((item) => item.to === "/catalog");
  return (
    <header className="bg-brand-800 text-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-2 px-4 py-2">
        <Link to="/" className="flex min-h-11 min-w-0 items-center gap-2 font-semibold tracking-wide">
          <span aria-hidden="true" className="grid size-9 shrink-0 place-items-center rounded-lg bg-brand-500 text-lg">
            沪
          </span>
          {/* Stacked on phones so the language switch and sign-out fit beside it at 360 px. */}
          <span className="flex flex-col leading-tight sm:flex-row sm:items-baseline sm:gap-2">
            <span className="whitespace-nowrap text-lg">沪明直供</span> <span className="whitespace-nowrap text-xs font-normal text-brand-100 sm:text-lg">Huming Direct</span>
          </span>
        </Link>
        <div className="flex shrink-0 items-center gap-1">
          <Form method="post" action="/locale" reloadDocument>
            <input type="hidden" name="locale" value={locale === "zh" ? "en" : "zh"} />
            <input type="hidden" name="redirectTo" value={here} />
            <button type="submit" className="min-h-11 rounded-lg px-3 text-sm hover:bg-brand-700" title={t("locale.switchLabel")} lang={locale === "zh" ? "en" : "zh-CN"}>
              {t("locale.switchTo")}
            </button>
          </Form>
          {user && typeof user.unreadNotifications === "number" ? <NotificationsLink count={user.unreadNotifications} t={t} /> : null}
          {user ? (
            <Form method="post" action="/logout">
              <button type="submit" className="min-h-11 rounded-lg border border-brand-500 px-3 text-sm hover:bg-brand-700">
                {t("nav.signOut")}
              </button>
            </Form>
          ) : location.pathname !== "/login" ? (
            <Link to="/login" className="flex min-h-11 items-center rounded-lg border border-brand-500 px-3 text-sm hover:bg-brand-700">
              {t("nav.signIn")}
            </Link>
          ) : null}
        </div>
      </div>
      {links.length > 0 ? (
        <div className="border-t border-brand-700 bg-brand-900/40">
          {/* The links wrap instead of scrolling: on a 360 px phone a buyer has five, and a sideways-scrolling row
              hid the last ones without a hint that they were there. */}
          <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 px-4">
            <nav aria-label={t("nav.main")} className="-mx-1 flex min-w-0 flex-1 flex-wrap gap-x-1">
              {links.map((item) => (
                <NavLink
                  key={item.to}
                  to={item.to}
                  prefetch="intent"
                  className={({ isActive }) =>
                    `flex min-h-11 items-center whitespace-nowrap border-b-2 px-2 text-sm sm:px-3 ${isActive ? "border-white font-semibold text-white" : "border-transparent text-brand-100 hover:text-white"}`
                  }
                >
                  {t(item.label)}
                </NavLink>
              ))}
            </nav>
            {user ? (
              <>
                <span className="hidden truncate text-sm text-brand-100 sm:block">{t("nav.signedInAs", { name: user.displayName })}</span>
                {/* Ends the sessions on every device (a lost phone, a shared canteen computer); small and second-row, so the
                    everyday sign-out stays the obvious button and both fit beside the nav at 360 px. */}
                <Form method="post" action="/logout" className="ml-auto shrink-0">
                  <input type="hidden" name="scope" value="all" />
                  <button type="submit" className="min-h-11 whitespace-nowrap px-2 text-xs text-brand-100 underline underline-offset-4 hover:text-white">
                    {t("nav.signOutEverywhere")}
                  </button>
                </Form>
              </>
            ) : null}
          </div>
        </div>
      ) : null}
    </header>
  );
}
