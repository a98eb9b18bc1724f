import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { MAX_PHOTOS_PER_PRODUCT, megabytes } from "~/modules/images/plan";
import type { PhotoMessage, UploadAnswer } from "~/modules/images/messages";
import type { T } from "~/utils/i18n/translate";

type Status = "queued" | "uploading" | "processing" | "done" | "refused" | "failed";

interface Item {
  id: number;
  file: File;
  status: Status;
  /** Upload progress 0–100. */
  progress: number;
  error?: PhotoMessage;
}

interface PhotoUploaderProps {
  /** Where the plain form posts (the page's own action). */
  formAction: string;
  /** Where each file is sent on its own with JavaScript (the JSON upload route). */
  uploadUrl: string;
  /** Bytes per file (MAX_UPLOAD_MB). */
  maxBytes: number;
  /** Photos that still fit (8 less those the product has). */
  remaining: number;
  /** The answer of a plain-form upload (no JavaScript), shown under the inputs. */
  answer?: UploadAnswer;
  t: T;
}

const NETWORK_ERROR: PhotoMessage = { key: "photos.upload.networkError", retry: true };
const SIGNED_OUT: PhotoMessage = { key: "photos.upload.signedOut" };

/** Sends one file with XMLHttpRequest (fetch reports no upload progress); resolves with the file's outcome. */
function sendFile(url: string, file: File, onProgress: (percent: number) => void, onUploaded: () => void): Promise<{ ok: boolean; error?: PhotoMessage }> {
  return new Promise((resolve) => {
    const form = new FormData();
    form.append("photo", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.timeout = 180_000;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.min(100, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.upload.onload = onUploaded;
    xhr.onload = () => {
      let answer: UploadAnswer | undefined;
      try {
        answer = (xhr.getResponseHeader("Content-Type") ?? "").includes("application/json") ? (JSON.parse(xhr.responseText) as UploadAnswer) : undefined;
      } catch {
        answer = undefined;
      }
      if (!answer || !Array.isArray(answer.files)) {
        // Not our JSON: the sign-in page after an expired session, or a proxy's error page.
        resolve({ ok: false, error: xhr.status >= 500 || xhr.status === 0 ? NETWORK_ERROR : xhr.status === 403 || xhr.status === 404 ? { key: "photos.error.badRequest" } : SIGNED_OUT });
        return;
      }
      const first = answer.files[0];
      if (first?.ok) resolve({ ok: true });
      else resolve({ ok: false, error: first?.error ?? answer.error ?? (xhr.status >= 500 ? NETWORK_ERROR : { key: "photos.error.badRequest" }) });
    };
    xhr.onerror = () => resolve({ ok: false, error: NETWORK_ERROR });
    xhr.ontimeout = () => resolve({ ok: false, error: NETWORK_ERROR });
    xhr.send(form);
  });
}

/**
 * Take or choose photos. Without JavaScript: a plain multipart form (both inputs post as "photo") and the
 * server's answer per file. With JavaScript: each file uploads on its own as soon as it is chosen, one at
 * a time (kind to one bar of signal), with a progress bar, a retry button when the connection drops, and
 * the server's message for a refused file; the photo grid refreshes after each upload.
 */
export function PhotoUploader({ formAction, uploadUrl, maxBytes, remaining, answer, t }: PhotoUploaderProps) {
  const [hydrated, setHydrated] = useState(false);
  const [items, setItems] = useState<Item[]>([]);
  const [formError, setFormError] = useState<PhotoMessage | undefined>();
  const nextId = useRef(1);
  const busy = useRef(false);
  const revalidator = useRevalidator();
  useEffect(() => setHydrated(true), []);

  const update = (id: number, patch: Partial<Item>) => setItems((list) => list.map((it) => (it.id === id ? { ...it, ...patch } : it)));

  // One upload at a time: the next queued file starts when the previous one has finished.
  useEffect(() => {
    if (busy.current) return;
    const next = items.find((it) => it.status === "queued");
    if (!next) return;
    busy.current = true;
    update(next.id, { status: "uploading", progress: 0, error: undefined });
    void sendFile(
      uploadUrl,
      next.file,
      (progress) => update(next.id, { progress }),
      () => update(next.id, { status: "processing", progress: 100 }),
    ).then((outcome) => {
      busy.current = false;
      if (outcome.ok) {
        update(next.id, { status: "done", progress: 100 });
        revalidator.revalidate();
      } else {
        update(next.id, { status: outcome.error?.retry ? "failed" : "refused", error: outcome.error });
      }
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items]);

  const enqueue = (files: FileList | null) => {
    const chosen = files ? [...files] : [];
    if (chosen.length === 0) {
      setFormError({ key: "photos.error.noFile" });
      return;
    }
    setFormError(undefined);
    const waiting = items.filter((it) => it.status === "queued" || it.status === "uploading" || it.status === "processing").length;
    let room = Math.max(0, remaining - waiting);
    const added = chosen.map((file): Item => {
      const id = nextId.current++;
      // Refused here without spending the farmer's data: too large, or no room left for it.
      if (file.size > maxBytes) return { id, file, status: "refused", progress: 0, error: { key: "photos.error.tooLarge", params: { limit: megabytes(maxBytes) } } };
      if (room <= 0) return { id, file, status: "refused", progress: 0, error: { key: "photos.error.tooMany", params: { max: MAX_PHOTOS_PER_PRODUCT } } };
      room -= 1;
      return { id, file, status: "queued", progress: 0 };
    });
    setItems((list) => [...list.filter((it) => it.status !== "done"), ...added]);
  };

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    if (!hydrated) return;
    enqueue(event.currentTarget.files);
    event.currentTarget.value = "";
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (!hydrated) return;
    event.preventDefault();
    const inputs = [...event.currentTarget.querySelectorAll<HTMLInputElement>("input[type=file]")];
    const dt = new DataTransfer();
    for (const input of inputs) for (const f of input.files ? [...input.files] : []) dt.items.add(f);
    enqueue(dt.files);
    for (const input of inputs) input.value = "";
  };

  const retry = (id: number) => update(id, { status: "queued", progress: 0, error: undefined });
  const dismiss = (id: number) => setItems((list) => list.filter((it) => it.id !== id));

  const serverRefused = answer?.files.filter((f) => !f.ok) ?? [];
  const describedBy = ["photo-hint", formError || answer?.error ? "photo-form-error" : null, serverRefused.length ? "photo-refused" : null].filter(Boolean).join(" ");
  const formMessage = formError ?? answer?.error;
  const fileInput = "block w-full text-sm text-stone-700 file:mr-3 file:min-h-11 file:rounded-lg file:border file:border-stone-300 file:bg-white file:px-4 file:text-base file:font-medium file:text-stone-800";

  return (
    <form method="post" action={formAction} encType="multipart/form-data" onSubmit={onSubmit} className="card space-y-4 p-5">
      <h2 className="text-lg font-semibold">{t("photos.add.title")}</h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor="photo-camera" className="block text-sm font-medium text-stone-800">
            {t("photos.add.camera")}
          </label>
          <input id="photo-camera" name="photo" type="file" accept="image/*" capture="environment" multiple onChange={onChange} aria-describedby={describedBy} className={fileInput} />
        </div>
        <div className="space-y-1">
          <label htmlFor="photo-files" className="block text-sm font-medium text-stone-800">
            {t("photos.add.label")}
          </label>
          <input id="photo-files" name="photo" type="file" accept="image/*" multiple onChange={onChange} aria-describedby={describedBy} className={fileInput} />
        </div>
      </div>
      <p id="photo-hint" className="text-sm text-stone-500">
        {t("photos.add.hint", { max: MAX_PHOTOS_PER_PRODUCT, limit: megabytes(maxBytes) })}
      </p>
      {formMessage ? (
        <p id="photo-form-error" role="alert" className="text-sm font-medium text-red-700">
          {t(formMessage.key, formMessage.params)}
        </p>
      ) : null}
      {serverRefused.length > 0 ? (
        <div id="photo-refused" role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          <p className="font-medium">{t("photos.result.refusedTitle")}</p>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {serverRefused.map((f, i) => (
              <li key={`${f.name}-${i}`}>{t("photos.result.fileError", { name: f.name, message: f.error ? t(f.error.key, f.error.params) : t("photos.error.badRequest") })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {hydrated ? null : (
        <button type="submit" className="btn-primary">
          {t("photos.add.submit")}
        </button>
      )}
      {items.length > 0 ? (
        <ul aria-label={t("photos.upload.list")} className="space-y-2">
          {items.map((it) => (
            <li key={it.id} className="rounded-lg border border-stone-200 p-3">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="min-w-0 truncate text-sm font-medium text-stone-800">{it.file.name}</span>
                <span className="text-sm text-stone-600" aria-live="polite">
                  {it.status === "queued"
                    ? t("photos.upload.waiting")
                    : it.status === "uploading"
                      ? t("photos.upload.progress", { percent: it.progress })
                      : it.status === "processing"
                        ? t("photos.upload.processing")
                        : it.status === "done"
                          ? t("photos.upload.done")
                          : null}
                </span>
              </div>
              {it.status === "uploading" || it.status === "processing" ? (
                <div className="mt-2 h-2 overflow-hidden rounded-full bg-stone-200" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={it.progress} aria-label={it.file.name}>
                  <div className="h-full bg-brand-600 transition-all" style={{ width: `${it.progress}%` }} />
                </div>
              ) : null}
              {it.error ? (
                <p role="alert" className="mt-2 text-sm font-medium text-red-700">
                  {t(it.error.key, it.error.params)}
                </p>
              ) : null}
              {it.status === "failed" || it.status === "refused" || it.status === "done" ? (
                <div className="mt-2 flex gap-2">
                  {it.status === "failed" ? (
                    <button type="button" className="btn-primary" onClick={() => retry(it.id)}>
                      {t("photos.upload.retry")}
                    </button>
                  ) : null}
                  <button type="button" className="btn-secondary" onClick={() => dismiss(it.id)}>
                    {t("photos.upload.dismiss")}
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
