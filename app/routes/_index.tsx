import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { marketplaceStats } from "~/modules/catalog/catalog.server";
import { roleHome } from "~/modules/auth/permissions";
import { getUser } from "~/modules/auth/request.server";
import { prisma } from "~/utils/db.server";
import { formatNumber } from "~/utils/i18n/format";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { translator } from "~/utils/i18n/translate";
import { loaderCacheHeaders, publicPageHeaders } from "~/utils/http-cache";
import { useLocale, useT } from "~/utils/i18n/use-t";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "沪明直供 Huming Direct" },
  { name: "description", content: data?.description ?? "" },
];

/** Public: signed-in users go to their role home; visitors get the landing page with live marketplace figures. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) {
    const home = roleHome(user.roles);
    if (home !== "/") throw redirect(home);
  }
  const t = translator(await resolveLocale(request, user?.locale));
  const stats = await marketplaceStats(await prisma());
  return data(
    { stats, signedIn: user !== null, title: `${t("app.name")} · ${t("app.tagline")}`, description: t("landing.lead") },
    { headers: publicPageHeaders(user !== null) },
  );
}

export const headers = loaderCacheHeaders;

export default function Landing() {
  const { stats, signedIn } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const points = [
    { title: t("landing.point1.title"), body: t("landing.point1.body") },
    { title: t("landing.point2.title"), body: t("landing.point2.body") },
    { title: t("landing.point3.title"), body: t("landing.point3.body") },
  ];
  return (
    <div className="space-y-10">
      <section className="rounded-2xl bg-gradient-to-br from-brand-700 to-brand-900 px-5 py-10 text-white sm:px-10 sm:py-14">
        <p className="text-sm font-medium tracking-widest text-brand-100">{t("app.brand")}</p>
        <h1 className="mt-3 text-3xl font-bold leading-tight sm:text-4xl">{t("landing.title")}</h1>
        <p className="mt-4 max-w-2xl text-lg text-brand-50">{t("landing.lead")}</p>
        <p className="mt-4 text-brand-100">{t("landing.stats", { products: formatNumber(stats.products, locale), sellers: formatNumber(stats.sellers, locale) })}</p>
        {signedIn ? null : (
          <div className="mt-8 flex flex-col gap-3 sm:flex-row">
            <Link to="/login" className="btn bg-white text-brand-800 hover:bg-brand-50">
              {t("landing.signIn")}
            </Link>
            <Link to="/register" className="btn border border-brand-200 text-white hover:bg-brand-700">
              {t("landing.register")}
            </Link>
          </div>
        )}
      </section>
      <section className="grid gap-4 sm:grid-cols-3">
        {points.map((p) => (
          <div key={p.title} className="card p-5">
            <h2 className="text-lg font-semibold text-brand-800">{p.title}</h2>
            <p className="mt-2 text-stone-600">{p.body}</p>
          </div>
        ))}
      </section>
    </div>
  );
}
