import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { AppHeader } from "~/components/app-header";
import { can } from "~/modules/auth/permissions";
import { getUser } from "~/modules/auth/request.server";
import { forgetDriverPages } from "~/modules/driver/forget-pages";
import { countUnread } from "~/modules/notifications/centre.server";
import { prisma } from "~/utils/db.server";
import { DEFAULT_LOCALE, htmlLang, type Locale } from "~/utils/i18n/locale";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { translator } from "~/utils/i18n/translate";
import { useDocumentRequestId, useNonce } from "~/utils/document-request";
import { requestContext } from "~/utils/request-context";
import { useLocale } from "~/utils/i18n/use-t";
import styles from "./app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  if (!error) return [{ title: "沪明直供 Huming Direct" }];
  const t = translator(data?.locale ?? DEFAULT_LOCALE);
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return [{ title: `${t(`error.${errorKind(status)}.title`)} · ${t("app.name")}` }];
};

type ErrorKind = "400" | "403" | "404" | "405" | "413" | "415" | "500";

function errorKind(status: number): ErrorKind {
  if ([400, 403, 404, 405, 413, 415].includes(status)) return String(status) as ErrorKind;
  return "500";
}

/**
 * Locale, the signed-in user's roles and permissions (so every page can mirror them), their unread
 * notification count for the header, and the request id for error pages. Signed out: no query beyond
 * the session lookup and the same data for everyone, so public pages stay cacheable.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const [locale, unreadNotifications] = await Promise.all([
    resolveLocale(request, user?.locale),
    // One count on the (user_id, created_at) index.
    user && can(user.permissions, "read:notifications:own") ? prisma().then((db) => countUnread(db, user.id)) : Promise.resolve(null),
  ]);
  return {
    locale,
    user: user ? { displayName: user.displayName, roles: user.roles, permissions: user.permissions, unreadNotifications } : null,
    requestId: requestContext(context).requestId ?? null,
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

/** Shell shared by pages and error pages; on a crash before the root loader ran it still renders, in Chinese. */
export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale: Locale = data?.locale ?? DEFAULT_LOCALE;
  const t = translator(locale);
  const nonce = useNonce();
  const requestId = useDocumentRequestId();
  // Only on a page that rendered with the root's data (an error page knows nothing of the session).
  const signedOut = data != null && data.user === null;
  useEffect(() => {
    if (signedOut) void forgetDriverPages().catch(() => undefined);
  }, [signedOut]);
  return (
    <html lang={htmlLang(locale)} data-messages={signedOut ? "public" : "all"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#155345" />
        {requestId ? <meta name="request-id" content={requestId} /> : null}
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-dvh flex-col">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-2 focus:z-10 focus:rounded-lg focus:bg-white focus:px-4 focus:py-2 focus:text-brand-800">
          {t("nav.skipToContent")}
        </a>
        <AppHeader locale={locale} user={data?.user ?? null} />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:py-8">
          {children}
        </main>
        <footer className="border-t border-stone-200 bg-white">
          <div className="mx-auto max-w-6xl px-4 py-4 text-sm text-stone-500">
            {t("app.name")} · {t("app.tagline")}
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/** Error pages in the user's language with the other language underneath and the request id; never a stack trace. */
export function ErrorBoundary() {
  const error = useRouteError();
  const documentRequestId = useDocumentRequestId();
  const requestId = useRouteLoaderData<typeof loader>("root")?.requestId ?? documentRequestId;
  const locale = useLocale();
  const t = translator(locale);
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = errorKind(status);
  const title = t(`error.${kind}.title`);
  const other = translator(locale === "zh" ? "en" : "zh");
  return (
    <section className="card mx-auto max-w-xl p-6 text-center sm:p-10" aria-labelledby="error-title">
      <p className="text-sm font-medium text-brand-700">{t("error.status", { status })}</p>
      <h1 id="error-title" className="mt-2 text-2xl font-semibold text-stone-900">
        {title}
      </h1>
      <p className="mt-1 text-base text-stone-500" lang={locale === "zh" ? "en" : "zh-CN"}>
        {other(`error.${kind}.title`)}
      </p>
      <p className="mt-4 text-stone-700">{t(`error.${kind}.body`)}</p>
      {requestId ? <p className="mt-2 text-sm text-stone-500">{t("error.requestId", { id: requestId })}</p> : null}
      <Link to="/" className="btn-primary mt-6">
        {t("error.backHome")}
      </Link>
    </section>
  );
}
