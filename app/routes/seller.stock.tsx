import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { SellerNav } from "~/components/seller-nav";
import { StatusBadge } from "~/components/ui/badges";
import { FormAlert } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { Pagination } from "~/components/ui/pagination";
import { composePackLabel, formatPackCount, unitName } from "~/modules/catalog/packs";
import { forbidden, notFound, requirePermission } from "~/modules/auth/request.server";
import { sellerOrganizationIds } from "~/modules/seller/console.server";
import { LOW_STOCK_PACKS, MANUAL_REASONS, type ManualReason } from "~/modules/stock/balance";
import { adjustStockSchema } from "~/modules/stock/schemas";
import { adjustOwnStock, listSellerStock, type PackStock } from "~/modules/stock/stock.server";
import { prisma } from "~/utils/db.server";
import { formValues, parseForm, redisplayValues, type FieldErrors } from "~/utils/forms";
import { formatNumber } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import { resolveLocale } from "~/utils/i18n/locale.server";
import type { MessageKey } from "~/utils/i18n/messages";
import { bilingualName } from "~/utils/i18n/names";
import { translator, type T } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { isUuid, parsePage } from "~/utils/pagination";
import { useClientValidation } from "~/utils/use-client-validation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "库存" }];

/** The seller's packs with on hand / reserved / available, each with its adjustment form. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:listing:own");
  const url = new URL(request.url);
  const orgIds = sellerOrganizationIds(user.memberships);
  const stock = await listSellerStock(await prisma(), orgIds, { page: parsePage(url.searchParams.get("page")), now: new Date() });
  const saved = url.searchParams.get("saved");
  const t = translator(await resolveLocale(request, user.locale));
  return { stock, saved: isUuid(saved ?? undefined) ? saved : null, title: `${t("stock.title")} · ${t("seller.title")}` };
}

type ActionData = { variantId: string; values: Record<string, string>; errors: FieldErrors };

/**
 * Records a seller's adjustment (到货入库 / 盘点 / 损耗) of one of its own packs; another seller's pack
 * is 403. On success back to the page (POST-redirect-GET, so a reload cannot record it twice).
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:stock:own");
  const values = formValues(await request.formData());
  const parsed = parseForm(adjustStockSchema, values);
  const variantId = values.variantId ?? "";
  if (parsed.errors) return data<ActionData>({ variantId, values: redisplayValues(values), errors: parsed.errors }, { status: 400 });
  const result = await adjustOwnStock(await prisma(), sellerOrganizationIds(user.memberships), { ...parsed.data, actorId: user.id });
  if (result.kind === "not_found") notFound();
  if (result.kind === "forbidden") forbidden();
  if (result.kind === "refused") return data<ActionData>({ variantId, values: redisplayValues(values), errors: { quantity: result.refusal } }, { status: 400 });
  const page = parsePage(values.page);
  throw redirect(`/seller/stock?${page > 1 ? `page=${page}&` : ""}saved=${parsed.data.variantId}`);
}

const labelOf = (p: PackStock, locale: Locale) => composePackLabel(p, locale);

export default function SellerStockPage() {
  const { stock, saved } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const savedPack = saved ? stock.items.flatMap((p) => p.packs.map((pack) => ({ product: p, pack }))).find((x) => x.pack.variantId === saved) : undefined;
  return (
    <div>
      <SellerNav current="stock" />
      <PageHeader title={t("stock.title")} subtitle={t("stock.intro")} />
      {savedPack ? (
        <p role="status" className="mb-4 rounded-lg border border-brand-200 bg-brand-50 px-4 py-3 text-sm font-medium text-brand-800">
          {t("stock.saved", {
            pack: `${bilingualName(savedPack.product.nameZh, savedPack.product.nameEn, locale).primary} ${labelOf(savedPack.pack, locale)}`,
            onHand: formatNumber(savedPack.pack.onHand, locale),
            reserved: formatNumber(savedPack.pack.reserved, locale),
            available: formatNumber(savedPack.pack.available, locale),
          })}
        </p>
      ) : null}
      {stock.items.length === 0 ? (
        <p className="card p-6 text-center text-stone-600">{t("stock.empty")}</p>
      ) : (
        <ul className="space-y-4">
          {stock.items.map((product) => {
            const name = bilingualName(product.nameZh, product.nameEn, locale);
            return (
              <li key={product.id} className="card p-4">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <h2 className="font-semibold">
                      <Link to={`/seller/products/${product.id}`} className="hover:text-brand-700">
                        {name.primary}
                      </Link>
                    </h2>
                    {name.secondary ? <p className="truncate text-sm text-stone-500">{name.secondary}</p> : null}
                  </div>
                  <StatusBadge status={product.status} t={t} />
                </div>
                {product.packs.length === 0 ? (
                  <p className="mt-3 text-sm text-stone-500">{t("stock.noPacks")}</p>
                ) : (
                  <ul className="mt-3 divide-y divide-stone-100">
                    {product.packs.map((pack) => (
                      <PackRow key={pack.variantId} pack={pack} page={stock.page} productName={name.primary} t={t} locale={locale} />
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <Pagination page={stock.page} pages={stock.pages} t={t} />
    </div>
  );
}

function Figure({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <div className={`rounded-lg px-2 py-1.5 ${strong ? "bg-stone-100" : ""}`}>
      <dt className="text-xs text-stone-500">{label}</dt>
      <dd className={`tabular-nums ${strong ? "text-lg font-semibold" : "text-base font-medium"}`}>{value}</dd>
    </div>
  );
}

function PackRow({ pack, page, productName, t, locale }: { pack: PackStock; page: number; productName: string; t: T; locale: Locale }) {
  const label = labelOf(pack, locale);
  const headingId = `pack-${pack.variantId}-label`;
  return (
    <li id={`pack-${pack.variantId}`} className={`py-3 ${pack.low ? "-mx-2 rounded-lg bg-amber-50 px-2" : ""}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className={`font-medium ${pack.active ? "" : "text-stone-400 line-through"}`}>
          {label}
          {pack.active ? null : <span className="ml-2 text-xs font-normal no-underline">{t("stock.inactivePack")}</span>}
        </h3>
        {pack.low ? (
          <span className="inline-flex items-center rounded-md bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900 ring-1 ring-inset ring-amber-300">{t("stock.low")}</span>
        ) : null}
      </div>
      <dl className="mt-2 grid grid-cols-3 gap-2 text-center" aria-label={t("stock.figures", { pack: `${productName} ${label}` })}>
        <Figure label={t("stock.onHand")} value={formatNumber(pack.onHand, locale)} />
        <Figure label={t("stock.reserved")} value={formatNumber(pack.reserved, locale)} />
        <Figure label={t("stock.available")} value={formatNumber(pack.available, locale)} strong />
      </dl>
      {pack.low ? <p className="mt-1 text-xs text-amber-900">{t("stock.lowHint", { threshold: LOW_STOCK_PACKS, sold: formatPackCount(pack.recentSold, pack.unit, locale) })}</p> : null}
      <div className="mt-2 flex flex-wrap items-start gap-x-4">
        <Link to={`/seller/stock/${pack.variantId}`} className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700" aria-label={t("stock.viewHistoryOf", { pack: `${productName} ${label}` })}>
          {t("stock.viewHistory")} →
        </Link>
      </div>
      <AdjustForm pack={pack} page={page} label={`${productName} ${label}`} t={t} locale={locale} />
    </li>
  );
}

function AdjustForm({ pack, page, label, t, locale }: { pack: PackStock; page: number; label: string; t: T; locale: Locale }) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const mine = actionData?.variantId === pack.variantId ? actionData : undefined;
  const { errors, onSubmit } = useClientValidation(adjustStockSchema, mine?.errors);
  const v = mine?.values ?? {};
  const id = (field: string) => `f-${pack.variantId}-${field}`;
  const params = { onHand: formatNumber(pack.onHand, locale), reserved: formatNumber(pack.reserved, locale), available: formatNumber(pack.available, locale) };
  const err = (field: string) => (errors[field] ? t(errors[field] as MessageKey, params) : undefined);
  const hasErrors = Object.keys(errors).length > 0;
  const busy = navigation.state === "submitting" && navigation.formData?.get("variantId") === pack.variantId;
  const chosen = (v.reason ?? "") as ManualReason | "";
  return (
    <details className="mt-1 rounded-lg border border-stone-200 bg-white" open={hasErrors || undefined}>
      <summary className="flex min-h-11 cursor-pointer items-center px-3 text-sm font-medium text-stone-800">{t("stock.adjust")}</summary>
      <Form method="post" noValidate onSubmit={onSubmit} className="space-y-4 border-t border-stone-200 p-3" aria-label={t("stock.adjustFor", { pack: label })}>
        <input type="hidden" name="variantId" value={pack.variantId} />
        <input type="hidden" name="page" value={page} />
        {hasErrors ? <FormAlert>{errors.variantId ? t(errors.variantId as MessageKey) : t("validation.fixErrors")}</FormAlert> : null}
        <fieldset aria-describedby={errors.reason ? id("reason-error") : undefined}>
          <legend className="mb-2 block text-sm font-medium text-stone-800">{t("stock.reason")}</legend>
          <div className="grid gap-2 sm:grid-cols-3">
            {MANUAL_REASONS.map((reason) => (
              <label key={reason} className="flex min-h-11 cursor-pointer items-start gap-3 rounded-lg border border-stone-300 bg-white px-3 py-2 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                <input type="radio" name="reason" value={reason} defaultChecked={chosen === reason} className="mt-1 size-5 shrink-0 accent-brand-600" />
                <span>
                  <span className="block font-medium">{t(`stock.reason.${reason}`)}</span>
                  <span className="block text-xs text-stone-500">{t(`stock.reasonHint.${reason}`)}</span>
                </span>
              </label>
            ))}
          </div>
          {errors.reason ? (
            <p id={id("reason-error")} className="mt-1 text-sm font-medium text-red-700">
              {err("reason")}
            </p>
          ) : null}
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="space-y-1">
            <label htmlFor={id("quantity")} className="block text-sm font-medium text-stone-800">
              {t("stock.quantity", { unit: unitName(pack.unit, locale) })}
            </label>
            <input
              id={id("quantity")}
              name="quantity"
              inputMode="numeric"
              autoComplete="off"
              enterKeyHint="done"
              className="input"
              defaultValue={v.quantity}
              aria-invalid={errors.quantity ? true : undefined}
              aria-describedby={`${id("quantity")}-hint${errors.quantity ? ` ${id("quantity")}-error` : ""}`}
            />
            <p id={`${id("quantity")}-hint`} className="text-sm text-stone-500">
              {t("stock.quantityHint")}
            </p>
            {errors.quantity ? (
              <p id={`${id("quantity")}-error`} className="text-sm font-medium text-red-700">
                {err("quantity")}
              </p>
            ) : null}
          </div>
          <div className="space-y-1">
            <label htmlFor={id("note")} className="block text-sm font-medium text-stone-800">
              {t("stock.note")}
            </label>
            <input
              id={id("note")}
              name="note"
              maxLength={200}
              className="input"
              defaultValue={v.note}
              placeholder={t("stock.notePlaceholder")}
              aria-invalid={errors.note ? true : undefined}
              aria-describedby={errors.note ? `${id("note")}-error` : undefined}
            />
            {errors.note ? (
              <p id={`${id("note")}-error`} className="text-sm font-medium text-red-700">
                {err("note")}
              </p>
            ) : null}
          </div>
        </div>
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
          {t("stock.submit")}
        </button>
      </Form>
    </details>
  );
}
