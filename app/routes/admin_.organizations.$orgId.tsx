// The file name escapes the /admin layout (admin_.…): admin.tsx is a page of its own, not a layout with an outlet.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { Tag } from "~/components/ui/badges";
import { FormAlert } from "~/components/ui/field";
import { blockerText, VerificationBadge } from "~/components/verification-banner";
import { can } from "~/modules/auth/permissions";
import { formatPhone } from "~/modules/auth/phone";
import { notFound, forbidden, requirePermission, requireUser } from "~/modules/auth/request.server";
import { foodLicenceKind, isValidUscc } from "~/modules/sellers/licences";
import { noteSchema, reasonSchema } from "~/modules/sellers/schemas";
import { isSellerKind } from "~/modules/sellers/status";
import {
  approveOrganization,
  getOrganizationReview,
  isOrganizationMember,
  reactivateUser,
  rejectOrganization,
  suspendOrganization,
  suspendUser,
  unsuspendOrganization,
  type AdminActionResult,
} from "~/modules/sellers/verification.server";
import { prisma } from "~/utils/db.server";
import { formValues, parseForm, redisplayValues, type FieldErrors } from "~/utils/forms";
import { formatDate, formatDateTime, formatNumber } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import { resolveLocale } from "~/utils/i18n/locale.server";
import type { MessageKey } from "~/utils/i18n/messages";
import { translator, type T } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { isUuid } from "~/utils/pagination";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "平台管理" }];

const ORG_INTENTS = ["approve", "reject", "suspend", "unsuspend"] as const;
const USER_INTENTS = ["suspendUser", "reactivateUser"] as const;
type Intent = (typeof ORG_INTENTS)[number] | (typeof USER_INTENTS)[number];
const INTENTS: readonly string[] = [...ORG_INTENTS, ...USER_INTENTS];

/** One organization for review (manage:organizations): profile, licences, files, members and what can be done. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:organizations");
  if (!isUuid(params.orgId)) notFound();
  const review = await getOrganizationReview(await prisma(), params.orgId);
  if (!review) notFound();
  const t = translator(await resolveLocale(request, user.locale));
  const done = new URL(request.url).searchParams.get("done");
  const p = review.profile;
  return {
    review,
    viewer: { id: user.id, canManageUsers: can(user.permissions, "manage:users"), isMember: review.members.some((m) => m.userId === user.id) },
    checks: { usccValid: p.businessLicenceNo ? isValidUscc(p.businessLicenceNo) : null, foodLicenceKind: p.foodLicenceNo ? foodLicenceKind(p.foodLicenceNo) : null },
    done: done && INTENTS.includes(done) ? (done as Intent) : null,
    title: `${p.name} · ${t("admin.title")}`,
  };
}

type ActionData = { intent: string; values?: Record<string, string>; errors?: FieldErrors; formError?: MessageKey };

function answer(result: AdminActionResult, intent: Intent, orgId: string, values: Record<string, string>) {
  if (result.kind === "not_found") notFound();
  if (result.kind === "forbidden") forbidden();
  if (result.kind === "invalid") return data<ActionData>({ intent, values: redisplayValues(values), formError: result.error }, { status: 400 });
  throw redirect(`/admin/organizations/${orgId}?done=${intent}`);
}

/**
 * Review actions. Organization actions (approve, reject with a reason, suspend with a reason, unsuspend) need
 * manage:organizations; suspending or reactivating one of its members needs manage:users.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  await requireUser(request);
  const values = formValues(await request.formData());
  const intent = values.intent ?? "";
  const isUserIntent = (USER_INTENTS as readonly string[]).includes(intent);
  const user = await requirePermission(request, isUserIntent ? "manage:users" : "manage:organizations");
  if (!isUuid(params.orgId)) notFound();
  const orgId = params.orgId;
  if (!INTENTS.includes(intent)) return data<ActionData>({ intent, formError: "adminReview.unknownAction" }, { status: 400 });
  const db = await prisma();

  if (isUserIntent) {
    const userId = values.userId ?? "";
    // Only this organization's members can be acted on from its page.
    if (!isUuid(userId) || !(await isOrganizationMember(db, userId, orgId))) notFound();
    const result = intent === "suspendUser" ? await suspendUser(db, { userId, actorId: user.id }) : await reactivateUser(db, { userId, actorId: user.id });
    return answer(result, intent as Intent, orgId, values);
  }

  if (intent === "reject" || intent === "suspend") {
    const parsed = parseForm(reasonSchema, values);
    if (parsed.errors) return data<ActionData>({ intent, values: redisplayValues(values), errors: parsed.errors }, { status: 400 });
    const result =
      intent === "reject"
        ? await rejectOrganization(db, { organizationId: orgId, reviewerId: user.id, reason: parsed.data.reason })
        : await suspendOrganization(db, { organizationId: orgId, actorId: user.id, reason: parsed.data.reason });
    return answer(result, intent, orgId, values);
  }

  const parsed = parseForm(noteSchema, values);
  if (parsed.errors) return data<ActionData>({ intent, values: redisplayValues(values), errors: parsed.errors }, { status: 400 });
  const result =
    intent === "approve"
      ? await approveOrganization(db, { organizationId: orgId, reviewerId: user.id, note: parsed.data.reason })
      : await unsuspendOrganization(db, { organizationId: orgId, actorId: user.id, note: parsed.data.reason });
  return answer(result, intent as Intent, orgId, values);
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm text-stone-500">{label}</dt>
      <dd className="min-w-0 break-words sm:col-span-2">{children}</dd>
    </div>
  );
}

function Missing({ t }: { t: T }) {
  return <span className="text-stone-400">{t("adminReview.notProvided")}</span>;
}

function ReasonForm({
  intent,
  label,
  hint,
  button,
  required,
  danger,
  actionData,
  t,
}: {
  intent: Intent;
  label: string;
  hint?: string;
  button: string;
  required: boolean;
  danger?: boolean;
  actionData: ActionData | undefined;
  t: T;
}) {
  const mine = actionData?.intent === intent ? actionData : undefined;
  const error = mine?.errors?.reason;
  const id = `f-reason-${intent}`;
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === intent;
  return (
    <Form method="post" className="space-y-2" data-intent={intent}>
      <input type="hidden" name="intent" value={intent} />
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <textarea
        id={id}
        name="reason"
        rows={2}
        maxLength={500}
        required={required}
        defaultValue={mine?.values?.reason}
        className="input py-2"
        aria-invalid={error ? true : undefined}
        aria-describedby={[hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined}
      />
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-stone-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {t(error)}
        </p>
      ) : null}
      {mine?.formError ? <FormAlert>{t(mine.formError)}</FormAlert> : null}
      <button type="submit" disabled={busy} className={danger ? "btn w-full bg-red-700 text-white hover:bg-red-800 sm:w-auto" : "btn-primary w-full sm:w-auto"}>
        {button}
      </button>
    </Form>
  );
}

function fileThumb(f: { id: string; contentType: string }, t: T) {
  if (f.contentType === "application/pdf") {
    return <span className="grid h-32 w-full place-items-center rounded-lg bg-stone-100 text-sm text-stone-600">{t("adminReview.pdfFile")}</span>;
  }
  return <img src={`/seller/files/${f.id}`} alt="" loading="lazy" className="h-32 w-full rounded-lg bg-stone-100 object-contain" />;
}

export default function AdminOrganizationPage() {
  const { review, viewer, checks, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale: Locale = useLocale();
  const p = review.profile;
  const seller = isSellerKind(review.kind);
  const userFormError = actionData && (USER_INTENTS as readonly string[]).includes(actionData.intent) ? actionData.formError : undefined;
  const unknownError = actionData && !INTENTS.includes(actionData.intent) ? actionData.formError : undefined;
  return (
    <div className="space-y-6">
      <Link to="/admin" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700">
        ← {t("adminReview.back")}
      </Link>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold sm:text-3xl">{p.name}</h1>
          {p.nameEn ? <p className="text-stone-500">{p.nameEn}</p> : null}
          <p className="mt-1 text-sm text-stone-600">
            {t(`orgKind.${review.kind}`)} · {p.county} · {t("adminReview.created", { date: formatDate(review.createdAt, locale) })} ·{" "}
            {t("adminReview.products", { count: formatNumber(review.productCount, locale) })}
          </p>
        </div>
        <VerificationBadge state={p.state} t={t} />
      </header>

      {done ? (
        <p role="status" className="rounded-lg border border-brand-200 bg-brand-50 px-4 py-3 text-sm font-medium text-brand-900">
          {t(`adminReview.done.${done}`)}
        </p>
      ) : null}
      {unknownError ? <FormAlert>{t(unknownError)}</FormAlert> : null}

      <div className="space-y-1 text-sm text-stone-700">
        {p.submittedAt ? <p>{t("adminReview.submittedAt", { date: formatDateTime(p.submittedAt, locale) })}</p> : null}
        {review.reviewer && p.reviewedAt ? <p>{t("adminReview.reviewedBy", { name: review.reviewer.displayName, date: formatDateTime(p.reviewedAt, locale) })}</p> : null}
        {p.reviewNote ? <p>{t("adminReview.lastNote", { note: p.reviewNote })}</p> : null}
        {p.suspendedAt ? <p className="font-medium text-red-800">{t("adminReview.suspendedSince", { date: formatDateTime(p.suspendedAt, locale), reason: p.suspensionReason })}</p> : null}
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <section className="card p-4 sm:p-6" aria-labelledby="profile-heading">
          <h2 id="profile-heading" className="mb-2 text-lg font-semibold">
            {t("adminReview.profile")}
          </h2>
          <dl className="divide-y divide-stone-100">
            <Row label={t("onboarding.field.address")}>{p.address || <Missing t={t} />}</Row>
            <Row label={t("onboarding.section.location")}>
              {p.lat !== null && p.lng !== null ? t("adminReview.coordinates", { lat: p.lat, lng: p.lng }) : <Missing t={t} />}
              {p.warnings.map((w) => (
                <p key={w.key} className="text-sm text-amber-800">
                  {t(w.key, w.params)}
                </p>
              ))}
            </Row>
            <Row label={t("onboarding.field.contactName")}>{p.contactName || <Missing t={t} />}</Row>
            <Row label={t("onboarding.field.contactPhone")}>{p.contactPhone ? <span className="font-mono">{formatPhone(p.contactPhone)}</span> : <Missing t={t} />}</Row>
            <Row label={t("onboarding.field.descriptionZh")}>{p.descriptionZh ? <p className="whitespace-pre-line">{p.descriptionZh}</p> : <Missing t={t} />}</Row>
            <Row label={t("onboarding.field.descriptionEn")}>{p.descriptionEn ? <p className="whitespace-pre-line">{p.descriptionEn}</p> : <Missing t={t} />}</Row>
          </dl>
        </section>

        <section className="card p-4 sm:p-6" aria-labelledby="licences-heading">
          <h2 id="licences-heading" className="mb-2 text-lg font-semibold">
            {t("adminReview.licences")}
          </h2>
          <dl className="divide-y divide-stone-100">
            <Row label={t("adminReview.licence")}>
              {p.businessLicenceNo ? (
                <>
                  <span className="font-mono">{p.businessLicenceNo}</span>{" "}
                  <Tag>{checks.usccValid ? t("adminReview.codeValid") : t("adminReview.codeInvalid")}</Tag>
                </>
              ) : (
                <Missing t={t} />
              )}
            </Row>
            <Row label={t("onboarding.field.foodLicenceNo")}>
              {p.foodLicenceNo ? (
                <>
                  <span className="font-mono">{p.foodLicenceNo}</span>{" "}
                  <Tag>
                    {checks.foodLicenceKind === "business"
                      ? t("adminReview.foodBusiness")
                      : checks.foodLicenceKind === "production"
                        ? t("adminReview.foodProduction")
                        : t("adminReview.codeInvalid")}
                  </Tag>
                </>
              ) : (
                <Missing t={t} />
              )}
            </Row>
          </dl>
          {seller && Object.keys(p.blockers).length > 0 ? (
            <div className="mt-3 text-sm text-amber-900">
              <p className="font-medium">{t("adminReview.missingForReview")}</p>
              <ul className="list-disc pl-5">
                {Object.entries(p.blockers).map(([field, key]) => (
                  <li key={field}>{blockerText(field, key!, t)}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      </div>

      <section className="card p-4 sm:p-6" aria-labelledby="files-heading">
        <h2 id="files-heading" className="mb-3 text-lg font-semibold">
          {t("adminReview.files")}
        </h2>
        {p.files.length === 0 ? (
          <p className="text-stone-600">{t("adminReview.noFiles")}</p>
        ) : (
          <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
            {p.files.map((f) => (
              <li key={f.id}>
                <a href={`/seller/files/${f.id}`} target="_blank" rel="noreferrer" className="block space-y-1 rounded-lg p-1 hover:bg-stone-50">
                  {fileThumb(f, t)}
                  <span className="block text-sm font-medium">{t(`onboarding.fileKind.${f.kind}`)}</span>
                  <span className="block text-xs text-brand-700 underline">{t("adminReview.openFile")}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card p-4 sm:p-6" aria-labelledby="members-heading">
        <h2 id="members-heading" className="mb-3 text-lg font-semibold">
          {t("adminReview.members")}
        </h2>
        {userFormError ? <FormAlert>{t(userFormError)}</FormAlert> : null}
        <ul className="divide-y divide-stone-100">
          {review.members.map((m) => (
            <li key={`${m.userId}-${m.role}`} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <div className="min-w-0">
                <p className="font-medium">
                  {m.displayName} {m.userId === viewer.id ? <span className="text-sm text-stone-500">{t("adminReview.you")}</span> : null}
                </p>
                <p className="text-sm text-stone-600">
                  <span className="font-mono">{formatPhone(m.phone)}</span> · {t(`role.${m.role}`)}
                  {m.active ? null : <span className="ml-2 font-medium text-red-700">{t("adminReview.userDisabled")}</span>}
                </p>
              </div>
              {viewer.canManageUsers && m.userId !== viewer.id ? (
                <Form method="post">
                  <input type="hidden" name="intent" value={m.active ? "suspendUser" : "reactivateUser"} />
                  <input type="hidden" name="userId" value={m.userId} />
                  <button type="submit" className={m.active ? "btn-secondary text-red-700" : "btn-secondary"}>
                    {m.active ? t("adminReview.suspendUser") : t("adminReview.reactivateUser")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section className="card space-y-6 p-4 sm:p-6" aria-labelledby="actions-heading">
        <h2 id="actions-heading" className="text-lg font-semibold">
          {t("adminReview.actions")}
        </h2>
        {viewer.isMember ? (
          <p className="text-stone-700">{t("adminReview.ownOrganization")}</p>
        ) : (
          <>
            {seller && p.verificationStatus !== "verified" ? (
              <ReasonForm intent="approve" label={t("adminReview.approveNote")} button={t("adminReview.approve")} required={false} actionData={actionData} t={t} />
            ) : null}
            {seller && p.verificationStatus !== "rejected" ? (
              <ReasonForm intent="reject" label={t("adminReview.reason")} hint={t("adminReview.rejectHint")} button={t("adminReview.reject")} required danger actionData={actionData} t={t} />
            ) : null}
            {review.kind !== "platform" ? (
              p.suspendedAt ? (
                <ReasonForm intent="unsuspend" label={t("adminReview.unsuspendNote")} button={t("adminReview.unsuspend")} required={false} actionData={actionData} t={t} />
              ) : (
                <ReasonForm intent="suspend" label={t("adminReview.suspendReason")} hint={t("adminReview.suspendHint")} button={t("adminReview.suspend")} required danger actionData={actionData} t={t} />
              )
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}
