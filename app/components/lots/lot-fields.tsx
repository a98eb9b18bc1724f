import { Field } from "~/components/ui/field";
import { CERTIFICATE_KINDS, certificateField } from "~/modules/lots/rules";
import type { FieldErrors } from "~/utils/forms";
import type { T } from "~/utils/i18n/translate";

/** Which state of a lot (expired, expiring soon, fine) the badge shows. */
const STATE_STYLE = {
  expired: "bg-red-50 text-red-800 ring-red-200",
  soon: "bg-amber-50 text-amber-800 ring-amber-200",
  ok: "bg-brand-50 text-brand-800 ring-brand-200",
} as const;

/** 已过期 / N 天内到期 / 在保质期内. */
export function ExpiryBadge({ state, t, soonDays }: { state: keyof typeof STATE_STYLE; t: T; soonDays: number }) {
  const text = state === "expired" ? t("lots.state.expired") : state === "soon" ? t("lots.state.soon", { days: soonDays }) : t("lots.state.ok");
  return <span className={`inline-flex shrink-0 items-center whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATE_STYLE[state]}`}>{text}</span>;
}

/**
 * The fields of a lot shared by the new and edit forms: code, dates, origin, inspection, quantity
 * and certificate numbers. Values come back from the server on error, so nothing typed is lost.
 */
export function LotFields({
  values,
  errors,
  t,
  codeExample,
  shelfLifeDays,
  expiryExample,
  maxDay,
}: {
  values: Record<string, string>;
  errors: FieldErrors;
  t: T;
  codeExample: string;
  shelfLifeDays?: number;
  expiryExample?: string;
  maxDay: string;
}) {
  const e = (field: string) => (errors[field] ? t(errors[field]) : undefined);
  return (
    <>
      <Field
        name="code"
        label={t("lots.field.code")}
        hint={t("lots.field.codeHint", { example: codeExample })}
        defaultValue={values.code ?? ""}
        error={e("code")}
        placeholder={codeExample}
        autoCapitalize="characters"
        autoComplete="off"
        maxLength={40}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="producedOn" type="date" label={t("lots.field.producedOn")} defaultValue={values.producedOn ?? ""} error={e("producedOn")} required max={maxDay} />
        <Field
          name="expiresOn"
          type="date"
          label={t("lots.field.expiresOn")}
          hint={shelfLifeDays && expiryExample ? t("lots.field.expiresHintDays", { days: shelfLifeDays, example: expiryExample }) : t("lots.field.expiresHint")}
          defaultValue={values.expiresOn ?? ""}
          error={e("expiresOn")}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="originBase" label={t("lots.field.originBase")} hint={t("lots.field.originBaseHint")} defaultValue={values.originBase ?? ""} error={e("originBase")} maxLength={100} />
        <Field name="originPlot" label={t("lots.field.originPlot")} hint={t("lots.field.originPlotHint")} defaultValue={values.originPlot ?? ""} error={e("originPlot")} maxLength={100} />
      </div>
      <Field name="inspection" label={t("lots.field.inspection")} hint={t("lots.field.inspectionHint")} defaultValue={values.inspection ?? ""} error={e("inspection")} maxLength={200} />
      <Field name="quantity" label={t("lots.field.quantity")} inputMode="numeric" defaultValue={values.quantity ?? ""} error={e("quantity")} autoComplete="off" />
      <fieldset className="space-y-4 rounded-xl border border-stone-200 p-4">
        <legend className="px-1 font-medium text-stone-800">{t("lots.certificates")}</legend>
        <p className="text-sm text-stone-500">{t("lots.certificatesHint")}</p>
        {CERTIFICATE_KINDS.map((kind) => {
          const name = certificateField(kind);
          return <Field key={kind} name={name} label={t(`lots.cert.${kind}`)} defaultValue={values[name] ?? ""} error={e(name)} autoComplete="off" maxLength={60} />;
        })}
      </fieldset>
    </>
  );
}

/** The form values of a stored lot (for the edit form). */
export function lotFormValues(lot: {
  code: string;
  producedOn: string;
  expiresOn: string;
  originBase: string;
  originPlot: string;
  inspection: string;
  quantity: number | null;
  certificateNumbers: Partial<Record<(typeof CERTIFICATE_KINDS)[number], string>>;
}): Record<string, string> {
  const values: Record<string, string> = {
    code: lot.code,
    producedOn: lot.producedOn,
    expiresOn: lot.expiresOn,
    originBase: lot.originBase,
    originPlot: lot.originPlot,
    inspection: lot.inspection,
    quantity: lot.quantity === null ? "" : String(lot.quantity),
  };
  for (const kind of CERTIFICATE_KINDS) values[certificateField(kind)] = lot.certificateNumbers[kind] ?? "";
  return values;
}
