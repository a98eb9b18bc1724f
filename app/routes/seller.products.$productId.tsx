import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { ProductFacts, ProductVariants } from "~/components/product-facts";
import { SellerNav } from "~/components/seller-nav";
import { StatusBadge } from "~/components/ui/badges";
import { FormAlert } from "~/components/ui/field";
import { forbidden, notFound, requirePermission } from "~/modules/auth/request.server";
import { publishBlockers } from "~/modules/catalog/listing-schema";
import { formatPackCount } from "~/modules/catalog/packs";
import { changeStatus, isStatusIntent, listingAccess, sellerStanding, standingBlocker, statusIntents, type StatusIntent } from "~/modules/catalog/listing.server";
import { getOwnProduct, sellerOrganizationIds } from "~/modules/seller/console.server";
import { prisma } from "~/utils/db.server";
import { formatDate, formatNumber } from "~/utils/i18n/format";
import { resolveLocale } from "~/utils/i18n/locale.server";
import type { MessageKey } from "~/utils/i18n/messages";
import { bilingualName } from "~/utils/i18n/names";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { logger } from "~/utils/logger.server";
import { isUuid } from "~/utils/pagination";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "卖家中心" }];


/** A seller's own product; someone else's listing is 403 even for another seller. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:listing:own");
  if (!isUuid(params.productId)) notFound();
  const db = await prisma();
  const result = await getOwnProduct(db, params.productId, sellerOrganizationIds(user.memberships));
  if (result.kind === "not_found") notFound();
  if (result.kind === "forbidden") forbidden();
  const locale = await resolveLocale(request, user.locale);
  const t = translator(locale);
  const seller = await sellerStanding(db, result.product.sellerId);
  const completeness = publishBlockers(result.product.variants.map((v) => ({ ...v, tiers: v.priceTiers })));
  const standing = seller ? standingBlocker(seller) : "listing.publish.unverified";
  return {
    ...result,
    intents: statusIntents(result.product.status),
    publishBlockers: [...(standing ? [standing] : []), ...completeness] as MessageKey[],
    verification: seller ? { state: seller.state, reviewNote: seller.reviewNote, orgId: seller.id } : null,
    title: `${bilingualName(result.product.nameZh, result.product.nameEn, locale).primary} · ${t("seller.title")}`,
  };
}

type ActionData = { reasons?: MessageKey[]; conflict?: string };

/** Publish, pause, archive or back to draft (intent=…); publishing needs a verified seller and a complete listing. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:listing:own");
  if (!isUuid(params.productId)) notFound();
  const form = await request.formData();
  const intent = form.get("intent");
  const orgIds = sellerOrganizationIds(user.memberships);
  if (!isStatusIntent(intent)) {
    // Say 403 before 400 for another seller's product, whatever was sent.
    const owner = await listingAccess(await prisma(), params.productId, orgIds);
    if (owner.kind === "not_found") notFound();
    if (owner.kind === "forbidden") forbidden();
    return data<ActionData>({ reasons: [] }, { status: 400 });
  }
  const result = await changeStatus(await prisma(), params.productId, orgIds, intent);
  switch (result.kind) {
    case "not_found":
      notFound();
    case "forbidden":
      forbidden();
    case "blocked":
      return data<ActionData>({ reasons: result.reasons }, { status: 400 });
    case "conflict":
      return data<ActionData>({ conflict: result.status }, { status: 409 });
    case "ok":
      logger.info({ productId: params.productId, userId: user.id, status: result.status }, "listing status changed");
      throw redirect(`/seller/products/${params.productId}?status=${result.status}`);
  }
}

const INTENT_LABEL: Record<StatusIntent, MessageKey> = {
  publish: "listing.status.publish",
  pause: "listing.status.pause",
  archive: "listing.status.archive",
  draft: "listing.status.draft",
};

export default function SellerProductPage() {
  const { product, stock, pendingOrderLines, intents, publishBlockers: blockers, verification } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const name = bilingualName(product.nameZh, product.nameEn, locale);
  const unitOf = Object.fromEntries(product.variants.map((v) => [v.id, v.unit]));
  const changed = search.get("status");
  const notice = search.get("saved")
    ? t("listing.edit.saved")
    : changed === "active"
      ? t("listing.status.published")
      : changed === product.status
        ? t("listing.status.changed", { status: t(`productStatus.${product.status}`) })
        : null;
  const refused = actionData?.reasons && actionData.reasons.length > 0 ? actionData.reasons : null;
  const busy = navigation.state === "submitting";
  return (
    <article className="space-y-6">
      <SellerNav />
      <Link to="/seller" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700">
        ← {t("seller.back")}
      </Link>
      {notice && !actionData ? (
        <p role="status" className="rounded-lg border border-brand-200 bg-brand-50 px-4 py-3 text-sm font-medium text-brand-900">
          {notice}
        </p>
      ) : null}
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold sm:text-3xl">{name.primary}</h1>
          {name.secondary ? <p className="mt-1 text-stone-500">{name.secondary}</p> : null}
          <p className="mt-2 text-sm text-stone-500">{t("seller.updated", { date: formatDate(product.updatedAt, locale) })}</p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <StatusBadge status={product.status} t={t} />
          <Link to={`/seller/products/${product.id}/edit`} className="btn-primary">
            {t("listing.edit.link")}
          </Link>
          <Link to={`/seller/products/${product.id}/photos`} className="btn-secondary">
            {t("photos.manage")}
          </Link>
          {product.status === "active" ? (
            <Link to={`/catalog/${product.id}`} className="btn-secondary">
              {t("seller.viewInCatalog")}
            </Link>
          ) : null}
        </div>
      </header>

      <section className="card space-y-3 p-4 sm:p-5" aria-labelledby="status-heading">
        <h2 id="status-heading" className="text-lg font-semibold">
          {t("listing.status.heading")}
        </h2>
        {actionData?.conflict ? <FormAlert>{t("listing.status.conflict", { status: t(`productStatus.${actionData.conflict as typeof product.status}`) })}</FormAlert> : null}
        {refused ? (
          <FormAlert>
            {t("listing.status.cannotPublish")} {refused.map((r) => t(r)).join(" ")}
          </FormAlert>
        ) : null}
        {intents.includes("publish") && blockers.length > 0 && !refused ? (
          <div className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
            <p className="font-medium">{t("listing.status.cannotPublish")}</p>
            <ul className="mt-1 list-disc pl-5">
              {blockers.map((b) => (
                <li key={b}>{t(b)}</li>
              ))}
            </ul>
            {verification && verification.state !== "verified" ? (
              <Link to={`/seller/profile?org=${encodeURIComponent(verification.orgId)}`} className="mt-2 inline-flex min-h-11 items-center font-medium text-brand-800 underline underline-offset-4">
                {t("listing.status.profileLink")}
              </Link>
            ) : null}
          </div>
        ) : null}
        <Form method="post" className="flex flex-wrap gap-3">
          {intents.map((intent) => (
            <button
              key={intent}
              type="submit"
              name="intent"
              value={intent}
              disabled={busy}
              className={intent === "publish" ? "btn-primary" : intent === "archive" ? "btn border border-red-200 bg-white text-red-700 hover:bg-red-50" : "btn-secondary"}
            >
              {intent === "publish" && product.status === "paused" ? t("listing.status.resume") : t(INTENT_LABEL[intent])}
            </button>
          ))}
        </Form>
      </section>

      <section className="card p-5">
        <ProductFacts product={product} t={t} locale={locale} />
        <p className="mt-4 text-sm text-stone-600">
          {t("seller.pendingLines", { count: formatNumber(pendingOrderLines, locale) })}
        </p>
      </section>
      <section>
        <h2 className="mb-3 text-xl font-semibold">{t("product.variants")}</h2>
        <ProductVariants
          product={product}
          t={t}
          locale={locale}
          extra={(id) => (
            <>
              <p className="mt-1 text-sm font-medium text-stone-800">{t("listing.facts.stock", { count: formatPackCount(stock[id] ?? 0, unitOf[id]!, locale) })}</p>
              <div className="mt-3 grid gap-2 sm:flex sm:flex-wrap">
                <Link to={`/seller/stock/${id}`} className="btn-secondary">
                  {t("listing.pack.stockLink")}
                </Link>
                <Link to={`/seller/lots/new?variant=${encodeURIComponent(id)}`} className="btn-secondary">
                  {t("lots.forPack")}
                </Link>
              </div>
            </>
          )}
        />
      </section>
    </article>
  );
}
