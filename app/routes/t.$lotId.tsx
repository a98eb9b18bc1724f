import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { countyName } from "~/modules/catalog/counties";
import { certificateKey } from "~/modules/catalog/certificates";
import { composePackLabel } from "~/modules/catalog/packs";
import { formatBytes } from "~/modules/lots/attachments";
import { originText, sellerText } from "~/modules/lots/label";
import { getPublicLot } from "~/modules/lots/lots.server";
import { dayOf, expiryState } from "~/modules/lots/rules";
import { getUser, notFound } from "~/modules/auth/request.server";
import { prisma } from "~/utils/db.server";
import { formatNumber } from "~/utils/i18n/format";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { bilingualName } from "~/utils/i18n/names";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { isUuid } from "~/utils/pagination";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "产品溯源" }, { name: "robots", content: "noindex" }];

/**
 * A lot's public traceability page, what its QR label opens: no sign-in. What stays public and why
 * (paused products, suspended sellers) is decided in getPublicLot; an unknown lot, or one of a seller
 * the platform has not verified, is 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!isUuid(params.lotId)) notFound();
  const lot = await getPublicLot(await prisma(), params.lotId);
  if (!lot) notFound();
  const user = await getUser(request);
  const t = translator(await resolveLocale(request, user?.locale));
  return { lot, today: dayOf(new Date()), title: `${t("trace.title")} · ${lot.product.nameZh} ${lot.code}` };
}

export default function TracePage() {
  const { lot, today } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const name = bilingualName(lot.product.nameZh, lot.product.nameEn, locale);
  const expired = expiryState(lot.expiresOn, today) === "expired";
  const facts: [string, string][] = [
    [t("trace.pack"), composePackLabel(lot.variant, locale)],
    [t("trace.seller"), sellerText(lot.seller, locale)],
    [t("trace.origin"), originText(countyName(lot.product.originCounty, locale), lot.originBase, lot.originPlot)],
    [t("trace.produced"), lot.producedOn],
    [t("trace.expires"), lot.expiresOn],
    ...(lot.quantity ? ([[t("trace.quantity"), t("trace.packs", { count: formatNumber(lot.quantity, locale) })]] as [string, string][]) : []),
  ];
  return (
    <article className="mx-auto max-w-xl space-y-5">
      <header className="card p-5">
        <p className="text-sm font-medium text-brand-700">{t("trace.title")}</p>
        <h1 className="mt-1 text-2xl font-semibold text-stone-900">{name.primary}</h1>
        {name.secondary ? <p className="text-stone-500" lang={locale === "zh" ? "en" : "zh-CN"}>{name.secondary}</p> : null}
        <p className="mt-3 text-sm text-stone-600">
          {t("trace.lot")} <span className="font-mono text-lg font-semibold text-stone-900">{lot.code}</span>
        </p>
        {expired ? (
          <p role="alert" className="mt-3 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm font-medium text-red-800">
            {t("trace.expired")}
          </p>
        ) : null}
      </header>

      <section className="card p-5">
        <dl className="space-y-3">
          {facts.map(([label, value]) => (
            <div key={label} className="flex gap-3 border-b border-stone-100 pb-2 last:border-0">
              <dt className="w-24 shrink-0 text-sm text-stone-500">{label}</dt>
              <dd className="min-w-0 break-words text-stone-900">{value}</dd>
            </div>
          ))}
        </dl>
        {lot.onSale ? null : <p className="mt-3 text-sm text-stone-500">{t("trace.notOnSale")}</p>}
      </section>

      <section className="card p-5" aria-labelledby="trace-inspection">
        <h2 id="trace-inspection" className="font-semibold">
          {t("trace.inspection")}
        </h2>
        <p className="mt-1 text-stone-800">{lot.inspection || t("trace.noInspection")}</p>
        <h2 className="mt-4 font-semibold">{t("trace.certificates")}</h2>
        {lot.certificates.length === 0 ? (
          <p className="mt-1 text-stone-600">{t("trace.noCertificates")}</p>
        ) : (
          <ul className="mt-2 space-y-1">
            {lot.certificates.map((c) => (
              <li key={`${c.kind}:${c.number ?? ""}`} className="text-stone-800">
                <span className="font-medium">{t(certificateKey(c.kind))}</span>
                {c.number ? <span className="ml-2 break-all text-sm text-stone-600">{t("trace.certificateNumber", { number: c.number })}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card p-5" aria-labelledby="trace-documents">
        <h2 id="trace-documents" className="font-semibold">
          {t("trace.documents")}
        </h2>
        {lot.attachments.length === 0 ? (
          <p className="mt-1 text-stone-600">{t("trace.noDocuments")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-stone-100">
            {lot.attachments.map((a) => (
              <li key={a.id} className="flex items-center justify-between gap-3 py-2">
                <div className="min-w-0">
                  <p className="font-medium">
                    {t(`lots.kind.${a.kind}`)}
                    {a.number ? <span className="ml-2 break-all text-sm font-normal text-stone-600">{a.number}</span> : null}
                  </p>
                  <p className="truncate text-sm text-stone-500">
                    {a.originalName} · {formatBytes(a.byteSize)}
                  </p>
                </div>
                <a href={`/t/${lot.id}/files/${a.id}?download=1`} className="btn-secondary shrink-0" download={a.originalName}>
                  {t("trace.download")}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card flex flex-col items-center gap-4 p-5 text-center sm:flex-row sm:text-left" aria-labelledby="trace-scan">
        <img src={`/t/${lot.id}/qr`} alt={t("lots.qrAlt")} width={128} height={128} className="h-32 w-32 shrink-0" />
        <div>
          <h2 id="trace-scan" className="font-semibold">
            {t("trace.scanTitle")}
          </h2>
          <p className="mt-1 text-sm text-stone-600">{t("trace.scanBody")}</p>
          <p className="mt-2 text-xs text-stone-500">{t("trace.platform")}</p>
        </div>
      </section>
    </article>
  );
}
