import {
  data,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState, type FormEvent, type TextareaHTMLAttributes } from "react";
import { SellerNav } from "~/components/seller-nav";
import { blockerText, VerificationBanner } from "~/components/verification-banner";
import { Field, FormAlert } from "~/components/ui/field";
import { UploadProgressForm } from "~/components/ui/upload-progress-form";
import { SANMING_COUNTIES } from "~/modules/catalog/counties";
import { forbidden, notFound, requirePermission, requireUser } from "~/modules/auth/request.server";
import { sellerOrganizationIds } from "~/modules/seller/console.server";
import { ORG_FILE_KINDS, formatMegabytes, isOrgFileKind, maxUploadBytes } from "~/modules/sellers/files";
import { addOrganizationFile, deleteOrganizationFile } from "~/modules/sellers/files.server";
import { getSellerProfile, submitForReview, suspendedSellerOrganizations, updateSellerProfile } from "~/modules/sellers/profile.server";
import { profileSchema } from "~/modules/sellers/schemas";
import { getStorage } from "~/modules/storage/index.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { formValues, parseForm, redisplayValues, type FieldErrors } from "~/utils/forms";
import { formatDate, formatNumber } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import { resolveLocale } from "~/utils/i18n/locale.server";
import type { MessageKey } from "~/utils/i18n/messages";
import { translator, type MessageParams, type T } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { logger } from "~/utils/logger.server";
import { isUuid } from "~/utils/pagination";
import { useClientValidation } from "~/utils/use-client-validation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "机构资料与认证" }];

const DONE = ["saved", "reset", "uploaded", "uploadedReset", "deleted", "deletedReset", "submitted"] as const;
type Done = (typeof DONE)[number];

/**
 * The seller's own organization profile and where its verification stands. A member of a suspended seller
 * organization (whose membership grants no role any more) still sees why, read-only; anyone else gets 403.
 * `?org=` picks one of several selling organizations.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await prisma();
  const t = translator(await resolveLocale(request, user.locale));
  const title = `${t("onboarding.title")} · ${t("app.name")}`;
  const orgIds = sellerOrganizationIds(user.memberships);
  if (orgIds.length === 0) {
    const suspended = await suspendedSellerOrganizations(db, user.id);
    if (suspended.length === 0) forbidden();
    return { mode: "suspended" as const, suspended, title };
  }
  const url = new URL(request.url);
  const requested = url.searchParams.get("org");
  if (requested !== null && !orgIds.includes(requested)) forbidden();
  const orgId = requested ?? orgIds[0];
  const profile = await getSellerProfile(db, orgId);
  if (!profile) notFound();
  const organizations = user.memberships.filter((m) => m.role === "seller").map((m) => ({ id: m.organizationId, name: m.organizationName }));
  const doneParam = url.searchParams.get("done");
  const done = (DONE as readonly string[]).includes(doneParam ?? "") ? (doneParam as Done) : null;
  return { mode: "edit" as const, profile, organizations, multiOrg: orgIds.length > 1, maxUploadMb: formatMegabytes(maxUploadBytes(env().MAX_UPLOAD_MB)), done, title };
}

type Intent = "save" | "upload" | "deleteFile" | "submit";
type ActionData = { intent: Intent; values?: Record<string, string>; errors?: FieldErrors; formError?: { key: MessageKey; params?: MessageParams } };

type ReadForm = { ok: true; form: FormData } | { ok: false; tooLarge: true };

/** The request's form: multipart (an upload, files held in memory up to maxBytes) or urlencoded. */
async function readForm(request: Request, maxBytes: number): Promise<ReadForm> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data/i.test(type)) return { ok: true, form: await request.formData() };
  // Refuse what is plainly too big before reading it (a 200 MB upload over a phone line should fail at once).
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (Number.isFinite(declared) && declared > maxBytes + 256 * 1024) return { ok: false, tooLarge: true };
  try {
    return { ok: true, form: await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxBytes })) };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, tooLarge: true };
    throw error;
  }
}

function doneUrl(orgId: string, multiOrg: boolean, done: Done): string {
  const params = new URLSearchParams(multiOrg ? { org: orgId, done } : { done });
  return `/seller/profile?${params}`;
}

/** Saves the profile, uploads or deletes a file, or submits for review — always for one of the user's selling organizations. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:listing:own");
  const orgIds = sellerOrganizationIds(user.memberships);
  const maxBytes = maxUploadBytes(env().MAX_UPLOAD_MB);
  const read = await readForm(request, maxBytes);
  if (!read.ok) {
    return data<ActionData>({ intent: "upload", formError: { key: "onboarding.file.tooLarge", params: { mb: formatMegabytes(maxBytes) } } }, { status: 413 });
  }
  const form = read.form;
  const orgId = String(form.get("orgId") ?? "");
  if (!orgIds.includes(orgId)) forbidden();
  const multiOrg = orgIds.length > 1;
  const intent = String(form.get("intent") ?? "");
  const db = await prisma();

  if (intent === "save") {
    const values = formValues(form);
    const parsed = parseForm(profileSchema, values);
    if (parsed.errors) return data<ActionData>({ intent, values: redisplayValues(values), errors: parsed.errors, formError: { key: "validation.fixErrors" } }, { status: 400 });
    const result = await updateSellerProfile(db, orgId, parsed.data);
    if (result.kind === "not_found") notFound();
    if (result.verificationReset) logger.info({ organizationId: orgId, userId: user.id }, "licence numbers changed: verification reset");
    throw redirect(doneUrl(orgId, multiOrg, result.verificationReset ? "reset" : "saved"));
  }

  if (intent === "upload") {
    const kind = form.get("kind");
    if (!isOrgFileKind(kind)) return data<ActionData>({ intent, errors: { kind: "validation.required" }, formError: { key: "validation.fixErrors" } }, { status: 400 });
    // Two inputs share the name: the camera one and the file picker; the first non-empty wins.
    const file = form.getAll("file").find((v): v is File => typeof v !== "string" && v.size > 0);
    if (!file) return data<ActionData>({ intent, formError: { key: "onboarding.file.missing" } }, { status: 400 });
    const result = await addOrganizationFile(db, getStorage(), { organizationId: orgId, kind, body: Buffer.from(await file.arrayBuffer()), maxBytes });
    if (!result.ok) return data<ActionData>({ intent, formError: { key: result.error, params: result.params } }, { status: result.error === "onboarding.file.tooLarge" ? 413 : 400 });
    logger.info({ organizationId: orgId, userId: user.id, fileId: result.file.id, kind, bytes: result.file.byteSize }, "organization file uploaded");
    throw redirect(doneUrl(orgId, multiOrg, result.verificationReset ? "uploadedReset" : "uploaded"));
  }

  if (intent === "deleteFile") {
    const fileId = String(form.get("fileId") ?? "");
    if (!isUuid(fileId)) notFound();
    const result = await deleteOrganizationFile(db, getStorage(), { organizationId: orgId, fileId });
    if (result.kind === "not_found") notFound();
    if (result.kind === "forbidden") forbidden();
    throw redirect(doneUrl(orgId, multiOrg, result.verificationReset ? "deletedReset" : "deleted"));
  }

  if (intent === "submit") {
    const result = await submitForReview(db, orgId);
    if (result.kind === "not_found") notFound();
    if (result.kind === "incomplete") return data<ActionData>({ intent, errors: result.blockers, formError: { key: "onboarding.submit.incomplete" } }, { status: 400 });
    if (result.kind === "not_allowed") return data<ActionData>({ intent, formError: { key: "onboarding.submit.notAllowed" } }, { status: 400 });
    logger.info({ organizationId: orgId, userId: user.id }, "seller submitted for review");
    throw redirect(doneUrl(orgId, multiOrg, "submitted"));
  }

  return data<ActionData>({ intent: "save", formError: { key: "adminReview.unknownAction" } }, { status: 400 });
}

const DONE_MESSAGE: Record<Done, MessageKey> = {
  saved: "onboarding.saved",
  reset: "onboarding.savedReset",
  uploaded: "onboarding.uploaded",
  uploadedReset: "onboarding.savedReset",
  deleted: "onboarding.fileDeleted",
  deletedReset: "onboarding.savedReset",
  submitted: "onboarding.submittedNotice",
};

export default function SellerProfilePage() {
  const loaderData = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  if (loaderData.mode === "suspended") {
    return (
      <div className="mx-auto max-w-2xl space-y-4">
        <h1 className="text-2xl font-semibold sm:text-3xl">{t("onboarding.title")}</h1>
        {loaderData.suspended.map((o) => (
          <div key={o.id} className="space-y-2">
            <h2 className="text-lg font-semibold">{o.name}</h2>
            <VerificationBanner facts={{ state: "suspended", submittedAt: null, reviewNote: "", suspensionReason: o.suspensionReason }} t={t} locale={locale} />
          </div>
        ))}
      </div>
    );
  }
  return <ProfileEditor data={loaderData} />;
}

type EditData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { mode: "edit" }>;

function fileSize(bytes: number, locale: Locale): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)), locale)} KB`;
  return `${formatNumber(bytes / (1024 * 1024), locale, 1)} MB`;
}

function TextArea({ name, label, error, hint, ...rest }: TextareaHTMLAttributes<HTMLTextAreaElement> & { name: string; label: string; error?: string; hint?: string }) {
  const id = `f-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <textarea id={id} name={name} rows={4} className="input py-2" aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...rest} />
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-stone-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** "Use my current location": JS only (the button appears once the page runs), fills the lat/lng inputs from the phone's GPS. */
function LocationButton({ t }: { t: T }) {
  const [available, setAvailable] = useState(false);
  const [status, setStatus] = useState<{ key: MessageKey; params?: MessageParams } | null>(null);
  // Browsers give positions to secure pages only (HTTPS or localhost); elsewhere the button would only fail.
  useEffect(() => setAvailable(typeof navigator !== "undefined" && "geolocation" in navigator && window.isSecureContext), []);
  if (!available) return null;
  const locate = () => {
    setStatus({ key: "onboarding.location.locating" });
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const { latitude, longitude, accuracy } = position.coords;
        const lat = document.getElementById("f-lat") as HTMLInputElement | null;
        const lng = document.getElementById("f-lng") as HTMLInputElement | null;
        if (lat) lat.value = latitude.toFixed(6);
        if (lng) lng.value = longitude.toFixed(6);
        setStatus({ key: "onboarding.location.found", params: { metres: Math.max(1, Math.round(accuracy)) } });
      },
      (error) => setStatus({ key: error.code === error.PERMISSION_DENIED ? "onboarding.location.denied" : "onboarding.location.unavailable" }),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  };
  return (
    <div className="space-y-1">
      <button type="button" onClick={locate} className="btn-secondary w-full sm:w-auto" data-testid="use-current-location">
        <span aria-hidden="true">📍</span> {t("onboarding.location.useCurrent")}
      </button>
      <p role="status" aria-live="polite" className="text-sm text-stone-600">
        {status ? t(status.key, status.params) : null}
      </p>
    </div>
  );
}

function ProfileEditor({ data: d }: { data: EditData }) {
  const { profile } = d;
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const busy = (intent: Intent) => navigation.state !== "idle" && navigation.formData?.get("intent") === intent;

  const saveData = actionData?.intent === "save" ? actionData : undefined;
  const submitData = actionData?.intent === "submit" ? actionData : undefined;
  const uploadData = actionData?.intent === "upload" ? actionData : undefined;
  const { errors: saveErrors, onSubmit } = useClientValidation(profileSchema, saveData?.errors);
  // Field errors shown on the profile form: the save's (server or browser), or what a refused submit lacks.
  const errors: FieldErrors = { ...(submitData?.errors ?? {}), ...saveErrors };
  const err = (field: string) => (errors[field] ? t(errors[field]!) : undefined);
  const saved = {
    name: profile.name,
    nameEn: profile.nameEn ?? "",
    county: profile.county,
    address: profile.address,
    lat: profile.lat === null ? "" : String(profile.lat),
    lng: profile.lng === null ? "" : String(profile.lng),
    contactName: profile.contactName,
    contactPhone: profile.contactPhone,
    businessLicenceNo: profile.businessLicenceNo ?? "",
    foodLicenceNo: profile.foodLicenceNo ?? "",
    descriptionZh: profile.descriptionZh,
    descriptionEn: profile.descriptionEn,
  };
  const v: Record<string, string> = saveData?.values ?? saved;
  const canSubmit = profile.state === "incomplete" || profile.state === "rejected";
  const blockerEntries = Object.entries(profile.blockers);
  const [uploadError, setUploadError] = useState<MessageKey | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const onChoose = (event: React.ChangeEvent<HTMLInputElement>) => {
    setUploadError(null);
    setChosen(event.currentTarget.files?.[0]?.name ?? null);
  };
  const maxBytes = Number(d.maxUploadMb) * 1024 * 1024;

  const onUpload = (event: FormEvent<HTMLFormElement>) => {
    const files = new FormData(event.currentTarget).getAll("file").filter((f): f is File => typeof f !== "string" && f.size > 0);
    if (files.length === 0) {
      event.preventDefault();
      setUploadError("onboarding.file.missing");
    } else if (files[0].size > maxBytes) {
      // Said before a single byte leaves the phone.
      event.preventDefault();
      setUploadError("onboarding.file.tooLarge");
    } else {
      setUploadError(null);
    }
  };
  const uploadMessage = uploadError
    ? t(uploadError, { mb: d.maxUploadMb })
    : uploadData?.formError
      ? t(uploadData.formError.key, uploadData.formError.params)
      : undefined;

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <SellerNav current="profile" />
      <div>
        <h1 className="text-2xl font-semibold sm:text-3xl">{t("onboarding.title")}</h1>
        <p className="mt-1 text-stone-600">{profile.name}</p>
        <p className="mt-2 text-sm text-stone-600">{t("onboarding.intro")}</p>
      </div>

      {d.multiOrg ? (
        <nav aria-label={t("onboarding.switchOrg")} className="flex flex-wrap gap-2">
          {d.organizations.map((o) => (
            <Link key={o.id} to={`/seller/profile?org=${o.id}`} aria-current={o.id === profile.id ? "page" : undefined} className={`chip ${o.id === profile.id ? "border-brand-600 bg-brand-50 text-brand-800" : "border-stone-300 bg-white"}`}>
              {o.name}
            </Link>
          ))}
        </nav>
      ) : null}

      <VerificationBanner facts={profile} t={t} locale={locale} />
      {d.done && !actionData ? (
        <p role="status" className="rounded-lg border border-brand-200 bg-brand-50 px-4 py-3 text-sm font-medium text-brand-900">
          {t(DONE_MESSAGE[d.done])}
        </p>
      ) : null}

      {/* The profile form: plain POST, server validation; the same schema runs in the browser first. */}
      <Form method="post" noValidate onSubmit={onSubmit} className="space-y-6" key={JSON.stringify(saved)} aria-labelledby="profile-heading">
        <h2 id="profile-heading" className="sr-only">
          {t("adminReview.profile")}
        </h2>
        <input type="hidden" name="orgId" value={profile.id} />
        <input type="hidden" name="intent" value="save" />
        {saveData?.formError || Object.keys(saveErrors).length > 0 ? <FormAlert>{t(saveData?.formError?.key ?? "validation.fixErrors")}</FormAlert> : null}
        {submitData?.formError ? <FormAlert>{t(submitData.formError.key)}</FormAlert> : null}
        <fieldset className="card space-y-4 p-4 sm:p-6">
          <legend className="px-1 text-lg font-semibold">{t("onboarding.section.basic")}</legend>
          <Field name="name" label={t("onboarding.field.name")} required maxLength={100} defaultValue={v.name} error={err("name")} autoComplete="organization" />
          <Field name="nameEn" label={t("onboarding.field.nameEn")} maxLength={100} defaultValue={v.nameEn} error={err("nameEn")} lang="en" />
          <Field name="county" label={t("onboarding.field.county")} hint={t("onboarding.field.countyHint")} required maxLength={40} defaultValue={v.county} error={err("county")} list="sanming-counties" />
          <datalist id="sanming-counties">
            {SANMING_COUNTIES.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
          <Field name="address" label={t("onboarding.field.address")} required maxLength={200} defaultValue={v.address} error={err("address")} autoComplete="street-address" />
        </fieldset>

        <fieldset className="card space-y-4 p-4 sm:p-6">
          <legend className="px-1 text-lg font-semibold">{t("onboarding.section.location")}</legend>
          <p className="text-sm text-stone-600">{t("onboarding.location.hint")}</p>
          <div className="grid grid-cols-2 gap-3">
            <Field name="lat" label={t("onboarding.field.lat")} hint={t("onboarding.field.latHint")} inputMode="decimal" maxLength={40} defaultValue={v.lat} error={err("lat")} />
            <Field name="lng" label={t("onboarding.field.lng")} hint={t("onboarding.field.lngHint")} inputMode="decimal" maxLength={40} defaultValue={v.lng} error={err("lng")} />
          </div>
          <LocationButton t={t} />
          {profile.warnings.map((w) => (
            <p key={w.key} className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {t(w.key, w.params)}
            </p>
          ))}
        </fieldset>

        <fieldset className="card space-y-4 p-4 sm:p-6">
          <legend className="px-1 text-lg font-semibold">{t("onboarding.section.contact")}</legend>
          <Field name="contactName" label={t("onboarding.field.contactName")} maxLength={40} defaultValue={v.contactName} error={err("contactName")} autoComplete="name" />
          <Field name="contactPhone" label={t("onboarding.field.contactPhone")} hint={t("onboarding.field.contactPhoneHint")} type="tel" inputMode="tel" maxLength={40} defaultValue={v.contactPhone} error={err("contactPhone")} autoComplete="tel" />
        </fieldset>

        <fieldset className="card space-y-4 p-4 sm:p-6">
          <legend className="px-1 text-lg font-semibold">{t("onboarding.section.licences")}</legend>
          <Field
            name="businessLicenceNo"
            label={t("onboarding.field.businessLicenceNo")}
            hint={t("onboarding.field.businessLicenceNoHint")}
            maxLength={40}
            defaultValue={v.businessLicenceNo}
            error={err("businessLicenceNo")}
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            className="input font-mono uppercase"
          />
          <Field
            name="foodLicenceNo"
            label={t("onboarding.field.foodLicenceNo")}
            hint={t("onboarding.field.foodLicenceNoHint")}
            maxLength={40}
            defaultValue={v.foodLicenceNo}
            error={err("foodLicenceNo")}
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            className="input font-mono uppercase"
          />
        </fieldset>

        <fieldset className="card space-y-4 p-4 sm:p-6">
          <legend className="px-1 text-lg font-semibold">{t("onboarding.section.description")}</legend>
          <TextArea name="descriptionZh" label={t("onboarding.field.descriptionZh")} hint={t("onboarding.field.descriptionHint")} maxLength={2000} defaultValue={v.descriptionZh} error={err("descriptionZh")} />
          <TextArea name="descriptionEn" label={t("onboarding.field.descriptionEn")} maxLength={2000} defaultValue={v.descriptionEn} error={err("descriptionEn")} lang="en" />
        </fieldset>

        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy("save")}>
          {busy("save") ? t("onboarding.saving") : t("onboarding.save")}
        </button>
      </Form>

      <section className="card space-y-4 p-4 sm:p-6" aria-labelledby="files-heading">
        <h2 id="files-heading" className="text-lg font-semibold">
          {t("onboarding.section.files")}
        </h2>
        {errors.businessLicenceFile || errors.foodLicenceFile ? (
          <p className="text-sm font-medium text-red-700">{[errors.businessLicenceFile, errors.foodLicenceFile].filter((e): e is MessageKey => !!e).map((e) => t(e)).join("；")}</p>
        ) : null}
        <UploadProgressForm onSubmit={onUpload} className="space-y-3" data-testid="upload-form" t={t}>
          {(uploading) => (
            <>
              <input type="hidden" name="orgId" value={profile.id} />
              <input type="hidden" name="intent" value="upload" />
              <div className="space-y-1">
                <label htmlFor="f-kind" className="block text-sm font-medium text-stone-800">
                  {t("onboarding.files.kind")}
                </label>
                <select id="f-kind" name="kind" className="input" defaultValue={profile.files.some((f) => f.kind === "business_licence") ? "food_licence" : "business_licence"}>
                  {ORG_FILE_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`onboarding.fileKind.${k}`)}
                    </option>
                  ))}
                </select>
              </div>
              {/* capture opens the camera straight away on phones; the second input allows the gallery and PDFs. */}
              <label className="btn-secondary w-full cursor-pointer sm:w-auto">
                <span aria-hidden="true">📷</span> {t("onboarding.files.takePhoto")}
                <input type="file" name="file" accept="image/*" capture="environment" className="sr-only" onChange={onChoose} />
              </label>
              <div className="space-y-1">
                <label htmlFor="f-file" className="block text-sm font-medium text-stone-800">
                  {t("onboarding.files.choose")}
                </label>
                <input id="f-file" type="file" name="file" accept="image/*,application/pdf" className="block w-full text-sm file:mr-3 file:min-h-11 file:rounded-lg file:border-0 file:bg-stone-100 file:px-4" onChange={onChoose} aria-describedby="f-file-hint" />
                <p id="f-file-hint" className="text-sm text-stone-500">
                  {t("onboarding.files.hint", { mb: d.maxUploadMb })}
                </p>
              </div>
              {chosen ? <p className="truncate text-sm text-stone-700">{chosen}</p> : null}
              {uploadMessage ? <FormAlert>{uploadMessage}</FormAlert> : null}
              <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy("upload") || uploading}>
                {busy("upload") || uploading ? t("onboarding.files.uploading") : t("onboarding.files.upload")}
              </button>
            </>
          )}
        </UploadProgressForm>

        {profile.files.length === 0 ? (
          <p className="text-sm text-stone-600">{t("onboarding.files.none")}</p>
        ) : (
          <ul aria-label={t("onboarding.files.listLabel")} className="divide-y divide-stone-100 rounded-lg border border-stone-200">
            {profile.files.map((f) => (
              <li key={f.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                <div className="min-w-0">
                  <p className="font-medium">{t(`onboarding.fileKind.${f.kind}`)}</p>
                  <p className="text-sm text-stone-500">
                    {f.contentType === "application/pdf" ? "PDF" : f.contentType.replace("image/", "").toUpperCase()} · {fileSize(f.byteSize, locale)} · {t("onboarding.files.uploadedAt", { date: formatDate(f.createdAt, locale) })}
                  </p>
                </div>
                <div className="flex items-center gap-2">
                  <a href={`/seller/files/${f.id}`} target="_blank" rel="noreferrer" className="btn-secondary">
                    {t("onboarding.files.view")}
                  </a>
                  <Form
                    method="post"
                    onSubmit={(e) => {
                      if (!window.confirm(t("onboarding.files.confirmDelete"))) e.preventDefault();
                    }}
                  >
                    <input type="hidden" name="orgId" value={profile.id} />
                    <input type="hidden" name="intent" value="deleteFile" />
                    <input type="hidden" name="fileId" value={f.id} />
                    <button type="submit" className="btn-secondary text-red-700">
                      {t("onboarding.files.delete")}
                    </button>
                  </Form>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card space-y-3 p-4 sm:p-6" aria-labelledby="submit-heading">
        <h2 id="submit-heading" className="text-lg font-semibold">
          {t("onboarding.submit.title")}
        </h2>
        {profile.state === "submitted" ? <p className="text-stone-700">{t("onboarding.submit.waiting")}</p> : null}
        {canSubmit ? (
          <>
            {blockerEntries.length > 0 ? (
              <div>
                <p className="text-sm font-medium text-stone-800">{t("onboarding.submit.missing")}</p>
                <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-stone-700" data-testid="review-blockers">
                  {blockerEntries.map(([field, key]) => (
                    <li key={field}>{blockerText(field, key!, t)}</li>
                  ))}
                </ul>
              </div>
            ) : (
              <p className="text-sm text-brand-800">{t("onboarding.submit.ready")}</p>
            )}
            <Form method="post">
              <input type="hidden" name="orgId" value={profile.id} />
              <input type="hidden" name="intent" value="submit" />
              <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy("submit")}>
                {t("onboarding.submit.button")}
              </button>
            </Form>
          </>
        ) : null}
      </section>
    </div>
  );
}
