import { Form } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import type { T } from "~/utils/i18n/translate";

/** The query marker on the XMLHttpRequest's URL: a redirect is then told apart from a page answered in place. */
export const XHR_MARKER = "xhr";

/** What to do once the XMLHttpRequest has an answer. */
export type UploadOutcome = { kind: "navigate"; url: string } | { kind: "fallback" } | { kind: "retry" };

/** Answers of a proxy or a struggling server that a second try can cure (the upload did not land). */
const TRANSIENT = new Set([408, 502, 503, 504]);

const withoutHash = (url: string) => url.split("#")[0];

/**
 * Decides from the answer to the upload:
 * - status 0 (connection dropped, aborted, timed out) → "retry";
 * - redirected (the final URL is not the one posted to, which carries the marker) → "navigate" there, as the
 *   browser would have after a plain form post, with `fragment` (e.g. "attachments") unless that would only move
 *   within the current page (then it would not reload);
 * - 408/502/503/504 without a redirect → "retry";
 * - anything else answered in place (field errors 400/413, 403, 404, 500, or a 200 page) → "fallback": post the
 *   form normally so the server's page renders exactly as without JavaScript.
 */
export function uploadOutcome(input: { status: number; responseURL: string; requestURL: string; currentURL: string; fragment?: string }): UploadOutcome {
  const { status, responseURL, requestURL, currentURL, fragment } = input;
  if (status === 0) return { kind: "retry" };
  const redirected = responseURL !== "" && withoutHash(responseURL) !== withoutHash(requestURL);
  if (redirected) {
    const target = withoutHash(responseURL);
    const url = fragment && target !== withoutHash(currentURL) ? `${target}#${fragment}` : target;
    return { kind: "navigate", url };
  }
  if (TRANSIENT.has(status)) return { kind: "retry" };
  return { kind: "fallback" };
}

/** The URL the XMLHttpRequest posts to: the form's action with the marker added. */
export function markedUrl(action: string): string {
  const url = new URL(action);
  url.searchParams.set(XHR_MARKER, "1");
  url.hash = "";
  return url.href;
}

type Phase = { kind: "idle" } | { kind: "uploading"; percent: number } | { kind: "processing" } | { kind: "failed" };

interface UploadProgressFormProps {
  /** Where the form posts; left out, the current route (as Remix's <Form>). */
  action?: string;
  /** Runs first (client validation); calling event.preventDefault() stops the upload. */
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
  /** Fragment added to the page navigated to after a successful upload (e.g. "attachments"). */
  fragment?: string;
  className?: string;
  "data-testid"?: string;
  t: T;
  /** The form's fields and submit button; `uploading` is true while the file is on its way. */
  children: ReactNode | ((uploading: boolean) => ReactNode);
}

/**
 * A multipart upload form. Without JavaScript it is a plain `<form method="post" enctype="multipart/form-data">`.
 * With JavaScript the same FormData goes to the same action by XMLHttpRequest (fetch reports no upload progress),
 * with a progress bar; a redirect is followed, an answer in place (field errors) falls back to the plain post,
 * and a dropped connection offers a retry that sends the same data again without choosing the file again.
 */
export function UploadProgressForm({ action, onSubmit, fragment, className, t, children, ...rest }: UploadProgressFormProps) {
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const last = useRef<{ form: HTMLFormElement; body: FormData } | null>(null);
  const current = useRef<XMLHttpRequest | null>(null);
  useEffect(() => () => current.current?.abort(), []);

  const send = (form: HTMLFormElement, body: FormData) => {
    last.current = { form, body };
    const requestURL = markedUrl(form.action);
    const xhr = new XMLHttpRequest();
    current.current = xhr;
    xhr.open("POST", requestURL);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setPhase({ kind: "uploading", percent: Math.min(100, Math.round((e.loaded * 100) / e.total)) });
    };
    xhr.upload.onload = () => setPhase({ kind: "processing" });
    const dropped = () => {
      current.current = null;
      setPhase({ kind: "failed" });
    };
    xhr.onerror = dropped;
    xhr.onabort = dropped;
    xhr.ontimeout = dropped;
    xhr.onload = () => {
      current.current = null;
      const outcome = uploadOutcome({ status: xhr.status, responseURL: xhr.responseURL, requestURL, currentURL: window.location.href, fragment });
      if (outcome.kind === "navigate") {
        setPhase({ kind: "processing" });
        window.location.assign(outcome.url);
      } else if (outcome.kind === "retry") {
        setPhase({ kind: "failed" });
      } else {
        // The server answered with its own page (field errors): post the form as without JavaScript.
        // form.submit() fires no submit event, so neither this handler nor Remix's runs again.
        setPhase({ kind: "processing" });
        form.submit();
      }
    };
    setPhase({ kind: "uploading", percent: 0 });
    xhr.send(body);
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    onSubmit?.(event);
    if (event.defaultPrevented) return;
    // No XMLHttpRequest (very old browser): let Remix's <Form> post as before.
    if (typeof XMLHttpRequest === "undefined" || typeof FormData === "undefined") return;
    event.preventDefault();
    if (current.current) return; // already on its way
    send(event.currentTarget, new FormData(event.currentTarget));
  };

  const retry = () => {
    if (last.current && !current.current) send(last.current.form, last.current.body);
  };

  const uploading = phase.kind === "uploading" || phase.kind === "processing";
  const percent = phase.kind === "uploading" ? phase.percent : 100;
  return (
    <Form method="post" action={action} encType="multipart/form-data" onSubmit={handleSubmit} className={className} data-testid={rest["data-testid"]}>
      {typeof children === "function" ? children(uploading) : children}
      {uploading ? (
        <div className="space-y-1">
          <div className="h-3 overflow-hidden rounded-full bg-stone-200" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label={t("photos.uploadForm.label")}>
            <div className="h-full bg-brand-600 transition-all" style={{ width: `${percent}%` }} />
          </div>
          <p className="text-sm text-stone-700" role="status" aria-live="polite">
            {phase.kind === "uploading" ? t("photos.uploadForm.progress", { percent }) : t("photos.uploadForm.processing")}
          </p>
        </div>
      ) : null}
      {phase.kind === "failed" ? (
        <div className="space-y-2" data-upload-failed="">
          <p role="alert" className="text-sm font-medium text-red-700">
            {t("photos.uploadForm.networkError")}
          </p>
          <button type="button" className="btn-secondary w-full sm:w-auto" onClick={retry}>
            {t("photos.uploadForm.retry")}
          </button>
        </div>
      ) : null}
    </Form>
  );
}
