import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation, useNavigate, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { SellerNav } from "~/components/seller-nav";
import { FormAlert } from "~/components/ui/field";
import { PageHeader, Stat } from "~/components/ui/page-header";
import { forbidden, requirePermission } from "~/modules/auth/request.server";
import { applyImport, previewUpload, type ImportPreview } from "~/modules/catalog/import/import.server";
import { describeIssue, describeProblem, type IssueView } from "~/modules/catalog/import/present";
import { sniffFormat } from "~/modules/catalog/import/read.server";
import { MAX_IMPORT_ROWS } from "~/modules/catalog/import/sheet";
import { isUploadId, maxUploadBytes, readUploadForm, storeUpload } from "~/modules/catalog/import/upload.server";
import { sellerOrganizationIds, sellerOrganizations } from "~/modules/seller/console.server";
import { getStorage } from "~/modules/storage/index.server";
import { prisma } from "~/utils/db.server";
import { formatFen, formatNumber } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { translator, type T } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { logger } from "~/utils/logger.server";

/**
 * A refused oversized upload closes the connection (Connection: close reaches the document response
 * through here), so the server stops receiving the rest of the body instead of draining it.
 */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const connection = actionHeaders.get("Connection");
  return connection ? { Connection: connection } : new Headers();
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "批量导入商品" }];

/** Problems listed on the page at most (the count says how many there are). */
const SHOWN_ISSUES = 500;
const NOTICES = ["recheck", "conflict", "unverified"] as const;
type Notice = (typeof NOTICES)[number];

interface PreviewView {
  uploadId: string;
  fileName: string;
  problems: string[];
  issues: IssueView[];
  totalIssues: number;
  rowsWithIssues: number;
  counts: ImportPreview["counts"];
  products: { rowNumber: number; name: string; secondary: string; packs: string[] }[];
  moreProducts: number;
  canPublish: boolean;
}

function previewView(preview: ImportPreview, canPublish: boolean, t: T, locale: Locale): PreviewView {
  return {
    uploadId: preview.uploadId,
    fileName: preview.fileName,
    problems: preview.problems.map((p) => describeProblem(p, t, locale)),
    issues: preview.issues.slice(0, SHOWN_ISSUES).map((i) => describeIssue(i, preview.letters, t, locale)),
    totalIssues: preview.issues.length,
    rowsWithIssues: preview.counts.rowsWithIssues,
    counts: preview.counts,
    products: preview.products.map((p) => ({
      rowNumber: p.rowNumber,
      name: locale === "en" && p.nameEn ? p.nameEn : p.nameZh,
      secondary: locale === "en" && p.nameEn ? p.nameZh : p.nameEn,
      packs: p.packs.map((k) => `${locale === "en" ? k.labelEn : k.label} · ${t("import.list.from", { price: formatFen(k.fromFen, locale) })}`),
    })),
    moreProducts: Math.max(0, preview.counts.products - preview.products.length),
    canPublish,
  };
}

/**
 * The import page. Without parameters: the templates and the upload form. `?upload=<id>`: the preview of a
 * kept upload of the seller's organizations (another organization's id is 404, like a made-up one).
 * `?done=…`: the result of an import.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "update:listing:own");
  const orgIds = sellerOrganizationIds(user.memberships);
  if (orgIds.length === 0) forbidden();
  const locale = await resolveLocale(request, user.locale);
  const t = translator(locale);
  const db = await prisma();
  const organizations = (await sellerOrganizations(db, orgIds)).map(({ id, name, canPublish }) => ({ id, name, canPublish }));
  const url = new URL(request.url);
  const base = {
    title: `${t("import.title")} · ${t("seller.title")}`,
    organizations,
    maxMb: maxUploadBytes() / 1024 / 1024,
    maxBytes: maxUploadBytes(),
  };

  const done = url.searchParams.get("done");
  if (done === "draft" || done === "active") {
    const n = (name: string) => Math.max(0, Math.trunc(Number(url.searchParams.get(name)) || 0));
    return { ...base, view: "done" as const, done: { status: done as "draft" | "active", products: n("products"), packs: n("packs") } };
  }
  const uploadId = url.searchParams.get("upload");
  if (uploadId !== null) {
    if (!isUploadId(uploadId)) return data({ ...base, view: "missing" as const }, { status: 404 });
    // Right after an upload with JavaScript: a light answer; the page then loads the preview itself.
    if (url.searchParams.get("pending") === "1") return { ...base, view: "pending" as const, uploadId };
    const result = await previewUpload(db, getStorage(), orgIds, uploadId);
    if (!result) return data({ ...base, view: "missing" as const }, { status: 404 });
    const notice = url.searchParams.get("notice");
    const canPublish = organizations.find((o) => o.id === result.orgId)?.canPublish ?? false;
    return {
      ...base,
      view: "preview" as const,
      preview: previewView(result.preview, canPublish, t, locale),
      notice: (NOTICES as readonly string[]).includes(notice ?? "") ? (notice as Notice) : null,
    };
  }
  return { ...base, view: "upload" as const };
}

type ActionData = { formError: string };

/**
 * intent=upload (multipart): the file is checked for its size while it streams in, sniffed for its type,
 * kept in storage and the browser sent to its preview. intent=apply: the kept file is validated again and
 * imported in one transaction.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:listing:own");
  const orgIds = sellerOrganizationIds(user.memberships);
  if (orgIds.length === 0) forbidden();
  const locale = await resolveLocale(request, user.locale);
  const t = translator(locale);
  const max = maxUploadBytes();
  const form = await readUploadForm(request, max);
  if (form.kind === "too_large") {
    logger.warn({ userId: user.id }, "import upload over the size limit refused");
    return data<ActionData>({ formError: t("import.file.tooLarge", { max: formatNumber(max / 1024 / 1024, locale, 1) }) }, { status: 413, headers: { Connection: "close" } });
  }
  if (form.kind === "bad_request") return data<ActionData>({ formError: t("error.400.body") }, { status: 400 });
  const storage = getStorage();

  if (form.fields.intent === "apply") {
    const uploadId = form.fields.uploadId ?? "";
    if (!isUploadId(uploadId)) return data<ActionData>({ formError: t("import.preview.expired") }, { status: 404 });
    const result = await applyImport(await prisma(), storage, { orgIds, uploadId, userId: user.id, publish: form.fields.publish === "on" });
    switch (result.kind) {
      case "ok":
        throw redirect(`/seller/import?done=${result.status}&products=${result.products}&packs=${result.packs}`);
      case "not_found":
        return data<ActionData>({ formError: t("import.preview.expired") }, { status: 404 });
      case "invalid":
        throw redirect(`/seller/import?upload=${uploadId}&notice=recheck`);
      case "not_verified":
        throw redirect(`/seller/import?upload=${uploadId}&notice=unverified`);
      case "conflict":
        throw redirect(`/seller/import?upload=${uploadId}&notice=conflict`);
    }
  }

  const orgId = form.fields.organizationId || orgIds[0]!;
  if (!orgIds.includes(orgId)) forbidden();
  if (!form.file) return data<ActionData>({ formError: t("import.file.missing") }, { status: 400 });
  const sniffed = await sniffFormat(form.file.bytes);
  if (!sniffed.ok) return data<ActionData>({ formError: describeProblem(sniffed.problem, t, locale) }, { status: 400 });
  const id = await storeUpload(storage, orgId, { bytes: form.file.bytes, fileName: form.file.name, format: sniffed.format, userId: user.id });
  logger.info({ userId: user.id, orgId, uploadId: id, bytes: form.file.bytes.length, format: sniffed.format }, "import file uploaded");
  const xhr = new URL(request.url).searchParams.get("xhr") === "1";
  throw redirect(`/seller/import?upload=${id}${xhr ? "&pending=1" : ""}`);
}

export default function SellerImportPage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="mx-auto max-w-4xl">
      <SellerNav current="import" />
      <PageHeader title={t("import.title")} subtitle={t("import.intro")} />
      {actionData?.formError ? (
        <div className="mb-4" data-import-error="">
          <FormAlert>{actionData.formError}</FormAlert>
        </div>
      ) : null}
      {loaderData.view === "done" ? (
        <DoneCard {...loaderData.done} t={t} locale={locale} />
      ) : (
        <div className="space-y-6">
          {loaderData.view === "preview" ? <Preview preview={loaderData.preview} notice={loaderData.notice} t={t} locale={locale} /> : null}
          {loaderData.view === "missing" ? <FormAlert>{t("import.preview.expired")}</FormAlert> : null}
          {loaderData.view === "pending" ? (
            <p className="card p-4 text-stone-700" role="status">
              {t("import.upload.processing")}{" "}
              <a className="font-medium text-brand-700 underline" href={`/seller/import?upload=${loaderData.uploadId}`}>
                {t("import.preview.heading")}
              </a>
            </p>
          ) : null}
          <TemplateCard t={t} />
          <UploadCard organizations={loaderData.organizations} maxMb={loaderData.maxMb} maxBytes={loaderData.maxBytes} again={loaderData.view === "preview"} t={t} locale={locale} />
        </div>
      )}
    </div>
  );
}

function TemplateCard({ t }: { t: T }) {
  return (
    <section className="card space-y-3 p-4 sm:p-6" aria-labelledby="import-template">
      <h2 id="import-template" className="text-lg font-semibold">
        {t("import.template.heading")}
      </h2>
      <p className="text-sm text-stone-600">{t("import.template.body", { max: MAX_IMPORT_ROWS })}</p>
      <div className="flex flex-wrap gap-3">
        <a className="btn-secondary" href="/seller/import/template.xlsx" download>
          {t("import.template.xlsx")}
        </a>
        <a className="btn-secondary" href="/seller/import/template.csv" download>
          {t("import.template.csv")}
        </a>
      </div>
    </section>
  );
}

type Phase = { kind: "idle" } | { kind: "uploading"; percent: number } | { kind: "processing" } | { kind: "failed"; message: string; retry: boolean };

/**
 * The upload form. Without JavaScript it simply posts (multipart) and the server answers with the preview.
 * With JavaScript the file goes by XMLHttpRequest so the seller sees upload progress, then "checking…"
 * while the server reads a large file; an interrupted upload can be retried without choosing the file again.
 */
function UploadCard({ organizations, maxMb, maxBytes, again, t, locale }: { organizations: { id: string; name: string }[]; maxMb: number; maxBytes: number; again: boolean; t: T; locale: Locale }) {
  const navigate = useNavigate();
  const location = useLocation();
  const navigation = useNavigation();
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [clientError, setClientError] = useState<string | null>(null);
  const last = useRef<FormData | null>(null);
  useEffect(() => setPhase({ kind: "idle" }), [location.key]);

  const send = (body: FormData) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/seller/import?xhr=1");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setPhase({ kind: "uploading", percent: Math.min(100, Math.round((e.loaded * 100) / e.total)) });
    };
    xhr.upload.onload = () => setPhase({ kind: "processing" });
    xhr.onload = () => {
      const url = new URL(xhr.responseURL || window.location.href);
      // Sent elsewhere (the session ended: the sign-in page): go there as a form post would have.
      if (url.pathname !== "/seller/import") {
        window.location.assign(url.href);
        return;
      }
      if (xhr.status < 400 && url.searchParams.get("upload")) {
        url.searchParams.delete("pending");
        setPhase({ kind: "processing" });
        navigate(`${url.pathname}${url.search}`);
        return;
      }
      const doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
      const message = doc.querySelector("[data-import-error]")?.textContent?.trim();
      setPhase({ kind: "failed", message: message || t("import.upload.failed"), retry: !message });
    };
    xhr.onerror = () => setPhase({ kind: "failed", message: t("import.upload.failed"), retry: true });
    xhr.ontimeout = xhr.onerror;
    setPhase({ kind: "uploading", percent: 0 });
    xhr.send(body);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const input = event.currentTarget.elements.namedItem("file") as HTMLInputElement | null;
    const file = input?.files?.[0];
    if (!file) {
      event.preventDefault();
      setClientError(t("import.file.missing"));
      return;
    }
    if (file.size > maxBytes) {
      event.preventDefault();
      setClientError(t("import.file.tooLarge", { max: formatNumber(maxMb, locale, 1) }));
      return;
    }
    setClientError(null);
    if (typeof XMLHttpRequest === "undefined" || typeof DOMParser === "undefined") return;
    event.preventDefault();
    last.current = new FormData(event.currentTarget);
    send(last.current);
  };

  const busy = phase.kind === "uploading" || phase.kind === "processing" || navigation.state !== "idle";
  return (
    <section className="card space-y-4 p-4 sm:p-6" aria-labelledby="import-upload">
      <h2 id="import-upload" className="text-lg font-semibold">
        {again ? t("import.preview.fixAndUpload") : t("import.upload.heading")}
      </h2>
      <Form method="post" encType="multipart/form-data" reloadDocument onSubmit={onSubmit} className="space-y-4">
        <input type="hidden" name="intent" value="upload" />
        {organizations.length > 1 ? (
          <div className="space-y-1">
            <label htmlFor="import-org" className="block text-sm font-medium text-stone-800">
              {t("import.upload.org")}
            </label>
            <select id="import-org" name="organizationId" className="input" defaultValue={organizations[0]?.id}>
              {organizations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="space-y-1">
          <label htmlFor="import-file" className="block text-sm font-medium text-stone-800">
            {t("import.upload.file")}
          </label>
          <input
            id="import-file"
            name="file"
            type="file"
            required
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            aria-describedby="import-file-hint"
            aria-invalid={clientError ? true : undefined}
            className="block min-h-11 w-full rounded-lg border border-stone-300 bg-white p-2 text-base file:mr-3 file:min-h-10 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:font-medium file:text-brand-800"
          />
          <p id="import-file-hint" className="text-sm text-stone-500">
            {t("import.upload.fileHint", { max: formatNumber(maxMb, locale, 1) })}
          </p>
        </div>
        {clientError ? <FormAlert>{clientError}</FormAlert> : null}
        {phase.kind === "uploading" ? (
          <div className="space-y-1" role="status">
            <label htmlFor="import-progress" className="text-sm text-stone-700">
              {t("import.upload.uploading", { percent: phase.percent })}
            </label>
            <progress
              id="import-progress"
              max={100}
              value={phase.percent}
              aria-label={t("import.upload.progressLabel")}
              className="block h-3 w-full overflow-hidden rounded-full bg-stone-200 [&::-moz-progress-bar]:bg-brand-600 [&::-webkit-progress-bar]:bg-stone-200 [&::-webkit-progress-value]:bg-brand-600"
            />
          </div>
        ) : null}
        {phase.kind === "processing" ? (
          <p className="text-sm font-medium text-stone-700" role="status">
            {t("import.upload.processing")}
          </p>
        ) : null}
        {phase.kind === "failed" ? (
          <div className="space-y-2" data-import-failed="">
            <FormAlert>{phase.message}</FormAlert>
            {phase.retry && last.current ? (
              <button type="button" className="btn-secondary" onClick={() => last.current && send(last.current)}>
                {t("import.upload.retry")}
              </button>
            ) : null}
          </div>
        ) : null}
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
          {t("import.upload.submit")}
        </button>
      </Form>
    </section>
  );
}

function Preview({ preview, notice, t, locale }: { preview: PreviewView; notice: Notice | null; t: T; locale: Locale }) {
  const navigation = useNavigation();
  const errors = preview.problems.length > 0 ? preview.problems.length : preview.totalIssues;
  const ok = preview.problems.length === 0 && preview.totalIssues === 0;
  const applying = navigation.state === "submitting" && navigation.formData?.get("intent") === "apply";
  return (
    <section className="space-y-4" aria-labelledby="import-preview">
      <div>
        <h2 id="import-preview" className="text-lg font-semibold">
          {t("import.preview.heading")}
        </h2>
        <p className="break-all text-sm text-stone-500">{t("import.preview.file", { name: preview.fileName })}</p>
      </div>
      {notice ? (
        <FormAlert>{t(notice === "recheck" ? "import.apply.recheckFailed" : notice === "conflict" ? "import.apply.conflict" : "import.apply.notVerified")}</FormAlert>
      ) : null}
      <p className="sr-only" data-import-summary="" data-products={preview.counts.products} data-packs={preview.counts.packs} data-errors={errors}>
        {t("import.preview.summary", { products: preview.counts.products, packs: preview.counts.packs, errors })}
      </p>
      <div className="grid grid-cols-3 gap-2 sm:gap-3" aria-hidden="true">
        <Stat label={t("import.preview.products")} value={formatNumber(preview.counts.products, locale)} />
        <Stat label={t("import.preview.packs")} value={formatNumber(preview.counts.packs, locale)} />
        <Stat label={t("import.preview.errors")} value={<span className={errors > 0 ? "text-red-700" : "text-brand-700"}>{formatNumber(errors, locale)}</span>} />
      </div>
      {preview.problems.length > 0 ? (
        <div className="space-y-2" data-import-problems="">
          <FormAlert>{t("import.preview.fileProblem")}</FormAlert>
          <ul className="card list-disc space-y-2 p-4 pl-8 text-stone-800">
            {preview.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {preview.totalIssues > 0 ? (
        <>
          <FormAlert>{t("import.preview.hasErrors", { count: preview.totalIssues, rows: preview.rowsWithIssues })}</FormAlert>
          <IssueList issues={preview.issues} t={t} />
          {preview.totalIssues > preview.issues.length ? <p className="text-sm text-stone-600">{t("import.errors.more", { shown: preview.issues.length, total: preview.totalIssues })}</p> : null}
        </>
      ) : null}
      {ok ? (
        <>
          <p className="rounded-lg border border-brand-200 bg-brand-50 px-4 py-3 font-medium text-brand-800" role="status">
            {t("import.preview.ok")}
          </p>
          <ProductList preview={preview} t={t} />
          <Form method="post" className="card space-y-4 p-4 sm:p-6" aria-labelledby="import-apply">
            <h2 id="import-apply" className="text-lg font-semibold">
              {t("import.apply.heading")}
            </h2>
            <input type="hidden" name="intent" value="apply" />
            <input type="hidden" name="uploadId" value={preview.uploadId} />
            {preview.canPublish ? (
              <label className="flex min-h-11 cursor-pointer items-start gap-3">
                <input type="checkbox" name="publish" className="mt-1 size-5 accent-brand-600" aria-describedby="import-publish-hint" />
                <span>
                  <span className="font-medium">{t("import.apply.publish")}</span>
                  <span id="import-publish-hint" className="block text-sm text-stone-500">
                    {t("import.apply.publishHint")}
                  </span>
                </span>
              </label>
            ) : (
              <p className="text-sm text-stone-600">{t("import.apply.unverified")}</p>
            )}
            <button type="submit" className="btn-primary w-full sm:w-auto" disabled={applying}>
              {applying ? t("import.apply.working") : t("import.apply.submit", { products: preview.counts.products, packs: preview.counts.packs })}
            </button>
          </Form>
        </>
      ) : null}
    </section>
  );
}

/** The problems: a table from 640 px up, one card per problem on a phone. */
function IssueList({ issues, t }: { issues: IssueView[]; t: T }) {
  return (
    <div data-import-issues="">
      <table className="card hidden w-full border-separate border-spacing-0 overflow-hidden text-left text-sm sm:table">
        <caption className="sr-only">{t("import.errors.caption")}</caption>
        <thead className="bg-stone-50 text-stone-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              {t("import.errors.row")}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t("import.errors.column")}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t("import.errors.message")}
            </th>
          </tr>
        </thead>
        <tbody>
          {issues.map((i, n) => (
            <tr key={n} data-row={i.row} className="align-top">
              <td className="whitespace-nowrap border-t border-stone-100 px-3 py-2 font-medium">{i.rowLabel}</td>
              <td className="border-t border-stone-100 px-3 py-2 text-stone-700" data-field="column">
                {i.column}
              </td>
              <td className="border-t border-stone-100 px-3 py-2 text-red-800" data-field="message">
                {i.message}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="space-y-2 sm:hidden" aria-label={t("import.errors.caption")}>
        {issues.map((i, n) => (
          <li key={n} data-row={i.row} className="card p-3">
            <p className="flex flex-wrap gap-x-2 text-sm">
              <span className="font-semibold">{i.rowLabel}</span>
              <span className="text-stone-600" data-field="column">
                {i.column}
              </span>
            </p>
            <p className="mt-1 text-red-800" data-field="message">
              {i.message}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ProductList({ preview, t }: { preview: PreviewView; t: T }) {
  return (
    <details className="card p-4" open={preview.products.length <= 10}>
      <summary className="min-h-11 cursor-pointer py-2 font-medium">{t("import.list.heading")}</summary>
      <ul className="mt-2 divide-y divide-stone-100">
        {preview.products.map((p) => (
          <li key={p.rowNumber} className="py-2">
            <p className="font-medium">{p.name}</p>
            {p.secondary ? <p className="text-sm text-stone-500">{p.secondary}</p> : null}
            <p className="text-sm text-stone-600">{t("import.list.packs", { count: p.packs.length })}</p>
            <ul className="mt-1 text-sm text-stone-700">
              {p.packs.map((k, i) => (
                <li key={i}>{k}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {preview.moreProducts > 0 ? <p className="mt-2 text-sm text-stone-600">{t("import.list.more", { count: preview.moreProducts })}</p> : null}
    </details>
  );
}

function DoneCard({ status, products, packs, t, locale }: { status: "draft" | "active"; products: number; packs: number; t: T; locale: Locale }) {
  const counts = { products: formatNumber(products, locale), packs: formatNumber(packs, locale) };
  return (
    <section className="card space-y-4 p-4 sm:p-6" role="status">
      <h2 className="text-xl font-semibold text-brand-800">{t("import.done.title")}</h2>
      <p>{t(status === "active" ? "import.done.active" : "import.done.drafts", counts)}</p>
      <div className="flex flex-wrap gap-3">
        <a href="/seller" className="btn-primary">
          {t("import.done.toConsole")}
        </a>
        <a href="/seller/import" className="btn-secondary">
          {t("import.done.another")}
        </a>
      </div>
    </section>
  );
}
