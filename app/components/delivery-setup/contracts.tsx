import { Form, useNavigation } from "@remix-run/react";
import { fieldError, SelectField } from "~/components/delivery-setup/fields";
import { Field, FormAlert } from "~/components/ui/field";
import type { PackUnit } from "~/generated/prisma/enums";
import { composePackLabel, pricePerKgFen } from "~/modules/catalog/packs";
import { CONTRACT_NOTE_MAX, contractSchema } from "~/modules/orders/delivery-setup-schemas";
import type { FieldErrors } from "~/utils/forms";
import { formatDate, formatFen } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import { bilingualName, orgName } from "~/utils/i18n/names";
import type { T } from "~/utils/i18n/translate";
import { useClientValidation } from "~/utils/use-client-validation";

interface PackFields {
  unit: PackUnit;
  itemCount: number;
  itemNetWeightGrams: number;
  netWeightGrams: number;
  variableWeight: boolean;
}

/** A contract price as both contract pages list it. */
export interface ContractItem {
  id: string;
  buyer: { id: string; name: string; nameEn: string | null };
  pack: PackFields & { id: string; sku: string; productNameZh: string; productNameEn: string };
  unitPriceFen: number;
  validFrom: string;
  validTo: string | null;
  note: string;
}

/** A pack the new-contract form offers. */
export interface PackOption extends PackFields {
  id: string;
  sku: string;
  product: { nameZh: string; nameEn: string };
}

/** What the action returned for a refused post. */
export interface ContractActionData {
  intent: "create" | "end" | "delete";
  contractId?: string;
  values: Record<string, string>;
  errors: FieldErrors;
}

const day = (d: string, locale: Locale) => formatDate(`${d}T12:00:00+08:00`, locale);

function packName(p: { productNameZh: string; productNameEn: string } & PackFields, locale: Locale) {
  return `${bilingualName(p.productNameZh, p.productNameEn, locale).primary} ${composePackLabel(p, locale)}`;
}

/**
 * The lists (current, not yet started, ended) and the forms of a seller's contract prices, shared by /seller/contracts
 * and /ops/contracts (where `sellerId` rides along in every form). Forms post to `action` and work without JavaScript.
 */
export function ContractsManager({
  action,
  sellerId,
  contracts,
  packs,
  buyers,
  today,
  actionData,
  t,
  locale,
}: {
  action: string;
  sellerId?: string;
  contracts: { current: ContractItem[]; future: ContractItem[]; expired: ContractItem[] };
  packs: PackOption[];
  buyers: { id: string; name: string; nameEn: string | null }[];
  today: string;
  actionData: ContractActionData | undefined;
  t: T;
  locale: Locale;
}) {
  const sections = [
    { key: "current", title: t("deliverySetup.contracts.current"), items: contracts.current },
    { key: "future", title: t("deliverySetup.contracts.future"), items: contracts.future },
    { key: "expired", title: t("deliverySetup.contracts.expired"), items: contracts.expired },
  ] as const;
  return (
    <div className="space-y-8">
      {sections.map((s) => (
        <section key={s.key} aria-labelledby={`contracts-${s.key}-h`}>
          <h2 id={`contracts-${s.key}-h`} className="mb-2 text-xl font-semibold">
            {s.title} <span className="text-base font-normal text-stone-500">({s.items.length})</span>
          </h2>
          {s.items.length === 0 ? (
            <p className="text-sm text-stone-500">{t("deliverySetup.contracts.none")}</p>
          ) : (
            <ul className="space-y-3">
              {s.items.map((c) => (
                <ContractRow key={c.id} contract={c} state={s.key} action={action} sellerId={sellerId} today={today} actionData={actionData?.contractId === c.id ? actionData : undefined} t={t} locale={locale} />
              ))}
            </ul>
          )}
        </section>
      ))}
      <NewContractForm action={action} sellerId={sellerId} packs={packs} buyers={buyers} today={today} actionData={actionData?.intent === "create" ? actionData : undefined} t={t} locale={locale} />
    </div>
  );
}

function ContractRow({
  contract: c,
  state,
  action,
  sellerId,
  today,
  actionData,
  t,
  locale,
}: {
  contract: ContractItem;
  state: "current" | "future" | "expired";
  action: string;
  sellerId?: string;
  today: string;
  actionData: ContractActionData | undefined;
  t: T;
  locale: Locale;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("contractId") === c.id;
  const pack = packName(c.pack, locale);
  const buyer = orgName(c.buyer.name, c.buyer.nameEn, locale);
  const perKg = pricePerKgFen(c.unitPriceFen, c.pack.netWeightGrams);
  const errors = actionData?.errors ?? {};
  return (
    <li className={`card p-4 ${state === "expired" ? "text-stone-500" : ""}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="font-semibold">{pack}</h3>
          <p className="text-sm">
            {buyer} · <span className="text-stone-500">{c.pack.sku}</span>
          </p>
          <p className="text-sm text-stone-600">
            {c.validTo ? t("deliverySetup.contracts.validRange", { from: day(c.validFrom, locale), to: day(c.validTo, locale) }) : t("deliverySetup.contracts.validOpen", { from: day(c.validFrom, locale) })}
          </p>
          {c.note ? <p className="text-sm text-stone-500">{c.note}</p> : null}
        </div>
        <div className="text-right">
          <div className="text-lg font-semibold tabular-nums">{formatFen(c.unitPriceFen, locale)}</div>
          {perKg !== null ? <div className="text-xs text-stone-500 tabular-nums">{t("deliverySetup.contracts.perKg", { price: formatFen(perKg, locale) })}</div> : null}
        </div>
      </div>
      {errors._form ? <FormAlert>{t(errors._form)}</FormAlert> : null}
      {state === "current" ? (
        <details className="mt-2 rounded-lg border border-stone-200" open={errors.endsOn ? true : undefined}>
          <summary className="flex min-h-11 cursor-pointer items-center px-3 text-sm font-medium">{t("deliverySetup.contracts.end")}</summary>
          <Form method="post" action={action} className="flex flex-wrap items-end gap-3 border-t border-stone-200 p-3" aria-label={t("deliverySetup.contracts.endOf", { pack, buyer })}>
            <input type="hidden" name="intent" value="end" />
            <input type="hidden" name="contractId" value={c.id} />
            {sellerId ? <input type="hidden" name="sellerId" value={sellerId} /> : null}
            <Field
              id={`end-${c.id}`}
              name="endsOn"
              type="date"
              min={today}
              max={c.validTo ?? undefined}
              label={t("deliverySetup.contracts.endsOn")}
              defaultValue={actionData?.values.endsOn ?? today}
              error={fieldError(errors, "endsOn", t)}
            />
            <button type="submit" className="btn-secondary" disabled={busy}>
              {t("deliverySetup.contracts.endSubmit")}
            </button>
          </Form>
        </details>
      ) : null}
      {state === "future" ? (
        <Form method="post" action={action} className="mt-2">
          <input type="hidden" name="intent" value="delete" />
          <input type="hidden" name="contractId" value={c.id} />
          {sellerId ? <input type="hidden" name="sellerId" value={sellerId} /> : null}
          <button type="submit" className="btn-secondary" disabled={busy} aria-label={t("deliverySetup.contracts.deleteOf", { pack, buyer })}>
            {t("deliverySetup.contracts.delete")}
          </button>
        </Form>
      ) : null}
    </li>
  );
}

function NewContractForm({
  action,
  sellerId,
  packs,
  buyers,
  today,
  actionData,
  t,
  locale,
}: {
  action: string;
  sellerId?: string;
  packs: PackOption[];
  buyers: { id: string; name: string; nameEn: string | null }[];
  today: string;
  actionData: ContractActionData | undefined;
  t: T;
  locale: Locale;
}) {
  const navigation = useNavigation();
  const { errors, onSubmit } = useClientValidation(contractSchema({ requireSeller: sellerId !== undefined }), actionData?.errors);
  const v = actionData?.values ?? {};
  const err = (field: string) => fieldError(errors, field, t);
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "create";
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <section aria-labelledby="new-contract-h" className="card p-4 sm:p-5">
      <h2 id="new-contract-h" className="mb-3 text-xl font-semibold">
        {t("deliverySetup.contracts.newTitle")}
      </h2>
      {packs.length === 0 ? (
        <p className="text-sm text-stone-600">{t("deliverySetup.contracts.noPacks")}</p>
      ) : buyers.length === 0 ? (
        <p className="text-sm text-stone-600">{t("deliverySetup.contracts.noBuyers")}</p>
      ) : (
        <Form method="post" action={action} noValidate onSubmit={onSubmit} className="space-y-4">
          <input type="hidden" name="intent" value="create" />
          {sellerId ? <input type="hidden" name="sellerId" value={sellerId} /> : null}
          {hasErrors ? <FormAlert>{t(errors._form ?? errors.sellerId ?? "validation.fixErrors")}</FormAlert> : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField name="buyerId" label={t("deliverySetup.contracts.field.buyer")} defaultValue={v.buyerId ?? ""} error={err("buyerId")}>
              <option value="">{t("deliverySetup.contracts.field.chooseBuyer")}</option>
              {buyers.map((b) => (
                <option key={b.id} value={b.id}>
                  {orgName(b.name, b.nameEn, locale)}
                </option>
              ))}
            </SelectField>
            <SelectField name="variantId" label={t("deliverySetup.contracts.field.pack")} defaultValue={v.variantId ?? ""} error={err("variantId")}>
              <option value="">{t("deliverySetup.contracts.field.choosePack")}</option>
              {packs.map((p) => (
                <option key={p.id} value={p.id}>
                  {packName({ ...p, productNameZh: p.product.nameZh, productNameEn: p.product.nameEn }, locale)} · {p.sku}
                </option>
              ))}
            </SelectField>
            <Field name="price" inputMode="decimal" label={t("deliverySetup.contracts.field.price")} placeholder="12.50" defaultValue={v.price} error={err("price")} />
            <Field name="note" maxLength={CONTRACT_NOTE_MAX} label={t("deliverySetup.contracts.field.note")} defaultValue={v.note} error={err("note")} />
            <Field name="validFrom" type="date" label={t("deliverySetup.contracts.field.validFrom")} defaultValue={v.validFrom ?? today} error={err("validFrom")} />
            <Field name="validTo" type="date" min={today} label={t("deliverySetup.contracts.field.validTo")} hint={t("deliverySetup.contracts.field.validToHint")} defaultValue={v.validTo} error={err("validTo")} />
          </div>
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("deliverySetup.contracts.create")}
          </button>
        </Form>
      )}
    </section>
  );
}
