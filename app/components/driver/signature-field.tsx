import { useEffect, useRef, useState } from "react";
import type SignaturePadType from "signature_pad";
import type { T } from "~/utils/i18n/translate";

/**
 * The receiver's signature: a canvas (signature_pad, loaded only here) whose SVG goes into the hidden
 * `signatureSvg` field at every stroke. Before JavaScript runs (or without it) the receiver types their
 * name again instead (`signatureTyped`), and the page says so.
 */
export function SignatureField({ t, error, typedError }: { t: T; error?: string; typedError?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  // Controlled: React resets an uncontrolled hidden input's value on re-render (its default value is its value).
  const [svg, setSvg] = useState("");
  const pad = useRef<SignaturePadType | null>(null);
  const [Pad, setPad] = useState<typeof SignaturePadType | null>(null);
  const drawing = Pad !== null;

  useEffect(() => {
    let cancelled = false;
    void import("signature_pad").then(({ default: SignaturePad }) => {
      if (!cancelled) setPad(() => SignaturePad);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  // Once the canvas is shown: a hidden canvas has no size, and the bitmap must match the screen's pixels.
  useEffect(() => {
    const el = canvas.current;
    if (!Pad || !el) return;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    el.width = el.offsetWidth * ratio;
    el.height = el.offsetHeight * ratio;
    el.getContext("2d")?.scale(ratio, ratio);
    const p = new Pad(el, { penColor: "#1c1917", minWidth: 1, maxWidth: 3 });
    p.addEventListener("endStroke", () => {
      setSvg(p.isEmpty() ? "" : p.toSVG());
    });
    pad.current = p;
    setSvg("");
    return () => {
      p.off();
      pad.current = null;
    };
  }, [Pad]);

  const clear = () => {
    pad.current?.clear();
    setSvg("");
  };

  return (
    <fieldset className="space-y-2">
      <legend className="text-base font-medium text-stone-800">{t("driverApp.form.signature")}</legend>
      <input type="hidden" name="signatureSvg" value={svg} />
      <div className={drawing ? "space-y-2" : "hidden"}>
        <p className="text-sm text-stone-600">{t("driverApp.form.signatureHint")}</p>
        <canvas
          ref={canvas}
          data-testid="signature-pad"
          aria-label={t("driverApp.form.signature")}
          aria-invalid={error ? true : undefined}
          className="h-44 w-full touch-none rounded-xl border-2 border-dashed border-stone-400 bg-white"
        />
        <button type="button" className="btn-secondary min-h-12 px-5" onClick={clear}>
          {t("driverApp.form.signatureClear")}
        </button>
      </div>
      {drawing ? null : (
        <div className="space-y-2">
          <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("driverApp.form.noScript")}</p>
          <label htmlFor="f-signatureTyped" className="block text-sm font-medium text-stone-800">
            {t("driverApp.form.signatureTyped")}
          </label>
          <input id="f-signatureTyped" name="signatureTyped" className="input min-h-12 text-lg" autoComplete="off" aria-invalid={typedError ? true : undefined} />
          {typedError ? <p className="text-sm font-medium text-red-700">{typedError}</p> : null}
        </div>
      )}
      {error ? <p className="text-sm font-medium text-red-700">{error}</p> : null}
    </fieldset>
  );
}
