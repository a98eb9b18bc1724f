import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ListingEditor } from "~/components/listing/listing-editor";
import { SellerNav } from "~/components/seller-nav";
import { StatusBadge } from "~/components/ui/badges";
import { forbidden, notFound, requirePermission } from "~/modules/auth/request.server";
import { blankPackValues, listingToValues, parseListingForm, type ListingErrors } from "~/modules/catalog/listing-schema";
import { listingAccess, loadListing, saveListing } from "~/modules/catalog/listing.server";
import { sellerOrganizationIds } from "~/modules/seller/console.server";
import { prisma } from "~/utils/db.server";
import { formValues, redisplayValues } from "~/utils/forms";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { logger } from "~/utils/logger.server";
import { isUuid } from "~/utils/pagination";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "编辑商品" }];


/** The editor of one of the seller's own listings; another seller's is 403. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "update:listing:own");
  if (!isUuid(params.productId)) notFound();
  const result = await loadListing(await prisma(), params.productId, sellerOrganizationIds(user.memberships));
  if (result.kind === "not_found") notFound();
  if (result.kind === "forbidden") forbidden();
  const { listing, usage } = result;
  const t = translator(await resolveLocale(request, user.locale));
  const spareId = crypto.randomUUID();
  const values = { ...listingToValues(listing), ...blankPackValues(listing.packs.length, spareId) };
  return {
    productId: listing.id,
    status: listing.status,
    nameZh: listing.nameZh,
    updatedAt: new Date(listing.updatedAt).toISOString(),
    values,
    spareId,
    skus: Object.fromEntries(listing.packs.map((p) => [p.id, p.sku])),
    inUse: Object.fromEntries(Object.entries(usage).map(([id, u]) => [id, u.inUse])),
    title: `${t("listing.edit.title")} · ${listing.nameZh}`,
  };
}

type ActionData = { values: Record<string, string>; errors: ListingErrors };

/** Saves the whole form: every field valid, or nothing stored and every error on its field. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:listing:own");
  if (!isUuid(params.productId)) notFound();
  const orgIds = sellerOrganizationIds(user.memberships);
  const values = formValues(await request.formData());
  delete values.intent;
  const parsed = parseListingForm(values);
  const db = await prisma();
  if (!parsed.ok) {
    // Ownership first: another seller's product is 403 whatever was sent.
    const owner = await listingAccess(db, params.productId, orgIds);
    if (owner.kind === "not_found") notFound();
    if (owner.kind === "forbidden") forbidden();
    return data<ActionData>({ values: redisplayValues(values), errors: parsed.errors }, { status: 400 });
  }
  const result = await saveListing(db, params.productId, orgIds, parsed.data, "save");
  if (result.kind === "not_found") notFound();
  if (result.kind === "forbidden") forbidden();
  if (result.kind === "invalid") return data<ActionData>({ values: redisplayValues(values), errors: result.errors }, { status: 400 });
  if (result.kind !== "ok") throw new Error(`unexpected save result ${result.kind}`);
  logger.info({ productId: params.productId, userId: user.id }, "listing saved");
  throw redirect(`/seller/products/${params.productId}?saved=1`);
}

export default function ListingEditPage() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="mx-auto max-w-3xl">
      <SellerNav />
      <Link to={`/seller/products/${loaded.productId}`} className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700">
        ← {t("listing.edit.back")}
      </Link>
      <header className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold sm:text-3xl">{t("listing.edit.title")}</h1>
        <StatusBadge status={loaded.status} t={t} />
      </header>
      <ListingEditor
        productId={loaded.productId}
        autosaveUrl={`/seller/products/${loaded.productId}/autosave`}
        status={loaded.status}
        serverUpdatedAt={loaded.updatedAt}
        values={actionData?.values ?? loaded.values}
        spareId={loaded.spareId}
        errors={actionData?.errors}
        skus={loaded.skus}
        inUse={loaded.inUse}
        t={t}
        locale={locale}
      />
    </div>
  );
}
