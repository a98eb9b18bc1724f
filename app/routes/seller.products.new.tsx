import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { SellerNav } from "~/components/seller-nav";
import { Field, FormAlert } from "~/components/ui/field";
import type { TempClass } from "~/generated/prisma/enums";
import { forbidden, requirePermission } from "~/modules/auth/request.server";
import { CATEGORIES } from "~/modules/catalog/categories";
import { countyName, isSanmingCounty, SANMING_COUNTIES } from "~/modules/catalog/counties";
import { newListingSchema, TEMP_CLASSES } from "~/modules/catalog/listing-schema";
import { createDraft } from "~/modules/catalog/listing.server";
import { sellerOrganizationIds, sellerOrganizations } from "~/modules/seller/console.server";
import { prisma } from "~/utils/db.server";
import { formValues, parseForm, redisplayValues, type FieldErrors } from "~/utils/forms";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { logger } from "~/utils/logger.server";
import { useClientValidation } from "~/utils/use-client-validation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "发布新商品" }];

/** The first step of a new listing: the few fields a draft needs; the editor does the rest. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "update:listing:own");
  const orgIds = sellerOrganizationIds(user.memberships);
  if (orgIds.length === 0) forbidden();
  const db = await prisma();
  const organizations = (await sellerOrganizations(db, orgIds)).map(({ id, name, county }) => ({ id, name, county }));
  const t = translator(await resolveLocale(request, user.locale));
  // Most cooperatives sell what grows in their own county: start there.
  const home = organizations.find((o) => isSanmingCounty(o.county))?.county ?? "";
  return { organizations, defaults: { originCounty: home, tempClass: "ambient", shelfLifeDays: "" }, title: `${t("listing.new.title")} · ${t("seller.title")}` };
}

type ActionData = { values: Record<string, string>; errors: FieldErrors };

/** Creates the draft for one of the user's selling organizations and opens the editor. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:listing:own");
  const orgIds = sellerOrganizationIds(user.memberships);
  if (orgIds.length === 0) forbidden();
  const values = formValues(await request.formData());
  const sellerId = values.organizationId || orgIds[0]!;
  if (!orgIds.includes(sellerId)) forbidden();
  const parsed = parseForm(newListingSchema, values);
  if (parsed.errors) return data<ActionData>({ values: redisplayValues(values), errors: parsed.errors }, { status: 400 });
  const product = await createDraft(await prisma(), sellerId, parsed.data);
  logger.info({ productId: product.id, sellerId, userId: user.id }, "listing draft created");
  throw redirect(`/seller/products/${product.id}/edit`);
}

export default function NewListingPage() {
  const { organizations, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const { errors, onSubmit } = useClientValidation(newListingSchema, actionData?.errors);
  const v: Record<string, string> = actionData?.values ?? defaults;
  const err = (field: string) => (errors[field] ? t(errors[field]) : undefined);
  return (
    <div className="mx-auto max-w-2xl">
      <SellerNav current="newProduct" />
      <h1 className="text-2xl font-semibold sm:text-3xl">{t("listing.new.title")}</h1>
      <p className="mt-2 text-stone-600">{t("listing.new.intro")}</p>
      <Form method="post" noValidate onSubmit={onSubmit} className="mt-6 space-y-4">
        {Object.keys(errors).length > 0 ? <FormAlert>{t("validation.fixErrors")}</FormAlert> : null}
        <div className="card space-y-4 p-4 sm:p-6">
          {organizations.length > 1 ? (
            <SelectField name="organizationId" label={t("listing.new.organization")} defaultValue={v.organizationId ?? organizations[0]?.id}>
              {organizations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </SelectField>
          ) : null}
          <Field name="nameZh" label={t("listing.field.nameZh")} required maxLength={100} defaultValue={v.nameZh} error={err("nameZh")} />
          <SelectField name="category" label={t("listing.field.category")} defaultValue={v.category ?? ""} error={err("category")} placeholder={t("listing.field.choose")}>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`category.${c}`)}
              </option>
            ))}
          </SelectField>
          <SelectField name="originCounty" label={t("listing.field.originCounty")} defaultValue={v.originCounty ?? ""} error={err("originCounty")} placeholder={t("listing.field.choose")}>
            {SANMING_COUNTIES.map((c) => (
              <option key={c} value={c}>
                {locale === "zh" ? c : `${countyName(c, "en")} ${c}`}
              </option>
            ))}
          </SelectField>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-stone-800">{t("listing.field.tempClass")}</legend>
            <div className="grid gap-2 sm:grid-cols-3">
              {TEMP_CLASSES.map((c: TempClass) => (
                <label key={c} className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border border-stone-300 bg-white px-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                  <input type="radio" name="tempClass" value={c} defaultChecked={v.tempClass === c} className="size-5 accent-brand-600" />
                  <span>{t(`tempRange.${c}`)}</span>
                </label>
              ))}
            </div>
            {errors.tempClass ? <p className="text-sm font-medium text-red-700">{t(errors.tempClass)}</p> : null}
          </fieldset>
          <Field name="shelfLifeDays" label={t("listing.field.shelfLifeDays")} inputMode="numeric" required defaultValue={v.shelfLifeDays} error={err("shelfLifeDays")} />
        </div>
        <div className="flex flex-wrap gap-3">
          <button type="submit" className="btn-primary w-full sm:w-auto" disabled={navigation.state === "submitting"}>
            {t("listing.new.submit")}
          </button>
          <Link to="/seller" className="btn-secondary w-full sm:w-auto">
            {t("seller.back")}
          </Link>
        </div>
      </Form>
    </div>
  );
}

function SelectField({ name, label, defaultValue, error, placeholder, children }: { name: string; label: string; defaultValue?: string; error?: string; placeholder?: string; children: React.ReactNode }) {
  const id = `f-${name}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <select id={id} name={name} defaultValue={defaultValue} className="input" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {placeholder ? (
          <option value="" disabled>
            {placeholder}
          </option>
        ) : null}
        {children}
      </select>
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
