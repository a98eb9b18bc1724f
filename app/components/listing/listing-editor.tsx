/**
 * The listing editor form. Phone first: one column, large touch targets, a sticky save bar.
 *
 * Without JavaScript it is a plain form: the server renders every pack with its tiers and windows plus one
 * spare block of each (filled in = added), a checkbox deletes a stored pack, and errors come back on their
 * fields with everything typed. With JavaScript it also checks the form before sending, adds and removes
 * blocks, previews each pack's label, keeps the form on the phone (IndexedDB) on every change, offers it back
 * after a dropped connection or a closed tab, and autosaves drafts to the server when online.
 */
import { Form, useNavigation } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Field, FormAlert } from "~/components/ui/field";
import type { ProductCategory, ProductStatus, TempClass } from "~/generated/prisma/enums";
import { CATEGORIES } from "~/modules/catalog/categories";
import { countyName, SANMING_COUNTIES } from "~/modules/catalog/counties";
import {
  MAX_PACKS,
  MAX_WINDOWS,
  packField,
  previewPack,
  readListing,
  TEMP_CLASSES,
  tierField,
  windowField,
  type ListingErrors,
  type ListingValues,
} from "~/modules/catalog/listing-schema";
import { composePackLabel, PACK_UNITS } from "~/modules/catalog/packs";
import { MAX_TIERS } from "~/modules/catalog/tiers";
import { formatTime } from "~/utils/i18n/format";
import type { Locale } from "~/utils/i18n/locale";
import type { T } from "~/utils/i18n/translate";
import { clearDraft, newPackId, readDraft, sameListing, sameValues, writeDraft, type StoredDraft } from "./draft-store";

const PACK_FIELDS = ["id", "existing", "unit", "itemCount", "itemWeight", "netWeight", "volume", "variableWeight", "active", "minOrder", "multiple"] as const;
const AUTOSAVE_DELAY_MS = 3000;
const STORE_DELAY_MS = 300;

interface Row<F extends string> {
  key: string;
  defaults: Partial<Record<F, string>>;
}
interface PackBlock {
  key: string;
  id: string;
  existing: boolean;
  defaults: Partial<Record<(typeof PACK_FIELDS)[number], string>>;
  tiers: Row<"quantity" | "price">[];
  windows: Row<"from" | "to" | "perWeek" | "note">[];
}

/** Blocks to render for these values: each pack's rows plus one spare row (while below the limit). */
function buildBlocks(values: ListingValues, spareId: string, prefix: string): PackBlock[] {
  const blocks: PackBlock[] = [];
  for (let i = 0; values[packField(i, "id")] !== undefined; i++) {
    const defaults: PackBlock["defaults"] = {};
    for (const f of PACK_FIELDS) if (values[packField(i, f)] !== undefined) defaults[f] = values[packField(i, f)];
    const tiers: PackBlock["tiers"] = [];
    for (let j = 0; j < MAX_TIERS + 2 && (values[tierField(i, j, "quantity")] !== undefined || values[tierField(i, j, "price")] !== undefined); j++)
      tiers.push({ key: `${prefix}t${i}-${j}`, defaults: { quantity: values[tierField(i, j, "quantity")], price: values[tierField(i, j, "price")] } });
    const windows: PackBlock["windows"] = [];
    for (let j = 0; j < MAX_WINDOWS + 2 && values[windowField(i, j, "from")] !== undefined; j++)
      windows.push({
        key: `${prefix}w${i}-${j}`,
        defaults: { from: values[windowField(i, j, "from")], to: values[windowField(i, j, "to")], perWeek: values[windowField(i, j, "perWeek")], note: values[windowField(i, j, "note")] },
      });
    blocks.push({ key: `${prefix}p${i}`, id: defaults.id ?? "", existing: defaults.existing === "1", defaults, tiers: padRows(tiers, MAX_TIERS, `${prefix}t${i}`), windows: padRows(windows, MAX_WINDOWS, `${prefix}w${i}`) });
  }
  const last = blocks[blocks.length - 1];
  const lastIsSpare = last && !last.existing && !Object.entries(last.defaults).some(([k, v]) => ["itemWeight", "netWeight", "volume"].includes(k) && v);
  if (!lastIsSpare && blocks.length < MAX_PACKS) blocks.push(spareBlock(spareId, `${prefix}spare`));
  return blocks;
}

/** Rows as typed (their field names carry their errors), then one empty row to add another when none is empty. */
function padRows<R extends Row<string>>(rows: R[], max: number, prefix: string): R[] {
  const allFilled = rows.every((r) => Object.values(r.defaults).some((v) => v && v.trim() !== ""));
  return rows.length < max && allFilled ? [...rows, { key: `${prefix}-spare`, defaults: {} } as R] : rows;
}

function spareBlock(id: string, key: string): PackBlock {
  return { key, id, existing: false, defaults: { id, unit: "box", itemCount: "1", minOrder: "1", multiple: "1", active: "on" }, tiers: [{ key: `${key}-t0`, defaults: {} }], windows: [{ key: `${key}-w0`, defaults: {} }] };
}

/** The browser says it has no network (navigator.onLine is only trustworthy when false). */
const isOffline = () => typeof navigator !== "undefined" && navigator.onLine === false;

function valuesOf(form: HTMLFormElement): ListingValues {
  const values: ListingValues = {};
  for (const [k, v] of new FormData(form)) if (typeof v === "string" && k !== "intent") values[k] = v;
  return values;
}

export interface ListingEditorProps {
  productId: string;
  /** Where drafts are autosaved (a resource route answering JSON). */
  autosaveUrl: string;
  status: ProductStatus;
  /** The stored version the form shows (product updatedAt, ISO). */
  serverUpdatedAt: string;
  values: ListingValues;
  /** A fresh id for the spare pack block. */
  spareId: string;
  errors?: ListingErrors;
  skus: Record<string, string>;
  inUse: Record<string, boolean>;
  t: T;
  locale: Locale;
}

interface AutosaveAnswer {
  ok: boolean;
  updatedAt: string;
  packIds: string[];
}

type SaveState = { kind: "idle" } | { kind: "saving" } | { kind: "saved"; at: string } | { kind: "offline" } | { kind: "wentOffline" } | { kind: "phone" } | { kind: "failed" };

export function ListingEditor(props: ListingEditorProps) {
  const { productId, status, t, locale } = props;
  const formRef = useRef<HTMLFormElement>(null);
  const navigation = useNavigation();
  const [hydrated, setHydrated] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [defaults, setDefaults] = useState<ListingValues>(props.values);
  const [blocks, setBlocks] = useState(() => buildBlocks(props.values, props.spareId, ""));
  const [current, setCurrent] = useState<ListingValues>(props.values);
  const [clientErrors, setClientErrors] = useState<ListingErrors | undefined>();
  const [offer, setOffer] = useState<StoredDraft | undefined>();
  const [saveState, setSaveState] = useState<SaveState>({ kind: "idle" });
  const [offlineSubmit, setOfflineSubmit] = useState(false);
  const base = useRef(props.serverUpdatedAt);
  const lastSent = useRef<ListingValues>(props.values);
  const inFlight = useRef(false);
  const timers = useRef<{ store?: ReturnType<typeof setTimeout>; autosave?: ReturnType<typeof setTimeout> }>({});
  const isDraft = status === "draft";
  const errors = clientErrors ?? props.errors ?? {};

  // Server errors after a save: show them (the client's are replaced by the server's answer).
  useEffect(() => setClientErrors(undefined), [props.errors]);

  // On load: offer the phone's copy back when it was edited on top of this very version and differs from it.
  useEffect(() => {
    setHydrated(true);
    let cancelled = false;
    void readDraft(productId).then((stored) => {
      if (cancelled || !stored) return;
      if (stored.base !== props.serverUpdatedAt) void clearDraft(productId);
      else if (!sameListing(stored.values, props.values)) setOffer(stored);
    });
    return () => {
      cancelled = true;
      clearTimeout(timers.current.store);
      clearTimeout(timers.current.autosave);
    };
    // Only on mount and when the server version changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [productId, props.serverUpdatedAt]);

  // A plain fetch, not a Remix fetcher: a dropped connection must only change the status line, never
  // replace the page with an error boundary.
  const autosave = useCallback(async () => {
    const form = formRef.current;
    if (!form || !isDraft) return;
    if (isOffline()) {
      setSaveState({ kind: "offline" });
      return;
    }
    const values = valuesOf(form);
    if (inFlight.current || sameValues(values, lastSent.current)) return;
    inFlight.current = true;
    setSaveState({ kind: "saving" });
    const abort = new AbortController();
    const timeout = setTimeout(() => abort.abort(), 20_000);
    try {
      const res = await fetch(props.autosaveUrl, { method: "POST", body: new URLSearchParams(values), headers: { Accept: "application/json" }, credentials: "same-origin", signal: abort.signal });
      const answer = (await res.json()) as AutosaveAnswer;
      if (!res.ok || !answer.ok) throw new Error(`autosave ${res.status}`);
      lastSent.current = values;
      base.current = answer.updatedAt;
      setSaveState({ kind: "saved", at: answer.updatedAt });
      // Packs the server now holds are stored packs from here on (deleting one becomes "remove" on save).
      setBlocks((b) => b.map((x) => (!x.existing && answer.packIds.includes(x.id) ? { ...x, existing: true } : x)));
      void writeDraft(productId, { values: valuesOf(form), savedAt: Date.now(), base: answer.updatedAt });
    } catch {
      setSaveState({ kind: isOffline() ? "offline" : "failed" });
    } finally {
      clearTimeout(timeout);
      inFlight.current = false;
    }
  }, [isDraft, productId, props.autosaveUrl]);

  useEffect(() => {
    const online = () => void autosave();
    // Nothing is kept on the phone yet just because the connection dropped: say so only after a write.
    const offline = () => setSaveState({ kind: "wentOffline" });
    window.addEventListener("online", online);
    window.addEventListener("offline", offline);
    return () => {
      window.removeEventListener("online", online);
      window.removeEventListener("offline", offline);
    };
  }, [autosave]);

  // The phone's copy is written shortly after typing stops, and at once when the page is hidden or
  // closed; the status line says "kept on this phone" only once it really is.
  const pendingStore = useRef<StoredDraft | undefined>(undefined);
  const flushStore = useCallback(() => {
    clearTimeout(timers.current.store);
    const draft = pendingStore.current;
    if (!draft) return;
    pendingStore.current = undefined;
    void writeDraft(productId, draft).then((ok) => {
      if (!ok) return;
      if (isOffline()) setSaveState({ kind: "offline" });
      else if (!isDraft) setSaveState((s) => (s.kind === "saving" ? s : { kind: "phone" }));
    });
  }, [productId, isDraft]);
  useEffect(() => {
    const hidden = () => {
      if (document.visibilityState === "hidden") flushStore();
    };
    window.addEventListener("pagehide", flushStore);
    document.addEventListener("visibilitychange", hidden);
    return () => {
      window.removeEventListener("pagehide", flushStore);
      document.removeEventListener("visibilitychange", hidden);
    };
  }, [flushStore]);

  const onChange = () => {
    const form = formRef.current;
    if (!form) return;
    const values = valuesOf(form);
    setCurrent(values);
    setOfflineSubmit(false);
    clearTimeout(timers.current.store);
    pendingStore.current = { values, savedAt: Date.now(), base: base.current };
    timers.current.store = setTimeout(flushStore, STORE_DELAY_MS);
    if (isDraft) {
      clearTimeout(timers.current.autosave);
      timers.current.autosave = setTimeout(() => void autosave(), AUTOSAVE_DELAY_MS);
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    const values = valuesOf(form);
    void writeDraft(productId, { values, savedAt: Date.now(), base: base.current });
    const { errors: found } = readListing(values);
    if (Object.keys(found).length > 0) {
      event.preventDefault();
      setClientErrors(found);
      const first = Object.keys(found)[0]!;
      requestAnimationFrame(() => (form.elements.namedItem(first) as HTMLElement | null)?.focus?.());
      return;
    }
    setClientErrors(undefined);
    if (isOffline()) {
      event.preventDefault();
      setOfflineSubmit(true);
      return;
    }
    clearTimeout(timers.current.autosave);
  };

  const restore = () => {
    if (!offer) return;
    setBlocks(buildBlocks(offer.values, newPackId(), `r${formKey + 1}`));
    setDefaults(offer.values);
    setCurrent(offer.values);
    setFormKey((k) => k + 1);
    setOffer(undefined);
    if (isDraft) setTimeout(() => void autosave(), 0);
  };
  const discard = () => {
    setOffer(undefined);
    void clearDraft(productId);
  };

  const update = (fn: (b: PackBlock[]) => PackBlock[]) => {
    setBlocks(fn);
    setTimeout(onChange, 0);
  };
  const addPack = () => update((b) => (b.length >= MAX_PACKS ? b : [...b, spareBlock(newPackId(), `n${newPackId()}`)]));
  const removePack = (key: string) => update((b) => b.filter((x) => x.key !== key));
  const addRow = (key: string, list: "tiers" | "windows") =>
    update((b) => b.map((x) => (x.key === key && x[list].length < (list === "tiers" ? MAX_TIERS : MAX_WINDOWS) ? { ...x, [list]: [...x[list], { key: `n${newPackId()}`, defaults: {} }] } : x)));
  const removeRow = (key: string, list: "tiers" | "windows", rowKey: string) =>
    update((b) => b.map((x) => (x.key === key ? { ...x, [list]: x[list].filter((r) => r.key !== rowKey) } : x)));

  const err = (name: string) => (errors[name] ? t(errors[name]!.key, errors[name]!.params) : undefined);
  const v = current;
  const d = (name: string) => defaults[name];
  const saving = navigation.state === "submitting" && navigation.formData?.get("intent") === "save";
  const hasErrors = Object.keys(errors).length > 0;
  const formError = errors._form ? t(errors._form.key, errors._form.params) : hasErrors ? t("validation.fixErrors") : undefined;

  return (
    <Form key={formKey} ref={formRef} method="post" noValidate onChange={onChange} onSubmit={onSubmit} className="space-y-6 pb-24" aria-describedby="listing-save-state">
      {offer ? (
        <div role="alert" className="flex flex-wrap items-center gap-3 rounded-xl border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900">
          <p className="min-w-0 flex-1">{t("listing.draft.restoreBody", { time: formatTime(new Date(offer.savedAt), locale) })}</p>
          <button type="button" className="btn-primary" onClick={restore}>
            {t("listing.draft.restore")}
          </button>
          <button type="button" className="btn-secondary" onClick={discard}>
            {t("listing.draft.discard")}
          </button>
        </div>
      ) : null}
      {formError ? <FormAlert>{formError}</FormAlert> : null}
      {offlineSubmit ? <FormAlert>{t("listing.draft.offlineSubmit")}</FormAlert> : null}
      {!isDraft ? <p className="rounded-lg bg-stone-100 px-4 py-3 text-sm text-stone-700">{t("listing.edit.liveNote")}</p> : null}

      <fieldset className="card space-y-4 p-4 sm:p-6">
        <legend className="px-1 text-lg font-semibold">{t("listing.edit.productSection")}</legend>
        <Field name="nameZh" label={t("listing.field.nameZh")} required maxLength={100} defaultValue={d("nameZh")} error={err("nameZh")} />
        <Field name="nameEn" label={t("listing.field.nameEn")} maxLength={120} defaultValue={d("nameEn")} error={err("nameEn")} lang="en" />
        <div className="grid gap-4 sm:grid-cols-2">
          <Select name="category" label={t("listing.field.category")} defaultValue={d("category")} error={err("category")} t={t}>
            {CATEGORIES.map((c: ProductCategory) => (
              <option key={c} value={c}>
                {t(`category.${c}`)}
              </option>
            ))}
          </Select>
          <Select name="originCounty" label={t("listing.field.originCounty")} defaultValue={d("originCounty")} error={err("originCounty")} t={t}>
            {SANMING_COUNTIES.map((c) => (
              <option key={c} value={c}>
                {locale === "zh" ? c : `${countyName(c, "en")} ${c}`}
              </option>
            ))}
          </Select>
          <Select name="tempClass" label={t("listing.field.tempClass")} defaultValue={d("tempClass")} error={err("tempClass")} t={t}>
            {TEMP_CLASSES.map((c: TempClass) => (
              <option key={c} value={c}>
                {t(`tempRange.${c}`)}
              </option>
            ))}
          </Select>
          <Field name="shelfLifeDays" label={t("listing.field.shelfLifeDays")} inputMode="numeric" required defaultValue={d("shelfLifeDays")} error={err("shelfLifeDays")} />
        </div>
        <TextArea name="descriptionZh" label={t("listing.field.descriptionZh")} defaultValue={d("descriptionZh")} error={err("descriptionZh")} />
        <TextArea name="descriptionEn" label={t("listing.field.descriptionEn")} defaultValue={d("descriptionEn")} error={err("descriptionEn")} lang="en" />
      </fieldset>

      <section className="space-y-4" aria-labelledby="packs-heading">
        <div>
          <h2 id="packs-heading" className="text-xl font-semibold">
            {t("listing.edit.packsSection")}
          </h2>
          <p className="mt-1 text-sm text-stone-600">{t("listing.edit.packsHint")}</p>
        </div>
        {blocks.map((block, i) => {
          const core = previewPack(v, i);
          const spare = !block.existing;
          const name = (f: string) => packField(i, f);
          const bd = (f: (typeof PACK_FIELDS)[number]) => block.defaults[f];
          const inUse = props.inUse[block.id] ?? false;
          return (
            <fieldset key={block.key} className="card space-y-4 p-4 has-[input[data-remove]:checked]:opacity-60 sm:p-6">
              <legend className="px-1 text-lg font-semibold">
                {block.existing ? t("listing.pack.title", { n: i + 1 }) : t("listing.pack.newTitle")}
                {props.skus[block.id] ? <span className="ml-2 text-xs font-normal text-stone-500">{t("listing.pack.sku", { sku: props.skus[block.id]! })}</span> : null}
              </legend>
              <input type="hidden" name={name("id")} value={block.id} />
              {block.existing ? <input type="hidden" name={name("existing")} value="1" /> : null}
              {spare ? <p className="text-sm text-stone-500">{t("listing.pack.spareHint")}</p> : null}
              {err(name("id")) ? <FormAlert>{err(name("id"))}</FormAlert> : null}
              {core ? (
                <p className="rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-900" aria-live="polite">
                  {t("listing.pack.labelPreview", { label: composePackLabel(core, locale) })}
                </p>
              ) : null}
              <div className="grid gap-4 sm:grid-cols-2">
                <Select name={name("unit")} label={t("listing.pack.unit")} defaultValue={bd("unit")} error={err(name("unit"))} t={t} noPlaceholder>
                  {PACK_UNITS.map((u) => (
                    <option key={u} value={u}>
                      {t(`listing.unit.${u}`)}
                    </option>
                  ))}
                </Select>
                <Field name={name("itemCount")} label={t("listing.pack.itemCount")} inputMode="numeric" defaultValue={bd("itemCount")} error={err(name("itemCount"))} />
                <Field name={name("itemWeight")} label={t("listing.pack.itemWeight")} hint={t("listing.pack.itemWeightHint")} defaultValue={bd("itemWeight")} error={err(name("itemWeight"))} />
                <Field name={name("netWeight")} label={t("listing.pack.netWeight")} defaultValue={bd("netWeight")} error={err(name("netWeight"))} />
                <Field name={name("volume")} label={t("listing.pack.volume")} hint={t("listing.pack.volumeHint")} defaultValue={bd("volume")} error={err(name("volume"))} />
                <Field name={name("minOrder")} label={t("listing.pack.minOrder")} inputMode="numeric" defaultValue={bd("minOrder")} error={err(name("minOrder"))} />
                <Field name={name("multiple")} label={t("listing.pack.multiple")} inputMode="numeric" defaultValue={bd("multiple")} error={err(name("multiple"))} />
              </div>
              <Check name={name("variableWeight")} label={t("listing.pack.variableWeight")} defaultChecked={Boolean(bd("variableWeight"))} />
              <Check name={name("active")} label={t("listing.pack.active")} defaultChecked={Boolean(bd("active"))} />

              <fieldset className="space-y-3">
                <legend className="text-base font-semibold">{t("listing.pack.tiers")}</legend>
                <p className="text-sm text-stone-600">{t("listing.pack.tiersHint")}</p>
                {block.tiers.map((row, j) => (
                  <div key={row.key} className="grid grid-cols-[1fr_1fr_auto] items-start gap-2 rounded-lg border border-stone-200 p-2">
                    <Field name={tierField(i, j, "quantity")} label={t("listing.pack.tierQuantity", { n: j + 1 })} inputMode="numeric" defaultValue={row.defaults.quantity} error={err(tierField(i, j, "quantity"))} />
                    <Field name={tierField(i, j, "price")} label={t("listing.pack.tierPrice", { n: j + 1 })} inputMode="decimal" placeholder="¥" defaultValue={row.defaults.price} error={err(tierField(i, j, "price"))} />
                    {hydrated && block.tiers.length > 1 ? (
                      <RemoveButton label={t("listing.pack.removeTier")} onClick={() => removeRow(block.key, "tiers", row.key)} />
                    ) : (
                      <span />
                    )}
                  </div>
                ))}
                {hydrated && block.tiers.length < MAX_TIERS ? (
                  <button type="button" className="btn-secondary" onClick={() => addRow(block.key, "tiers")}>
                    {t("listing.pack.addTier")}
                  </button>
                ) : null}
              </fieldset>

              <fieldset className="space-y-3">
                <legend className="text-base font-semibold">{t("listing.pack.windows")}</legend>
                {block.windows.map((row, j) => (
                  <div key={row.key} className="grid gap-2 rounded-lg border border-stone-200 p-2 sm:grid-cols-2">
                    <Field name={windowField(i, j, "from")} type="date" label={t("listing.pack.windowFrom")} defaultValue={row.defaults.from} error={err(windowField(i, j, "from"))} />
                    <Field name={windowField(i, j, "to")} type="date" label={t("listing.pack.windowTo")} defaultValue={row.defaults.to} error={err(windowField(i, j, "to"))} />
                    <Field name={windowField(i, j, "perWeek")} label={t("listing.pack.windowPerWeek")} inputMode="numeric" defaultValue={row.defaults.perWeek} error={err(windowField(i, j, "perWeek"))} />
                    <Field name={windowField(i, j, "note")} label={t("listing.pack.windowNote")} maxLength={200} defaultValue={row.defaults.note} error={err(windowField(i, j, "note"))} />
                    {hydrated && block.windows.length > 1 ? <RemoveButton label={t("listing.pack.removeWindow")} onClick={() => removeRow(block.key, "windows", row.key)} /> : null}
                  </div>
                ))}
                {hydrated && block.windows.length < MAX_WINDOWS ? (
                  <button type="button" className="btn-secondary" onClick={() => addRow(block.key, "windows")}>
                    {t("listing.pack.addWindow")}
                  </button>
                ) : null}
              </fieldset>

              {block.existing ? (
                <label className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border border-red-200 px-3 text-red-800 has-[:checked]:bg-red-50">
                  <input type="checkbox" name={name("remove")} value="1" data-remove defaultChecked={Boolean(defaults[name("remove")])} className="size-5 accent-red-600" />
                  <span>{inUse ? t("listing.pack.removeInUse") : t("listing.pack.remove")}</span>
                </label>
              ) : hydrated && blocks.length > 1 ? (
                <RemoveButton label={t("listing.pack.remove")} onClick={() => removePack(block.key)} wide />
              ) : null}
            </fieldset>
          );
        })}
        {hydrated && blocks.length < MAX_PACKS ? (
          <button type="button" className="btn-secondary w-full" onClick={addPack}>
            {t("listing.pack.add")}
          </button>
        ) : null}
      </section>

      <div className="sticky bottom-0 -mx-4 flex flex-wrap items-center gap-3 border-t border-stone-200 bg-white/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-xl sm:border">
        <button type="submit" name="intent" value="save" className="btn-primary min-w-32" disabled={saving}>
          {saving ? t("listing.edit.saving") : t("listing.edit.save")}
        </button>
        <p id="listing-save-state" role="status" aria-live="polite" className="text-sm text-stone-600">
          {saveStateText(saveState, t, locale)}
        </p>
      </div>
    </Form>
  );
}

function saveStateText(s: SaveState, t: T, locale: Locale): string {
  switch (s.kind) {
    case "saving":
      return t("listing.draft.autosaving");
    case "saved":
      return t("listing.draft.autosaved", { time: formatTime(s.at, locale) });
    case "offline":
      return t("listing.draft.offline");
    case "wentOffline":
      return t("listing.draft.wentOffline");
    case "phone":
      return t("listing.draft.onPhone");
    case "failed":
      return t("listing.draft.autosaveFailed");
    default:
      return "";
  }
}

function Select({ name, label, defaultValue, error, children, t, noPlaceholder }: { name: string; label: string; defaultValue?: string; error?: string; children: ReactNode; t: T; noPlaceholder?: boolean }) {
  const id = `f-${name}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <select id={id} name={name} defaultValue={defaultValue ?? ""} className="input" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {noPlaceholder ? null : (
          <option value="" disabled>
            {t("listing.field.choose")}
          </option>
        )}
        {children}
      </select>
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function TextArea({ name, label, defaultValue, error, lang }: { name: string; label: string; defaultValue?: string; error?: string; lang?: string }) {
  const id = `f-${name}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <textarea id={id} name={name} rows={4} maxLength={2000} lang={lang} defaultValue={defaultValue} className="input py-2" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function Check({ name, label, defaultChecked }: { name: string; label: string; defaultChecked: boolean }) {
  return (
    <label className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border border-stone-300 px-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
      <input type="checkbox" name={name} value="on" defaultChecked={defaultChecked} className="size-5 accent-brand-600" />
      <span>{label}</span>
    </label>
  );
}

function RemoveButton({ label, onClick, wide }: { label: string; onClick: () => void; wide?: boolean }) {
  return (
    <button type="button" onClick={onClick} aria-label={label} title={label} className={`btn border border-red-200 bg-white text-red-700 hover:bg-red-50 ${wide ? "w-full" : "mt-6 min-w-11 px-3"}`}>
      {wide ? label : "✕"}
    </button>
  );
}
