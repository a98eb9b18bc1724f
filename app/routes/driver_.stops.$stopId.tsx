import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { SignatureField } from "~/components/driver/signature-field";
import { StopStatusBadge } from "~/components/driver/stop-status";
import { SyncBanner } from "~/components/driver/sync-banner";
import { useDriverQueue } from "~/components/driver/use-driver-queue";
import { FormAlert } from "~/components/ui/field";
import { notFound, requirePermission } from "~/modules/auth/request.server";
import { maxUploadBytes } from "~/modules/images/plan";
import {
  localStopStatus,
  MAX_NOTE_LENGTH,
  newActionId,
  noteField,
  parseDeliverForm,
  receivedField,
  temperatureField,
  type Compartment,
  type DriverAction,
} from "~/modules/driver/actions";
import { amapLink, baiduLink, telLink } from "~/modules/driver/navigation";
import { driverActor, readDriverBody } from "~/modules/driver/request.server";
import { getDriverStop, handOverLines, type DriverStopDetail } from "~/modules/driver/routes.server";
import { applyDriverActions } from "~/modules/driver/sync.server";
import { getStorage } from "~/modules/storage/index.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { hasForbiddenCharacters } from "~/utils/forms";
import { formatTime, formatTimeRange } from "~/utils/i18n/format";
import { resolveLocale } from "~/utils/i18n/locale.server";
import { isMessageKey, translator, type T } from "~/utils/i18n/translate";
import { useLocale, useT } from "~/utils/i18n/use-t";
import { isUuid } from "~/utils/pagination";
import { withPlaceName } from "~/utils/i18n/names";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "配送站点" }];

export const links: LinksFunction = () => [{ rel: "manifest", href: "/driver.webmanifest" }];

async function loadStop(request: Request, stopId: string | undefined, permission: "read:deliveries:own" | "deliver:delivery:own") {
  const user = await requirePermission(request, permission);
  if (!isUuid(stopId)) notFound();
  const stop = await getDriverStop(await prisma(), user.id, stopId);
  if (!stop) notFound();
  return { user, stop };
}

/** One stop of the driver's published routes: where, when, whom, what to hand over, and its proof once delivered. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, stop: found } = await loadStop(request, params.stopId, "read:deliveries:own");
  const locale = await resolveLocale(request, user.locale);
  const t = translator(locale);
  const point = { lat: found.lat, lng: found.lng };
  const stop = withPlaceName(found, locale);
  return {
    stop,
    // The phone's queue records who made each action and sends only this user's.
    userId: user.id,
    // The map apps are Chinese: they get the Chinese name.
    nav: { amap: amapLink(point, found.name), baidu: baiduLink(point, found.name, found.address), tel: telLink(found.contactPhone) },
    // The no-JavaScript form carries its action id, so a double submit records once.
    actionId: newActionId(),
    title: `${stop.name} · ${t("driverApp.title")}`,
  };
}

type ActionData = { intent: string; errors: Record<string, string>; message?: string; values: Record<string, string> };

const INTENTS = ["arrive", "deliver", "fail"] as const;

/**
 * The stop page's forms without JavaScript (with it, actions go to the phone's queue and /driver/sync):
 * arrive, deliver (received packs, temperatures, receiver, typed-name confirmation, optional photo),
 * fail (a reason). Through the same sync rules; success redirects back to the page.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, stop } = await loadStop(request, params.stopId, "deliver:delivery:own");
  const maxBytes = maxUploadBytes(env().MAX_UPLOAD_MB);
  const body = await readDriverBody(request, { maxFileBytes: maxBytes, maxFiles: 1 });
  if (body.kind !== "ok") return data<ActionData>({ intent: "", errors: { _form: body.kind === "tooLarge" ? "error.413.body" : "driverApp.form.errors" }, values: {} }, { status: body.kind === "tooLarge" ? 413 : 400 });
  const values = body.fields;
  const intent = INTENTS.find((i) => i === values.intent);
  const redisplay = Object.fromEntries(Object.entries(values).filter(([k]) => k !== "signatureSvg"));
  if (!intent) return data<ActionData>({ intent: "", errors: { _form: "driverApp.form.errors" }, values: redisplay }, { status: 400 });
  const characterErrors = Object.fromEntries(Object.entries(values).filter(([, v]) => hasForbiddenCharacters(v)).map(([k]) => [k, "validation.invalidCharacters"]));
  if (Object.keys(characterErrors).length > 0) return data<ActionData>({ intent, errors: characterErrors, values: {} }, { status: 400 });

  let payload: DriverAction["payload"] = {};
  if (intent === "deliver") {
    const parsed = parseDeliverForm(values, handOverLines(stop));
    if (!parsed.payload) return data<ActionData>({ intent, errors: parsed.errors, values: redisplay }, { status: 400 });
    payload = { ...parsed.payload, hasPhoto: body.files.has("photo") };
  } else if (intent === "fail") {
    const reason = (values.reason ?? "").trim();
    if (reason === "" || [...reason].length > MAX_NOTE_LENGTH) return data<ActionData>({ intent, errors: { reason: reason === "" ? "driverApp.form.reasonRequired" : "driverApp.form.tooLong" }, values: redisplay }, { status: 400 });
    payload = { reason };
  }
  const id = isUuid(values.actionId) ? values.actionId : newActionId();
  const photo = body.files.get("photo");
  const [result] = await applyDriverActions(
    await prisma(),
    driverActor(user),
    [{ id, stopId: stop.id, kind: intent, actedAt: new Date().toISOString(), payload }],
    photo ? new Map([[id, photo]]) : new Map(),
    { storage: getStorage(), maxPhotoBytes: maxBytes },
  );
  if (result.outcome === "applied" || result.outcome === "duplicate") return redirect(`/driver/stops/${stop.id}?done=${intent}`);
  return data<ActionData>({ intent, errors: result.fields ?? {}, message: result.message, values: redisplay }, { status: 400 });
}

const COMPARTMENTS: readonly Compartment[] = ["frozen", "chilled", "ambient"];

export default function DriverStopPage() {
  const { stop, userId, nav, actionId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const queue = useDriverQueue(userId);
  const [params] = useSearchParams();
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  const [saved, setSaved] = useState<"online" | "offline" | null>(null);
  const status = localStopStatus(stop.status, queue.pending, stop.id);
  const unsent = status !== stop.status;
  const errors = clientErrors ?? actionData?.errors ?? {};
  const values = actionData?.values ?? {};
  const err = (field: string) => (errors[field] ? tr(t, errors[field]) : undefined);
  const lines = stop.items.map((i) => ({ lineId: i.lineId, compartment: i.compartment, shipped: i.shipped }));
  const cold = (["chilled", "frozen"] as const).filter((c) => lines.some((l) => l.compartment === c));
  const done = params.get("done");

  const record = async (action: Omit<DriverAction, "id" | "stopId" | "actedAt">, photo?: Blob) => {
    await queue.record({ ...action, id: newActionId(), stopId: stop.id, actedAt: new Date().toISOString() }, photo);
    setSaved(navigator.onLine ? "online" : "offline");
  };

  const onArrive = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    void record({ kind: "arrive", payload: {} });
  };

  const onDeliver = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const formValues: Record<string, string> = {};
    for (const [k, v] of form) if (typeof v === "string") formValues[k] = v;
    const parsed = parseDeliverForm(formValues, lines);
    if (!parsed.payload) {
      setClientErrors(parsed.errors);
      e.currentTarget.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
      return;
    }
    setClientErrors(null);
    const photo = form.get("photo");
    const file = photo instanceof File && photo.size > 0 ? photo : undefined;
    void record({ kind: "deliver", payload: { ...parsed.payload, hasPhoto: !!file } }, file);
  };

  const onFail = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const reason = String(new FormData(e.currentTarget).get("reason") ?? "").trim();
    if (!reason) {
      setClientErrors({ reason: "driverApp.form.reasonRequired" });
      return;
    }
    setClientErrors(null);
    void record({ kind: "fail", payload: { reason } });
  };

  return (
    <div className="mx-auto max-w-xl space-y-5">
      <Link to="/driver" className="inline-flex min-h-12 items-center text-base font-medium text-brand-800 underline">
        ← {t("driverApp.stop.back")}
      </Link>
      <SyncBanner queue={queue} t={t} stopName={() => stop.name} />
      <header className="space-y-2">
        <p className="text-sm text-stone-500">
          {t("driverApp.stop.sequence", { n: stop.sequence })} · {stop.plate}
        </p>
        <div className="flex items-start justify-between gap-3">
          <h1 className="text-2xl font-semibold text-stone-900">{stop.name}</h1>
          <StopStatusBadge status={status} unsent={unsent} t={t} />
        </div>
        <p className="text-lg text-stone-800">{stop.address}</p>
        <p className="text-stone-700">
          {t("driverApp.stop.window", { range: formatTimeRange(stop.windowStart, stop.windowEnd, locale) })}
          {stop.etaAt ? ` · ${t("driverApp.stop.eta", { time: formatTime(stop.etaAt, locale) })}` : null}
        </p>
        {stop.orderNumbers.length > 0 ? <p className="text-sm text-stone-600">{t("driverApp.stop.orders", { numbers: stop.orderNumbers.join("、") })}</p> : null}
      </header>

      {saved && unsent ? (
        <p role="status" className="rounded-xl border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900">
          {saved === "online" ? t("driverApp.queue.saved") : t("driverApp.queue.savedOffline")}
        </p>
      ) : null}
      {done && !unsent ? (
        <p role="status" className="rounded-xl border border-emerald-200 bg-emerald-50 px-4 py-3 text-emerald-900">
          {t("driverApp.outcome.applied")}
        </p>
      ) : null}
      {actionData?.message ? <FormAlert>{tr(t, actionData.message)}</FormAlert> : null}

      <section className="card space-y-3 p-4">
        {stop.contactName || stop.contactPhone ? (
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-base">{t("driverApp.stop.contact", { name: stop.contactName || "—" })}</p>
            {nav.tel ? (
              <a href={nav.tel} className="btn-secondary min-h-12 px-5">
                {t("driverApp.stop.call", { phone: stop.contactPhone })}
              </a>
            ) : null}
          </div>
        ) : null}
        <div>
          <p className="mb-2 text-sm font-medium text-stone-700">{t("driverApp.stop.navigate")}</p>
          <div className="grid grid-cols-2 gap-3">
            <a href={nav.amap} target="_blank" rel="noopener noreferrer" className="btn-primary min-h-14 text-lg" data-testid="nav-amap">
              {t("driverApp.stop.amap")}
            </a>
            <a href={nav.baidu} target="_blank" rel="noopener noreferrer" className="btn-primary min-h-14 text-lg" data-testid="nav-baidu">
              {t("driverApp.stop.baidu")}
            </a>
          </div>
        </div>
      </section>

      <HandOverList stop={stop} t={t} />

      {status === "planned" ? (
        <Form method="post" onSubmit={onArrive}>
          <input type="hidden" name="intent" value="arrive" />
          <input type="hidden" name="actionId" value={actionId} />
          <button type="submit" className="btn-secondary min-h-14 w-full text-lg">
            {t("driverApp.stop.arrive")}
          </button>
        </Form>
      ) : (
        // Always one line once arrived (sent or not), so the form below does not jump while the receiver signs.
        <p className="min-h-6 text-stone-700">
          {stop.arrivedAt ? t("driverApp.stop.arrivedAt", { time: formatTime(stop.arrivedAt, locale) }) : `${t("driverApp.status.arrived")}${unsent ? t("driverApp.status.pending") : ""}`}
        </p>
      )}

      {status === "delivered" ? (
        <DeliveredProof stop={stop} t={t} locale={locale} unsent={unsent} />
      ) : (
        <>
          <Form method="post" encType="multipart/form-data" onSubmit={onDeliver} noValidate className="card space-y-5 p-4" aria-labelledby="handover-title" data-testid="handover-form">
            <h2 id="handover-title" className="text-xl font-semibold">
              {t("driverApp.form.title")}
            </h2>
            {Object.keys(errors).length > 0 && (actionData?.intent === "deliver" || clientErrors) ? <FormAlert>{t("driverApp.form.errors")}</FormAlert> : null}
            <input type="hidden" name="intent" value="deliver" />
            <input type="hidden" name="actionId" value={actionId} />
            {stop.items.map((item) => (
              <fieldset key={item.lineId} className="space-y-2 rounded-xl border border-stone-200 p-3">
                <legend className="px-1 font-medium">
                  {item.productName} · {t(`driverApp.compartment.${item.compartment}`)}
                </legend>
                <label htmlFor={`f-${receivedField(item.lineId)}`} className="block text-sm text-stone-700">
                  {t("driverApp.form.received", { shipped: item.shipped })}
                </label>
                <input
                  id={`f-${receivedField(item.lineId)}`}
                  name={receivedField(item.lineId)}
                  inputMode="numeric"
                  pattern="[0-9]*"
                  className="input min-h-12 text-lg"
                  defaultValue={values[receivedField(item.lineId)] ?? String(item.shipped)}
                  aria-invalid={err(receivedField(item.lineId)) ? true : undefined}
                />
                <FieldError text={err(receivedField(item.lineId))} />
                <label htmlFor={`f-${noteField(item.lineId)}`} className="block text-sm text-stone-700">
                  {t("driverApp.form.lineNote")}
                </label>
                <input
                  id={`f-${noteField(item.lineId)}`}
                  name={noteField(item.lineId)}
                  className="input min-h-12"
                  maxLength={MAX_NOTE_LENGTH}
                  defaultValue={values[noteField(item.lineId)] ?? ""}
                  aria-invalid={err(noteField(item.lineId)) ? true : undefined}
                />
                <FieldError text={err(noteField(item.lineId))} />
              </fieldset>
            ))}
            {cold.map((c) => (
              <div key={c} className="space-y-1">
                <label htmlFor={`f-${temperatureField(c)}`} className="block text-base font-medium">
                  {t("driverApp.form.temperature", { compartment: t(`driverApp.compartment.${c}`) })}
                </label>
                <input
                  id={`f-${temperatureField(c)}`}
                  name={temperatureField(c)}
                  inputMode="decimal"
                  className="input min-h-12 text-lg"
                  defaultValue={values[temperatureField(c)] ?? ""}
                  aria-invalid={err(temperatureField(c)) ? true : undefined}
                  aria-describedby={`f-${temperatureField(c)}-hint`}
                />
                <p id={`f-${temperatureField(c)}-hint`} className="text-sm text-stone-500">
                  {t(`driverApp.form.temperatureHint.${c}`)}
                </p>
                <FieldError text={err(temperatureField(c))} />
              </div>
            ))}
            <div className="space-y-1">
              <label htmlFor="f-receiverName" className="block text-base font-medium">
                {t("driverApp.form.receiverName")}
              </label>
              <input id="f-receiverName" name="receiverName" className="input min-h-12 text-lg" autoComplete="off" defaultValue={values.receiverName ?? stop.contactName} aria-invalid={err("receiverName") ? true : undefined} />
              <FieldError text={err("receiverName")} />
            </div>
            <SignatureField t={t} error={err("signatureSvg")} typedError={err("signatureTyped")} />
            <div className="space-y-1">
              <label htmlFor="f-photo" className="block text-base font-medium">
                {t("driverApp.form.photo")}
              </label>
              <input id="f-photo" name="photo" type="file" accept="image/*" capture="environment" className="block min-h-12 w-full text-base" />
            </div>
            <div className="space-y-1">
              <label htmlFor="f-note" className="block text-base font-medium">
                {t("driverApp.form.note")}
              </label>
              <input id="f-note" name="note" className="input min-h-12" maxLength={MAX_NOTE_LENGTH} defaultValue={values.note ?? ""} />
              <FieldError text={err("note")} />
            </div>
            <button type="submit" className="btn-primary min-h-14 w-full text-lg">
              {t("driverApp.form.submit")}
            </button>
          </Form>

          {status !== "failed" ? (
            <details className="card p-4">
              <summary className="min-h-12 cursor-pointer py-3 text-base font-medium text-red-800">{t("driverApp.form.fail")}</summary>
              <Form method="post" onSubmit={onFail} className="space-y-3 pt-2">
                <input type="hidden" name="intent" value="fail" />
                <input type="hidden" name="actionId" value={actionId} />
                <label htmlFor="f-reason" className="block text-sm text-stone-700">
                  {t("driverApp.form.failReason")}
                </label>
                <input id="f-reason" name="reason" className="input min-h-12" maxLength={MAX_NOTE_LENGTH} aria-invalid={err("reason") ? true : undefined} />
                <FieldError text={err("reason")} />
                <button type="submit" className="btn-secondary min-h-12 w-full">
                  {t("driverApp.form.failSubmit")}
                </button>
              </Form>
            </details>
          ) : (
            <p className="text-red-800">{t("driverApp.stop.failedNote", { reason: stop.deliveryNote })}</p>
          )}
        </>
      )}
    </div>
  );
}

function tr(t: T, key: string): string {
  return isMessageKey(key) ? t(key) : key;
}

function FieldError({ text }: { text?: string }) {
  return text ? <p className="text-sm font-medium text-red-700">{text}</p> : null;
}

/** What to hand over, per compartment, frozen first. */
function HandOverList({ stop, t }: { stop: Pick<DriverStopDetail, "items">; t: T }) {
  if (stop.items.length === 0) return <p className="card p-4 text-stone-600">{t("driverApp.stop.nothing")}</p>;
  return (
    <section className="card space-y-4 p-4" aria-labelledby="items-title">
      <h2 id="items-title" className="text-xl font-semibold">
        {t("driverApp.stop.handOver")}
      </h2>
      {COMPARTMENTS.filter((c) => stop.items.some((i) => i.compartment === c)).map((c) => (
        <div key={c} data-compartment={c}>
          <h3 className="mb-1 font-medium text-stone-800">{t(`driverApp.compartment.${c}`)}</h3>
          <ul className="divide-y divide-stone-100">
            {stop.items
              .filter((i) => i.compartment === c)
              .map((i) => (
                <li key={i.lineId} className="flex items-baseline justify-between gap-3 py-2">
                  <span className="min-w-0">
                    <span className="block text-base">{i.productName}</span>
                    <span className="block text-xs text-stone-500">
                      {i.orderNumber} · {i.sellerName}
                    </span>
                  </span>
                  <span className="shrink-0 text-lg font-semibold">{t("driverApp.stop.packs", { count: i.shipped })}</span>
                </li>
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function DeliveredProof({ stop, t, locale, unsent }: { stop: DriverStopDetail; t: T; locale: "zh" | "en"; unsent: boolean }) {
  if (unsent || !stop.deliveredAt) return null;
  const diffs = stop.items.filter((i) => i.receivedQuantity !== null && i.receivedQuantity !== i.shipped);
  return (
    <section className="card space-y-3 p-4" data-testid="delivered-proof">
      <p className="text-lg font-medium text-emerald-800">{t("driverApp.stop.deliveredAt", { time: formatTime(stop.deliveredAt, locale), name: stop.receiverName })}</p>
      {stop.temperatureC !== null ? <p>{t("driverApp.stop.temperature", { value: stop.temperatureC })}</p> : null}
      {diffs.map((i) => (
        <p key={i.lineId} className="text-amber-900">
          {i.productName}：{t("driverApp.stop.receivedDiff", { received: i.receivedQuantity ?? 0, shipped: i.shipped, note: i.receivedNote })}
        </p>
      ))}
      {stop.signatureSvg ? (
        <figure>
          <figcaption className="text-sm text-stone-600">{t("driverApp.stop.signature")}</figcaption>
          <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(stop.signatureSvg)}`} alt={t("driverApp.stop.signature")} className="mt-1 h-24 w-full rounded-lg border border-stone-200 bg-white object-contain" />
        </figure>
      ) : null}
      {stop.hasPhoto ? <p className="text-sm text-stone-600">{t("driverApp.stop.photoKept")}</p> : null}
    </section>
  );
}
