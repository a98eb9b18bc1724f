import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { fieldError, SavedNotice, SelectField } from "~/components/delivery-setup/fields";
import { TempBadge } from "~/components/ui/badges";
import { Field, FormAlert } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { Pagination } from "~/components/ui/pagination";
import { forbidden, notFound, requirePermission } from "~/modules/auth/request.server";
import { dayOf, isDay } from "~/modules/lots/rules";
import { TEMP_CLASSES, type TempClass } from "~/modules/orders/cart-rules";
import { kgForInput, MAX_CUTOFF_DAYS_BEFORE, slotCapacitySchema, slotIdSchema, slotSchema } from "~/modules/orders/delivery-setup-schemas";
import { districtName, isShanghaiDistrict, SHANGHAI_DISTRICTS } from "~/modules/orders/districts";
import { createSlot, deleteSlot, findSlot, listSlots, listSlotWarehouses, slotScope, updateSlotCapacity, type SlotView } from "~/modules/orders/slots.server";
import { prisma } from "~/utils/db.server";
import { formValues, parseForm, redisplayValues, type FieldErrors } from "~/utils/forms";
import { formatDateTime, formatNumber, formatTimeRange, formatWeight } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import { resolveLocale } from "~/utils/i18n/locale.server";
import type { MessageKey } from "~/utils/i18n/messages";
import { translator, type T } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { isUuid, parsePage } from "~/utils/pagination";
import { useClientValidation } from "~/utils/use-client-validation";
import { placeName } from "~/utils/i18n/names";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "配送时段" }];

const PATH = "/ops/slots";
const CAPACITY_FIELD: Record<TempClass, "capacityAmbient" | "capacityChilled" | "capacityFrozen"> = { ambient: "capacityAmbient", chilled: "capacityChilled", frozen: "capacityFrozen" };

/**
 * Upcoming delivery slots with booked vs capacity per temperature class: an operator sees and manages its own
 * organization's warehouses; an admin reads every warehouse's. Filters: ?district=, ?from=YYYY-MM-DD, ?page=.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:operations");
  const scope = slotScope(user);
  if (!scope) forbidden();
  const url = new URL(request.url);
  const districtParam = url.searchParams.get("district") ?? "";
  const fromParam = url.searchParams.get("from") ?? "";
  const district = isShanghaiDistrict(districtParam) ? districtParam : null;
  const from = isDay(fromParam) ? fromParam : null;
  const now = new Date();
  const db = await prisma();
  const [slots, warehouses] = await Promise.all([listSlots(db, scope, { now, district, from, page: parsePage(url.searchParams.get("page")) }), listSlotWarehouses(db, scope)]);
  const notice = (name: string) => {
    const id = url.searchParams.get(name);
    return isUuid(id ?? undefined) ? id : null;
  };
  // The slot a notice names may lie outside the filter or the page: look it up (within the scope) to name it.
  const noticeId = notice("created") ?? notice("saved");
  const noticeSlot = noticeId ? await findSlot(db, scope, noticeId, now) : null;
  const t = translator(await resolveLocale(request, user.locale));
  return {
    slots,
    warehouses,
    canManage: scope.kind === "manage",
    filters: { district, from },
    today: dayOf(now),
    notice: noticeSlot?.kind === "ok" ? { kind: notice("created") ? ("created" as const) : ("saved" as const), slot: noticeSlot.slot } : null,
    deleted: url.searchParams.get("deleted") === "1",
    title: `${t("deliverySetup.slots.title")} · ${t("ops.title")}`,
  };
}

type ActionData = { intent: "create" | "capacity" | "delete"; slotId?: string; values: Record<string, string>; errors: FieldErrors; orderCount?: number };

/**
 * intent=create adds a slot to a warehouse the operator's organization runs; intent=capacity changes a slot's capacity
 * (never below what is booked); intent=delete removes a slot without orders. Another operator's warehouse or slot is 403.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:slots");
  const scope = slotScope(user);
  if (!scope) forbidden();
  const values = formValues(await request.formData());
  const db = await prisma();
  const refuse = (body: ActionData) => data<ActionData>({ ...body, values: redisplayValues(body.values) }, { status: 400 });
  const intent = values.intent;

  if (intent === "create") {
    const parsed = parseForm(slotSchema, values);
    if (parsed.errors) return refuse({ intent, values, errors: parsed.errors });
    const result = await createSlot(db, scope, parsed.data);
    if (result.kind === "forbidden") forbidden();
    if (result.kind === "not_found") notFound();
    if (result.kind === "invalid") return refuse({ intent, values, errors: result.errors });
    throw redirect(`${PATH}?created=${result.slot.id}`);
  }
  if (intent === "capacity") {
    const parsed = parseForm(slotCapacitySchema, values);
    if (parsed.errors) {
      const id = parseForm(slotIdSchema, values);
      if (id.data) {
        // Ownership first: another operator's slot is 403 whatever was typed.
        const found = await findSlot(db, scope, id.data.slotId, new Date());
        if (found.kind === "not_found") notFound();
        if (found.kind === "forbidden") forbidden();
      }
      return refuse({ intent, slotId: values.slotId, values, errors: parsed.errors });
    }
    const result = await updateSlotCapacity(db, scope, parsed.data.slotId, parsed.data.capacityGrams);
    if (result.kind === "not_found") notFound();
    if (result.kind === "forbidden") forbidden();
    if (result.kind === "below_booked") {
      const errors: FieldErrors = {};
      for (const s of result.short) errors[CAPACITY_FIELD[s.tempClass]] = "deliverySetup.slots.belowBooked";
      return refuse({ intent, slotId: parsed.data.slotId, values, errors });
    }
    throw redirect(`${PATH}?saved=${result.slot.id}`);
  }
  if (intent === "delete") {
    const parsed = parseForm(slotIdSchema, values);
    if (parsed.errors) return refuse({ intent, values, errors: parsed.errors });
    const result = await deleteSlot(db, scope, parsed.data.slotId);
    if (result.kind === "not_found") notFound();
    if (result.kind === "forbidden") forbidden();
    if (result.kind === "has_orders") return refuse({ intent, slotId: parsed.data.slotId, values, errors: { _form: "deliverySetup.slots.hasOrders" }, orderCount: result.orderCount });
    throw redirect(`${PATH}?deleted=1`);
  }
  return refuse({ intent: "create", values, errors: { _form: "validation.fixErrors" } });
}


type SlotItem = Omit<SlotView, "startsAt" | "endsAt" | "cutoffAt"> & { startsAt: string | Date; endsAt: string | Date; cutoffAt: string | Date };

export default function OpsSlotsPage() {
  const { slots, warehouses, canManage, filters, today, notice, deleted } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const when = (s: SlotItem) => formatTimeRange(s.startsAt, s.endsAt, locale);
  return (
    <div className="space-y-8">
      <PageHeader title={t("deliverySetup.slots.title")} subtitle={t("deliverySetup.slots.intro")}>
        <Link to="/ops" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700">
          ← {t("ops.title")}
        </Link>
      </PageHeader>
      {notice ? (
        <SavedNotice>
          {notice.kind === "created"
            ? t("deliverySetup.slots.created", { when: when(notice.slot), district: districtName(notice.slot.district, locale) })
            : t("deliverySetup.slots.capacitySaved", { when: when(notice.slot) })}
        </SavedNotice>
      ) : null}
      {deleted ? <SavedNotice>{t("deliverySetup.slots.deleted")}</SavedNotice> : null}
      {!canManage ? <p className="rounded-lg border border-stone-200 bg-stone-50 px-4 py-3 text-sm text-stone-700">{t("deliverySetup.slots.readOnly")}</p> : null}

      <Form method="get" className="card flex flex-wrap items-end gap-3 p-4" aria-label={t("deliverySetup.slots.filter")}>
        <SelectField id="filter-district" name="district" label={t("deliverySetup.slots.filterDistrict")} defaultValue={filters.district ?? ""}>
          <option value="">{t("deliverySetup.slots.allDistricts")}</option>
          {SHANGHAI_DISTRICTS.map((d) => (
            <option key={d} value={d}>
              {districtName(d, locale)}
            </option>
          ))}
        </SelectField>
        <Field id="filter-from" name="from" type="date" label={t("deliverySetup.slots.filterFrom")} defaultValue={filters.from ?? ""} />
        <button type="submit" className="btn-secondary">
          {t("deliverySetup.slots.apply")}
        </button>
      </Form>

      <section aria-labelledby="slots-list-h">
        <h2 id="slots-list-h" className="sr-only">
          {t("deliverySetup.slots.title")}
        </h2>
        {slots.items.length === 0 ? (
          <p className="card p-6 text-center text-stone-600">{t("deliverySetup.slots.empty")}</p>
        ) : (
          <ul className="space-y-3">
            {slots.items.map((s) => (
              <SlotCard key={s.id} slot={s} when={when(s)} actionData={actionData?.slotId === s.id ? actionData : undefined} t={t} locale={locale} />
            ))}
          </ul>
        )}
        <Pagination page={slots.page} pages={slots.pages} t={t} />
      </section>

      {canManage ? (
        warehouses.length === 0 ? (
          <p className="card p-6 text-center text-stone-600">{t("deliverySetup.slots.noWarehouses")}</p>
        ) : (
          <NewSlotForm warehouses={warehouses} today={today} actionData={actionData?.intent === "create" ? actionData : undefined} t={t} locale={locale} />
        )
      ) : null}
    </div>
  );
}

function SlotCard({ slot, when, actionData, t, locale }: { slot: SlotItem; when: string; actionData: ActionData | undefined; t: T; locale: Locale }) {
  const navigation = useNavigation();
  const capacityData = actionData?.intent === "capacity" ? actionData : undefined;
  const { errors, onSubmit } = useClientValidation(slotCapacitySchema, capacityData?.errors);
  const busy = navigation.state === "submitting" && navigation.formData?.get("slotId") === slot.id;
  const v = capacityData?.values;
  const id = (field: string) => `slot-${slot.id}-${field}`;
  return (
    <li className="card p-4" id={`slot-${slot.id}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 className="font-semibold">{when}</h3>
          <p className="text-sm text-stone-600">
            {districtName(slot.district, locale)} · {placeName(slot.warehouse.name, slot.warehouse.nameEn, locale)}
          </p>
          <p className="text-sm text-stone-500">
            {t("deliverySetup.slots.col.cutoff")} {formatDateTime(slot.cutoffAt, locale)} · {t("deliverySetup.slots.orders", { count: formatNumber(slot.orderCount, locale) })}
          </p>
        </div>
        <span
          className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${slot.open ? "bg-brand-50 text-brand-800 ring-brand-200" : "bg-stone-100 text-stone-600 ring-stone-300"}`}
        >
          {slot.open ? t("deliverySetup.slots.open") : t("deliverySetup.slots.closed")}
        </span>
      </div>
      <dl className="mt-3 grid gap-2 sm:grid-cols-3" aria-label={t("deliverySetup.slots.col.load")}>
        {TEMP_CLASSES.map((c) => {
          const cap = slot.capacityGrams[c];
          const booked = slot.bookedGrams[c];
          const full = cap > 0 && booked >= cap;
          return (
            <div key={c} className={`rounded-lg border px-3 py-2 ${full ? "border-amber-300 bg-amber-50" : "border-stone-200"}`}>
              <dt>
                <TempBadge temp={c} t={t} />
              </dt>
              <dd className={`mt-1 text-sm tabular-nums ${full ? "font-semibold text-amber-900" : "text-stone-800"}`}>
                {cap === 0 && booked === 0
                  ? t("deliverySetup.slots.notCarried")
                  : t("deliverySetup.slots.load", { booked: formatWeight(booked, locale), capacity: formatWeight(cap, locale) })}
              </dd>
            </div>
          );
        })}
      </dl>
      {actionData?.intent === "delete" ? <FormAlert>{t(actionData.errors._form ?? "validation.fixErrors", { count: actionData.orderCount ?? 0 })}</FormAlert> : null}
      {slot.editable ? (
        <div className="mt-3 flex flex-wrap items-start gap-3">
          <details className="min-w-0 flex-1 rounded-lg border border-stone-200" open={capacityData ? true : undefined}>
            <summary className="flex min-h-11 cursor-pointer items-center px-3 text-sm font-medium">{t("deliverySetup.slots.editCapacity")}</summary>
            <Form method="post" action={PATH} noValidate onSubmit={onSubmit} className="space-y-3 border-t border-stone-200 p-3" aria-label={t("deliverySetup.slots.editCapacityOf", { when })}>
              <input type="hidden" name="intent" value="capacity" />
              <input type="hidden" name="slotId" value={slot.id} />
              {errors.capacity || errors.slotId ? <FormAlert>{t((errors.capacity ?? errors.slotId) as MessageKey)}</FormAlert> : null}
              <div className="grid gap-3 sm:grid-cols-3">
                {TEMP_CLASSES.map((c) => (
                  <Field
                    key={c}
                    id={id(c)}
                    name={CAPACITY_FIELD[c]}
                    inputMode="decimal"
                    label={t("deliverySetup.slots.field.capacityOf", { temp: t(`temp.${c}`) })}
                    defaultValue={v?.[CAPACITY_FIELD[c]] ?? kgForInput(slot.capacityGrams[c])}
                    error={fieldError(errors, CAPACITY_FIELD[c], t, { booked: formatWeight(slot.bookedGrams[c], locale) })}
                  />
                ))}
              </div>
              <button type="submit" className="btn-primary" disabled={busy}>
                {t("deliverySetup.slots.saveCapacity")}
              </button>
            </Form>
          </details>
          {slot.orderCount === 0 ? (
            <Form method="post" action={PATH}>
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="slotId" value={slot.id} />
              <button type="submit" className="btn-secondary" disabled={busy} aria-label={t("deliverySetup.slots.deleteOf", { when })}>
                {t("deliverySetup.slots.delete")}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

function NewSlotForm({ warehouses, today, actionData, t, locale }: { warehouses: { id: string; name: string; nameEn: string; district: string }[]; today: string; actionData: ActionData | undefined; t: T; locale: Locale }) {
  const navigation = useNavigation();
  const { errors, onSubmit } = useClientValidation(slotSchema, actionData?.errors);
  const v = actionData?.values ?? {};
  const err = (field: string) => fieldError(errors, field, t);
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "create";
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <section aria-labelledby="new-slot-h" className="card p-4 sm:p-5">
      <h2 id="new-slot-h" className="mb-3 text-xl font-semibold">
        {t("deliverySetup.slots.newTitle")}
      </h2>
      <Form method="post" action={PATH} noValidate onSubmit={onSubmit} className="space-y-4">
        <input type="hidden" name="intent" value="create" />
        {hasErrors ? <FormAlert>{t(errors._form ?? "validation.fixErrors")}</FormAlert> : null}
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField name="warehouseId" label={t("deliverySetup.slots.field.warehouse")} defaultValue={v.warehouseId ?? (warehouses.length === 1 ? warehouses[0]!.id : "")} error={err("warehouseId")}>
            <option value="">{t("deliverySetup.slots.field.chooseWarehouse")}</option>
            {warehouses.map((w) => (
              <option key={w.id} value={w.id}>
                {placeName(w.name, w.nameEn, locale)}
              </option>
            ))}
          </SelectField>
          <SelectField name="district" label={t("deliverySetup.slots.field.district")} defaultValue={v.district ?? ""} error={err("district")}>
            <option value="">{t("deliverySetup.points.field.chooseDistrict")}</option>
            {SHANGHAI_DISTRICTS.map((d) => (
              <option key={d} value={d}>
                {districtName(d, locale)}
              </option>
            ))}
          </SelectField>
          <Field name="date" type="date" min={today} label={t("deliverySetup.slots.field.date")} defaultValue={v.date} error={err("date")} />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field name="windowStart" label={t("deliverySetup.slots.field.windowStart")} placeholder="04:30" inputMode="numeric" hint={t("deliverySetup.slots.field.windowHint")} defaultValue={v.windowStart} error={err("windowStart")} />
          <Field name="windowEnd" label={t("deliverySetup.slots.field.windowEnd")} placeholder="06:30" inputMode="numeric" defaultValue={v.windowEnd} error={err("windowEnd")} />
        </div>
        <fieldset>
          <legend className="mb-2 text-sm font-semibold text-stone-800">{t("deliverySetup.slots.field.cutoff")}</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field name="cutoffDaysBefore" type="number" min={0} max={MAX_CUTOFF_DAYS_BEFORE} inputMode="numeric" label={t("deliverySetup.slots.field.cutoffDaysBefore")} defaultValue={v.cutoffDaysBefore ?? "1"} error={err("cutoffDaysBefore")} />
            <Field name="cutoffTime" inputMode="numeric" label={t("deliverySetup.slots.field.cutoffTime")} defaultValue={v.cutoffTime ?? "14:00"} hint={t("deliverySetup.slots.field.cutoffHint")} error={err("cutoffTime")} />
          </div>
        </fieldset>
        <fieldset>
          <legend className="mb-2 text-sm font-semibold text-stone-800">{t("deliverySetup.slots.field.capacity")}</legend>
          {errors.capacity ? <p className="mb-2 text-sm font-medium text-red-700">{t(errors.capacity)}</p> : null}
          <div className="grid gap-4 sm:grid-cols-3">
            {TEMP_CLASSES.map((c) => (
              <Field key={c} name={CAPACITY_FIELD[c]} inputMode="decimal" label={t("deliverySetup.slots.field.capacityOf", { temp: t(`temp.${c}`) })} defaultValue={v[CAPACITY_FIELD[c]] ?? "2000"} error={err(CAPACITY_FIELD[c])} />
            ))}
          </div>
        </fieldset>
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("deliverySetup.slots.create")}
        </button>
      </Form>
    </section>
  );
}
