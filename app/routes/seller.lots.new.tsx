import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { LotFields } from "~/components/lots/lot-fields";
import { SellerNav } from "~/components/seller-nav";
import { FormAlert } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { forbidden, requirePermission } from "~/modules/auth/request.server";
import { composePackLabel } from "~/modules/catalog/packs";
import { createLot, listSellerPacks, suggestCode } from "~/modules/lots/lots.server";
import { addDaysToDay, dayOf, defaultExpiry } from "~/modules/lots/rules";
import { lotFormSchema } from "~/modules/lots/schemas";
import { sellerOrganizationIds } from "~/modules/seller/console.server";
import { prisma } from "~/utils/db.server";
import { formValues, parseForm, redisplayValues, type FieldErrors } from "~/utils/forms";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { bilingualName } from "~/utils/i18n/names";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { useClientValidation } from "~/utils/use-client-validation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "新建批次" }];

/** The new-lot form; `?variant=<id>` preselects one of the seller's packs. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:lots:own");
  const orgIds = sellerOrganizationIds(user.memberships);
  const db = await prisma();
  const today = dayOf(new Date());
  const [packs, codeExample] = await Promise.all([listSellerPacks(db, orgIds), suggestCode(db, orgIds, today)]);
  const wanted = new URL(request.url).searchParams.get("variant");
  const preselected = packs.find((p) => p.variantId === wanted)?.variantId ?? (packs.length === 1 ? packs[0].variantId : "");
  const t = translator(await resolveLocale(request, user.locale));
  return { packs, preselected, today, codeExample, title: `${t("lots.newTitle")} · ${t("seller.title")}` };
}

/** Creates the lot (own packs only), then opens it for attachments and the label. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:lots:own");
  const orgIds = sellerOrganizationIds(user.memberships);
  const values = formValues(await request.formData());
  const today = dayOf(new Date());
  const parsed = parseForm(lotFormSchema({ today, requireVariant: true }), values);
  if (parsed.errors) return data({ errors: parsed.errors, values: redisplayValues(values) }, { status: 400 });
  const result = await createLot(await prisma(), orgIds, parsed.data, today);
  if (result.kind === "forbidden") forbidden();
  if (result.kind === "not_found" || result.kind === "invalid") {
    const errors: FieldErrors = result.kind === "invalid" ? result.errors : { variantId: "lots.error.variantUnknown" };
    return data({ errors, values: redisplayValues(values) }, { status: 400 });
  }
  return redirect(`/seller/lots/${result.id}?created=1`);
}

export default function NewLotPage() {
  const { packs, preselected, today, codeExample } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const schema = useMemo(() => lotFormSchema({ today, requireVariant: true }), [today]);
  const { errors, onSubmit } = useClientValidation(schema, actionData?.errors);
  const values: Record<string, string> = actionData?.values ?? { variantId: preselected, producedOn: today };
  const chosen = packs.find((p) => p.variantId === (values.variantId ?? preselected));
  const producedOn = values.producedOn || today;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <div className="mx-auto max-w-2xl">
      <SellerNav current="lots" />
      <Link to="/seller/lots" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700">
        ← {t("lots.backToList")}
      </Link>
      <PageHeader title={t("lots.newTitle")} />
      {packs.length === 0 ? (
        <p className="card p-6 text-center text-stone-600">{t("lots.noPacks")}</p>
      ) : (
        <Form method="post" onSubmit={onSubmit} className="card space-y-5 p-4 sm:p-6">
          {hasErrors ? <FormAlert>{t("validation.fixErrors")}</FormAlert> : null}
          <div className="space-y-1">
            <label htmlFor="f-variantId" className="block text-sm font-medium text-stone-800">
              {t("lots.field.pack")}
            </label>
            <select
              id="f-variantId"
              name="variantId"
              className="input"
              defaultValue={values.variantId ?? ""}
              required
              aria-invalid={errors.variantId ? true : undefined}
              aria-describedby={errors.variantId ? "f-variantId-error" : undefined}
            >
              <option value="">{t("lots.field.packPlaceholder")}</option>
              {packs.map((p) => (
                <option key={p.variantId} value={p.variantId}>
                  {bilingualName(p.product.nameZh, p.product.nameEn, locale).primary} · {composePackLabel(p.pack, locale)}
                </option>
              ))}
            </select>
            {errors.variantId ? (
              <p id="f-variantId-error" className="text-sm font-medium text-red-700">
                {t(errors.variantId)}
              </p>
            ) : null}
          </div>
          <LotFields
            values={values}
            errors={errors}
            t={t}
            codeExample={codeExample}
            maxDay={addDaysToDay(today, 1)}
            shelfLifeDays={chosen?.product.shelfLifeDays}
            expiryExample={chosen ? defaultExpiry(/^\d{4}-\d{2}-\d{2}$/.test(producedOn) ? producedOn : today, chosen.product.shelfLifeDays) : undefined}
          />
          <button type="submit" className="btn-primary w-full sm:w-auto" disabled={navigation.state === "submitting"}>
            {t("lots.create")}
          </button>
        </Form>
      )}
    </div>
  );
}
