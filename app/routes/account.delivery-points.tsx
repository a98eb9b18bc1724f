import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { fieldError, SavedNotice, SelectField } from "~/components/delivery-setup/fields";
import { Field, FormAlert } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { forbidden, notFound, requirePermission } from "~/modules/auth/request.server";
import { formatPhone } from "~/modules/auth/phone";
import { archiveDeliveryPoint, buyerOrganizationIds, createDeliveryPoint, findOwnDeliveryPoint, listDeliveryPoints, updateDeliveryPoint, type DeliveryPointRow } from "~/modules/orders/delivery-points.server";
import { deliveryPointSchema, POINT_LIMITS, pointIdSchema } from "~/modules/orders/delivery-setup-schemas";
import { DISTRICT_EN, SHANGHAI_DISTRICTS, type ShanghaiDistrict } from "~/modules/orders/districts";
import { prisma } from "~/utils/db.server";
import { formValues, parseForm, redisplayValues, type FieldErrors } from "~/utils/forms";
import { formatDate } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { bilingualName } from "~/utils/i18n/names";
import { translator, type T } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { isUuid } from "~/utils/pagination";
import { useClientValidation } from "~/utils/use-client-validation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "收货地址" }];

const PATH = "/account/delivery-points";

/** The buyer organization's delivery points; `?edit=<id>` opens one of them in the form. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:delivery-points:own");
  const orgIds = buyerOrganizationIds(user.memberships);
  const url = new URL(request.url);
  const db = await prisma();
  const editId = url.searchParams.get("edit");
  let editing: DeliveryPointRow | null = null;
  if (editId !== null) {
    if (!isUuid(editId)) notFound();
    const found = await findOwnDeliveryPoint(db, orgIds, editId);
    if (found.kind === "not_found") notFound();
    if (found.kind === "forbidden") forbidden();
    editing = found.point.archivedAt === null ? found.point : null;
  }
  const points = await listDeliveryPoints(db, orgIds);
  const noticeId = (name: string) => {
    const id = url.searchParams.get(name);
    return isUuid(id ?? undefined) ? id : null;
  };
  const organizations = user.memberships.filter((m) => m.role === "buyer" && orgIds.includes(m.organizationId)).map((m) => ({ id: m.organizationId, name: m.organizationName }));
  const t = translator(await resolveLocale(request, user.locale));
  return { points, editing, organizations, saved: noticeId("saved"), archived: noticeId("archived"), title: `${t("deliverySetup.points.title")} · ${t("app.name")}` };
}

type ActionData = { intent: "create" | "update" | "archive"; pointId?: string; values: Record<string, string>; errors: FieldErrors };

/**
 * intent=create adds a point to the buyer's organization, intent=update changes one of its points, intent=archive
 * archives one; another organization's point is 403. Success redirects back (POST-redirect-GET).
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:delivery-points:own");
  const orgIds = buyerOrganizationIds(user.memberships);
  const values = formValues(await request.formData());
  const db = await prisma();
  const intent = values.intent;
  const refuse = (body: ActionData) => data<ActionData>({ ...body, values: redisplayValues(body.values) }, { status: 400 });

  if (intent === "archive") {
    const parsed = parseForm(pointIdSchema, values);
    if (parsed.errors) return refuse({ intent, values, errors: parsed.errors });
    const result = await archiveDeliveryPoint(db, orgIds, parsed.data.pointId);
    if (result.kind === "not_found") notFound();
    if (result.kind === "forbidden") forbidden();
    throw redirect(`${PATH}?archived=${result.point.id}`);
  }
  if (intent === "create") {
    const organizationId = values.organizationId || orgIds[0];
    if (!organizationId) forbidden();
    if (!orgIds.includes(organizationId)) forbidden();
    const parsed = parseForm(deliveryPointSchema, values);
    if (parsed.errors) return refuse({ intent, values, errors: parsed.errors });
    const point = await createDeliveryPoint(db, organizationId, parsed.data);
    throw redirect(`${PATH}?saved=${point.id}`);
  }
  if (intent === "update") {
    const id = parseForm(pointIdSchema, values);
    if (id.errors) return refuse({ intent, values, errors: id.errors });
    const parsed = parseForm(deliveryPointSchema, values);
    if (parsed.errors) {
      // Ownership first, so another organization's id never learns which of its fields were wrong.
      const own = await findOwnDeliveryPoint(db, orgIds, id.data.pointId);
      if (own.kind === "not_found") notFound();
      if (own.kind === "forbidden") forbidden();
      return refuse({ intent, pointId: id.data.pointId, values, errors: parsed.errors });
    }
    const result = await updateDeliveryPoint(db, orgIds, id.data.pointId, parsed.data);
    if (result.kind === "not_found") notFound();
    if (result.kind === "forbidden") forbidden();
    if (result.kind === "archived") return refuse({ intent, pointId: id.data.pointId, values, errors: { _form: "deliverySetup.points.alreadyArchived" } });
    throw redirect(`${PATH}?saved=${result.point.id}`);
  }
  return refuse({ intent: "create", values, errors: { _form: "validation.fixErrors" } });
}

const districtName = (d: string, locale: Locale) => (locale === "zh" ? d : (DISTRICT_EN[d as ShanghaiDistrict] ?? d));

export default function DeliveryPointsPage() {
  const { points, editing, organizations, saved, archived } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const all = [...points.active, ...points.archived];
  const savedPoint = saved ? all.find((p) => p.id === saved) : undefined;
  const archivedPoint = archived ? all.find((p) => p.id === archived) : undefined;
  // An update that failed re-renders its own form; otherwise ?edit= picks the point, else the add form shows.
  const failedUpdate = actionData?.intent === "update" ? actionData : undefined;
  const formPoint = failedUpdate ? (all.find((p) => p.id === failedUpdate.pointId) ?? null) : editing;
  return (
    <div className="space-y-8">
      <PageHeader title={t("deliverySetup.points.title")} subtitle={t("deliverySetup.points.intro")} />
      {savedPoint ? <SavedNotice>{t("deliverySetup.points.saved", { name: savedPoint.name })}</SavedNotice> : null}
      {archivedPoint ? <SavedNotice>{t("deliverySetup.points.archivedDone", { name: archivedPoint.name })}</SavedNotice> : null}
      {actionData?.intent === "archive" ? <FormAlert>{t(actionData.errors.pointId ?? "validation.fixErrors")}</FormAlert> : null}
      <section aria-label={t("deliverySetup.points.title")}>
        {points.active.length === 0 ? (
          <p className="card p-6 text-center text-stone-600">{t("deliverySetup.points.empty")}</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {points.active.map((p) => (
              <PointCard key={p.id} point={p} t={t} locale={locale} />
            ))}
          </ul>
        )}
      </section>
      <PointForm key={formPoint?.id ?? "new"} point={formPoint} organizations={organizations} actionData={actionData?.intent === "archive" ? undefined : actionData} t={t} locale={locale} />
      {points.archived.length > 0 ? (
        <details className="card p-4">
          <summary className="min-h-11 cursor-pointer font-medium">{t("deliverySetup.points.archivedList", { count: points.archived.length })}</summary>
          <p className="mt-2 text-sm text-stone-500">{t("deliverySetup.points.archivedHint")}</p>
          <ul className="mt-3 divide-y divide-stone-100">
            {points.archived.map((p) => (
              <li key={p.id} className="py-2 text-sm text-stone-600">
                <span className="font-medium">{bilingualName(p.name, p.nameEn, locale).primary}</span> · {districtName(p.district, locale)} · {p.address}
                {p.archivedAt ? <span className="ml-2 text-stone-400">{t("deliverySetup.points.archivedOn", { date: formatDate(p.archivedAt, locale) })}</span> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function PointCard({ point, t, locale }: { point: FormPoint; t: T; locale: Locale }) {
  const navigation = useNavigation();
  const name = bilingualName(point.name, point.nameEn, locale);
  const busy = navigation.state === "submitting" && navigation.formData?.get("pointId") === point.id;
  return (
    <li className="card p-4">
      <h2 className="font-semibold">{name.primary}</h2>
      {name.secondary ? <p className="text-sm text-stone-500">{name.secondary}</p> : null}
      <p className="mt-1 text-sm text-stone-700">
        {districtName(point.district, locale)} · {point.address}
      </p>
      <p className="text-sm text-stone-600">{t("deliverySetup.points.hours", { from: point.receivingFrom, to: point.receivingTo })}</p>
      <p className="text-sm text-stone-600">
        {point.contactName} · <span className="tabular-nums">{formatPhone(point.contactPhone)}</span>
      </p>
      <p className="text-xs text-stone-400 tabular-nums">{t("deliverySetup.points.coords", { lat: point.lat.toFixed(5), lng: point.lng.toFixed(5) })}</p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <Link to={`${PATH}?edit=${point.id}#point-form`} className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700" aria-label={t("deliverySetup.points.editOf", { name: name.primary })}>
          {t("deliverySetup.points.edit")}
        </Link>
        <Form method="post">
          <input type="hidden" name="intent" value="archive" />
          <input type="hidden" name="pointId" value={point.id} />
          <button type="submit" className="btn-secondary min-h-11" disabled={busy} aria-label={t("deliverySetup.points.archiveOf", { name: name.primary })}>
            {t("deliverySetup.points.archive")}
          </button>
        </Form>
      </div>
    </li>
  );
}

type FormPoint = { id: string; name: string; nameEn: string; district: string; address: string; lat: number; lng: number; receivingFrom: string; receivingTo: string; contactName: string; contactPhone: string };

function PointForm({
  point,
  organizations,
  actionData,
  t,
  locale,
}: {
  point: FormPoint | null;
  organizations: { id: string; name: string }[];
  actionData: ActionData | undefined;
  t: T;
  locale: Locale;
}) {
  const navigation = useNavigation();
  const { errors, onSubmit } = useClientValidation(deliveryPointSchema, actionData?.errors);
  const v: Record<string, string> = actionData?.values ?? (point ? { ...point, lat: String(point.lat), lng: String(point.lng) } : {});
  const err = (field: string) => fieldError(errors, field, t);
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === (point ? "update" : "create");
  const hasErrors = Object.keys(errors).length > 0;
  const title = point ? t("deliverySetup.points.editTitle", { name: point.name }) : t("deliverySetup.points.addTitle");
  return (
    <section id="point-form" aria-labelledby="point-form-h" className="card p-4 sm:p-5">
      <h2 id="point-form-h" className="mb-3 text-xl font-semibold">
        {title}
      </h2>
      <Form method="post" action={PATH} noValidate onSubmit={onSubmit} className="space-y-4">
        <input type="hidden" name="intent" value={point ? "update" : "create"} />
        {point ? <input type="hidden" name="pointId" value={point.id} /> : null}
        {hasErrors ? <FormAlert>{t(errors._form ?? "validation.fixErrors")}</FormAlert> : null}
        {!point && organizations.length > 1 ? (
          <SelectField name="organizationId" label={t("deliverySetup.points.organization")} defaultValue={v.organizationId ?? organizations[0]?.id}>
            {organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field name="name" label={t("deliverySetup.points.field.name")} hint={t("deliverySetup.points.field.nameHint")} maxLength={POINT_LIMITS.name} defaultValue={v.name} error={err("name")} />
          <Field name="nameEn" label={t("deliverySetup.points.field.nameEn")} maxLength={POINT_LIMITS.nameEn} defaultValue={v.nameEn} error={err("nameEn")} lang="en" />
          <SelectField name="district" label={t("deliverySetup.points.field.district")} defaultValue={v.district ?? ""} error={err("district")}>
            <option value="">{t("deliverySetup.points.field.chooseDistrict")}</option>
            {SHANGHAI_DISTRICTS.map((d) => (
              <option key={d} value={d}>
                {districtName(d, locale)}
              </option>
            ))}
          </SelectField>
          <Field name="address" label={t("deliverySetup.points.field.address")} maxLength={POINT_LIMITS.address} defaultValue={v.address} error={err("address")} autoComplete="street-address" />
        </div>
        <p className="text-sm text-stone-500">{t("deliverySetup.points.field.coordsHint")}</p>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field name="lat" label={t("deliverySetup.points.field.lat")} inputMode="decimal" placeholder="31.2989" defaultValue={v.lat} error={err("lat")} />
          <Field name="lng" label={t("deliverySetup.points.field.lng")} inputMode="decimal" placeholder="121.5015" defaultValue={v.lng} error={err("lng")} />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field name="receivingFrom" label={t("deliverySetup.points.field.receivingFrom")} placeholder="04:30" inputMode="numeric" defaultValue={v.receivingFrom} hint={t("deliverySetup.points.field.hoursHint")} error={err("receivingFrom")} />
          <Field name="receivingTo" label={t("deliverySetup.points.field.receivingTo")} placeholder="07:00" inputMode="numeric" defaultValue={v.receivingTo} error={err("receivingTo")} />
          <Field name="contactName" label={t("deliverySetup.points.field.contactName")} maxLength={POINT_LIMITS.contactName} defaultValue={v.contactName} error={err("contactName")} autoComplete="name" />
          <Field name="contactPhone" label={t("deliverySetup.points.field.contactPhone")} inputMode="tel" defaultValue={v.contactPhone} error={err("contactPhone")} autoComplete="tel" />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className="btn-primary" disabled={busy}>
            {point ? t("deliverySetup.points.save") : t("deliverySetup.points.create")}
          </button>
          {point ? (
            <Link to={PATH} className="inline-flex min-h-11 items-center text-sm font-medium text-stone-700">
              {t("deliverySetup.points.cancelEdit")}
            </Link>
          ) : null}
        </div>
      </Form>
    </section>
  );
}
