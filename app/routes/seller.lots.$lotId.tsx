import {
  data,
  redirect,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  type UploadHandler,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useMemo } from "react";
import { ExpiryBadge, LotFields, lotFormValues } from "~/components/lots/lot-fields";
import { SellerNav } from "~/components/seller-nav";
import { FormAlert } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { UploadProgressForm } from "~/components/ui/upload-progress-form";
import { forbidden, notFound, requirePermission } from "~/modules/auth/request.server";
import { composePackLabel } from "~/modules/catalog/packs";
import { ACCEPT_ATTRIBUTE, ATTACHMENT_KINDS, formatBytes, isAttachmentKind } from "~/modules/lots/attachments";
import { MAX_COPIES, traceUrl } from "~/modules/lots/label";
import { addAttachment, checkOwner, deleteAttachment, getOwnLot, updateLot } from "~/modules/lots/lots.server";
import { addDaysToDay, dayOf, defaultExpiry, EXPIRING_SOON_DAYS, expiryState, numbersFromCertificates } from "~/modules/lots/rules";
import { lotFormSchema } from "~/modules/lots/schemas";
import { sellerOrganizationIds } from "~/modules/seller/console.server";
import { getStorage } from "~/modules/storage/index.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { formValues, hasForbiddenCharacters, parseForm, redisplayValues } from "~/utils/forms";
import type { MessageKey } from "~/utils/i18n/messages";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { bilingualName } from "~/utils/i18n/names";
import { translator } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { isUuid } from "~/utils/pagination";
import { useClientValidation } from "~/utils/use-client-validation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "批次" }];

/** One of the seller's lots: its form, its documents, its label and public page. Another seller's lot is 403. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:listing:own");
  if (!isUuid(params.lotId)) notFound();
  const result = await getOwnLot(await prisma(), params.lotId, sellerOrganizationIds(user.memberships));
  if (result.kind === "not_found") notFound();
  if (result.kind === "forbidden") forbidden();
  const lot = result.value;
  const t = translator(await resolveLocale(request, user.locale));
  return {
    lot,
    values: lotFormValues({ ...lot, certificateNumbers: numbersFromCertificates(lot.certificates) }),
    today: dayOf(new Date()),
    maxUploadMb: env().MAX_UPLOAD_MB,
    traceUrl: traceUrl(new URL(request.url).origin, lot.id),
    title: `${t("lots.editTitle", { code: lot.code })} · ${t("seller.title")}`,
  };
}

/** Largest text field accepted in the upload form (kind, number, intent). */
const TEXT_PART_BYTES = 16 * 1024;

type Upload = { fields: Record<string, string>; file: { name: string; bytes: Buffer } | null; tooLarge: boolean };

/**
 * Reads the upload form with a size-limited handler: the file is kept in memory only up to the
 * limit; past it the rest is read and dropped (not thrown), so the whole body is consumed and the
 * phone gets the page with "file too large" instead of a reset connection. Text parts are capped too.
 */
async function readUpload(request: Request, maxBytes: number): Promise<Upload> {
  const upload: Upload = { fields: {}, file: null, tooLarge: false };
  const handler: UploadHandler = async ({ name, filename, data: stream }) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const isFile = filename !== undefined;
    const limit = isFile ? maxBytes : TEXT_PART_BYTES;
    const wanted = isFile ? name === "file" && upload.file === null && !upload.tooLarge : true;
    for await (const chunk of stream) {
      size += chunk.byteLength;
      if (wanted && size <= limit) chunks.push(chunk);
    }
    if (!wanted) return undefined;
    if (!isFile) return size <= limit ? Buffer.concat(chunks).toString("utf8") : "";
    if (size > limit) upload.tooLarge = true;
    // A form sent with no file chosen has an empty part named "".
    // Browsers escape exactly CR, LF and '"' in multipart file names (WHATWG); undo that before cleaning the name.
    else if (size > 0 || filename) upload.file = { name: (filename ?? "").replace(/%0D|%0A|%22/gi, (m) => decodeURIComponent(m)), bytes: Buffer.concat(chunks) };
    return undefined;
  };
  const form = await unstable_parseMultipartFormData(request, handler);
  upload.fields = formValues(form);
  return upload;
}

/** What an action answers when something was refused: the message key, any field, and what was typed. */
type Refusal = { errors: Partial<Record<string, MessageKey>>; values?: Record<string, string>; intent: string; maxMb?: number };

/**
 * Save the lot (urlencoded), upload a document (multipart) or delete one. Refusals come back as
 * field errors with what was typed; successes redirect (so a reload does not post again).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:lots:own");
  if (!isUuid(params.lotId)) notFound();
  const lotId = params.lotId;
  const orgIds = sellerOrganizationIds(user.memberships);
  const db = await prisma();
  const maxMb = env().MAX_UPLOAD_MB;
  // Another seller's lot is 403 whatever was sent, a missing one 404.
  const owner = await checkOwner(db, lotId, orgIds);
  if (owner === "forbidden") forbidden();
  if (owner === "not_found") notFound();
  const multipart = (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data");

  let fields: Record<string, string>;
  let upload: Upload | null = null;
  try {
    if (multipart) {
      upload = await readUpload(request, Math.floor(maxMb * 1024 * 1024));
      fields = upload.fields;
    } else {
      fields = formValues(await request.formData());
    }
  } catch {
    // A body that is not the multipart form it says it is.
    throw data({ message: "bad request" }, { status: 400 });
  }
  const intent = fields.intent ?? (upload ? "upload" : "save");
  const refuse = (body: Refusal, status = 400) => data(body, { status });

  if (intent === "upload") {
    const kind = fields.kind;
    const number = (fields.number ?? "").trim();
    if (!isAttachmentKind(kind)) return refuse({ errors: { kind: "validation.required" }, intent, values: redisplayValues(fields) });
    if (number.length > 60 || hasForbiddenCharacters(number)) return refuse({ errors: { number: "lots.attachment.badNumber" }, intent, values: redisplayValues(fields) });
    if (upload?.tooLarge) return refuse({ errors: { file: "lots.attachment.tooLarge" }, intent, maxMb, values: redisplayValues(fields) }, 413);
    if (!upload?.file) return refuse({ errors: { file: "lots.attachment.missing" }, intent, values: redisplayValues(fields) });
    const result = await addAttachment(db, getStorage(), lotId, orgIds, { kind, number, originalName: upload.file.name, bytes: upload.file.bytes }, Math.floor(maxMb * 1024 * 1024));
    if (result.kind === "forbidden") forbidden();
    if (result.kind === "not_found") notFound();
    if (result.kind === "invalid") return refuse({ errors: { file: result.problem }, intent, maxMb, values: redisplayValues(fields) }, result.problem === "lots.attachment.tooLarge" ? 413 : 400);
    return redirect(`/seller/lots/${lotId}?uploaded=${encodeURIComponent(result.fileName)}#attachments`);
  }

  if (intent === "delete-attachment") {
    const attachmentId = fields.attachmentId ?? "";
    if (!isUuid(attachmentId)) return refuse({ errors: { attachmentId: "lots.attachment.notFound" }, intent });
    const result = await deleteAttachment(db, getStorage(), lotId, attachmentId, orgIds);
    if (result === "forbidden") forbidden();
    if (result === "not_found") return refuse({ errors: { attachmentId: "lots.attachment.notFound" }, intent }, 404);
    return redirect(`/seller/lots/${lotId}?deleted=1#attachments`);
  }

  // intent "save"
  const today = dayOf(new Date());
  const parsed = parseForm(lotFormSchema({ today, requireVariant: false }), fields);
  if (parsed.errors) return refuse({ errors: parsed.errors, values: redisplayValues(fields), intent: "save" });
  const result = await updateLot(db, lotId, orgIds, parsed.data, today);
  if (result.kind === "forbidden") forbidden();
  if (result.kind === "not_found") notFound();
  if (result.kind === "invalid") return refuse({ errors: result.errors, values: redisplayValues(fields), intent: "save" });
  return redirect(`/seller/lots/${lotId}?saved=1`);
}

export default function LotPage() {
  const { lot, values: stored, today, maxUploadMb, traceUrl: publicUrl } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as Refusal | undefined;
  const [params] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const schema = useMemo(() => lotFormSchema({ today, requireVariant: false }), [today]);
  const saveErrors = actionData?.intent === "save" ? actionData.errors : undefined;
  const { errors, onSubmit } = useClientValidation(schema, saveErrors);
  const values = actionData?.intent === "save" && actionData.values ? actionData.values : stored;
  const uploadErrors = actionData?.intent === "upload" ? actionData.errors : {};
  const uploadValues = actionData?.intent === "upload" ? (actionData.values ?? {}) : {};
  const deleteError = actionData?.intent === "delete-attachment" ? actionData.errors.attachmentId : undefined;
  const name = bilingualName(lot.product.nameZh, lot.product.nameEn, locale);
  const state = expiryState(lot.expiresOn, today);
  const isPublic = lot.seller.verificationStatus === "verified";
  const busy = navigation.state === "submitting";
  const uploaded = params.get("uploaded");
  // Forms post to the bare lot URL, so the notices in the query (?saved, ?uploaded …) do not stick to a refusal.
  const self = `/seller/lots/${lot.id}`;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <SellerNav current="lots" />
        <Link to="/seller/lots" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700">
          ← {t("lots.backToList")}
        </Link>
        <PageHeader
          title={t("lots.editTitle", { code: lot.code })}
          subtitle={
            <span className="flex flex-wrap items-center gap-2">
              <span>
                {name.primary} · {composePackLabel(lot.variant, locale)}
              </span>
              <ExpiryBadge state={state} t={t} soonDays={EXPIRING_SOON_DAYS} />
            </span>
          }
        />
        {params.get("created") ? <p className="rounded-lg bg-brand-50 px-4 py-3 text-sm text-brand-900" role="status">{t("lots.created")}</p> : null}
        {params.get("saved") ? <p className="rounded-lg bg-brand-50 px-4 py-3 text-sm text-brand-900" role="status">{t("lots.saved")}</p> : null}
      </div>

      <section className="card space-y-4 p-4 sm:p-6" aria-labelledby="label-title">
        <h2 id="label-title" className="text-lg font-semibold">
          {t("lots.labelTitle")}
        </h2>
        <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
          {isPublic ? <img src={`/t/${lot.id}/qr`} alt={t("lots.qrAlt")} width={144} height={144} className="h-36 w-36 shrink-0 rounded-lg border border-stone-200" /> : null}
          <div className="space-y-3">
            <p className="text-sm text-stone-600">{t("lots.labelHint")}</p>
            {isPublic ? null : <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("lots.labelNotPublic")}</p>}
            <Form method="get" action={`/seller/lots/${lot.id}/label`} reloadDocument target="_blank" className="flex flex-wrap items-end gap-3">
              <div className="space-y-1">
                <label htmlFor="f-copies" className="block text-sm font-medium text-stone-800">
                  {t("lots.labelCopies")}
                </label>
                <select id="f-copies" name="copies" className="input w-28" defaultValue="1">
                  {[1, 8, 16, 24, 40, MAX_COPIES].map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="btn-primary">
                {t("lots.labelOpen")}
              </button>
            </Form>
            <p className="break-all text-sm">
              <a href={publicUrl} className="font-medium text-brand-700 underline" target="_blank" rel="noreferrer">
                {t("lots.publicPage")}
              </a>
            </p>
          </div>
        </div>
      </section>

      <Form method="post" action={self} onSubmit={onSubmit} className="card space-y-5 p-4 sm:p-6">
        <input type="hidden" name="intent" value="save" />
        {Object.keys(errors).length > 0 ? <FormAlert>{t("validation.fixErrors")}</FormAlert> : null}
        <LotFields
          values={values}
          errors={errors}
          t={t}
          codeExample={lot.code}
          maxDay={addDaysToDay(today, 1)}
          shelfLifeDays={lot.product.shelfLifeDays}
          expiryExample={defaultExpiry(/^\d{4}-\d{2}-\d{2}$/.test(values.producedOn ?? "") ? values.producedOn : lot.producedOn, lot.product.shelfLifeDays)}
        />
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
          {t("lots.save")}
        </button>
      </Form>

      <section id="attachments" className="card space-y-4 p-4 sm:p-6" aria-labelledby="attachments-title">
        <h2 id="attachments-title" className="text-lg font-semibold">
          {t("lots.attachments")}
        </h2>
        {uploaded ? <p className="rounded-lg bg-brand-50 px-4 py-3 text-sm text-brand-900" role="status">{t("lots.attachment.uploaded", { name: uploaded })}</p> : null}
        {params.get("deleted") ? <p className="rounded-lg bg-brand-50 px-4 py-3 text-sm text-brand-900" role="status">{t("lots.attachment.deleted")}</p> : null}
        {deleteError ? <FormAlert>{t(deleteError)}</FormAlert> : null}
        {lot.attachments.length === 0 ? (
          <p className="text-stone-600">{t("lots.attachments.none")}</p>
        ) : (
          <ul className="divide-y divide-stone-100">
            {lot.attachments.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div className="min-w-0">
                  <p className="font-medium">
                    {t(`lots.kind.${a.kind}`)}
                    {a.number ? <span className="ml-2 text-sm text-stone-600">{a.number}</span> : null}
                  </p>
                  <p className="truncate text-sm text-stone-500">
                    {a.originalName} · {formatBytes(a.byteSize)}
                  </p>
                </div>
                <div className="flex items-center gap-2">
                  {isPublic ? (
                    <a href={`/t/${lot.id}/files/${a.id}`} className="btn-secondary" target="_blank" rel="noreferrer">
                      {t("lots.attachment.open")}
                    </a>
                  ) : null}
                  <Form method="post" action={self}>
                    <input type="hidden" name="intent" value="delete-attachment" />
                    <input type="hidden" name="attachmentId" value={a.id} />
                    <button type="submit" className="btn-secondary text-red-700" aria-label={t("lots.attachment.deleteLabel", { name: a.originalName })} disabled={busy}>
                      {t("lots.attachment.delete")}
                    </button>
                  </Form>
                </div>
              </li>
            ))}
          </ul>
        )}
        <UploadProgressForm action={self} fragment="attachments" className="space-y-4 rounded-xl border border-stone-200 p-4" t={t}>
          {(uploading) => (
            <>
              <input type="hidden" name="intent" value="upload" />
              <p className="text-sm text-stone-600">{t("lots.attachmentsHint", { max: maxUploadMb })}</p>
              {uploadErrors.file ? <FormAlert>{t(uploadErrors.file, { max: actionData?.maxMb ?? maxUploadMb })}</FormAlert> : null}
              <div className="grid gap-4 sm:grid-cols-2">
                <div className="space-y-1">
                  <label htmlFor="f-kind" className="block text-sm font-medium text-stone-800">
                    {t("lots.attachment.kind")}
                  </label>
                  <select id="f-kind" name="kind" className="input" defaultValue={uploadValues.kind ?? "qualification_certificate"} aria-invalid={uploadErrors.kind ? true : undefined}>
                    {ATTACHMENT_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`lots.kind.${k}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="space-y-1">
                  <label htmlFor="f-number" className="block text-sm font-medium text-stone-800">
                    {t("lots.attachment.number")}
                  </label>
                  <input id="f-number" name="number" className="input" defaultValue={uploadValues.number ?? ""} maxLength={60} autoComplete="off" aria-invalid={uploadErrors.number ? true : undefined} />
                  {uploadErrors.number ? <p className="text-sm font-medium text-red-700">{t(uploadErrors.number)}</p> : null}
                </div>
              </div>
              <div className="space-y-1">
                <label htmlFor="f-file" className="block text-sm font-medium text-stone-800">
                  {t("lots.attachment.file")}
                </label>
                <input
                  id="f-file"
                  name="file"
                  type="file"
                  accept={ACCEPT_ATTRIBUTE}
                  required
                  className="block min-h-11 w-full text-base file:mr-3 file:min-h-11 file:rounded-lg file:border-0 file:bg-brand-50 file:px-4 file:font-medium file:text-brand-800"
                  aria-invalid={uploadErrors.file ? true : undefined}
                />
              </div>
              <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy || uploading}>
                {t("lots.attachment.upload")}
              </button>
            </>
          )}
        </UploadProgressForm>
      </section>
    </div>
  );
}
