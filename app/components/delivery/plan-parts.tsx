/** Small pieces of the operator's planning pages: loads per class, plan and solve statuses, vans left out, the solve progress. */
import { useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { TempBadge } from "~/components/ui/badges";
import type { Locale } from "~/utils/i18n/locale";
import { formatWeight } from "~/utils/i18n/format";
import type { T } from "~/utils/i18n/translate";

type TempClass = "ambient" | "chilled" | "frozen";
const CLASSES: readonly TempClass[] = ["ambient", "chilled", "frozen"];

/** Grams per temperature class over some stops; classes with nothing are left out. */
export function WeightByClass({ stops, t, locale, compact = false }: { stops: { grams: Record<TempClass, number> }[]; t: T; locale: Locale; compact?: boolean }) {
  const total: Record<TempClass, number> = { ambient: 0, chilled: 0, frozen: 0 };
  for (const s of stops) for (const c of CLASSES) total[c] += s.grams[c];
  const shown = CLASSES.filter((c) => total[c] > 0);
  if (shown.length === 0) return compact ? <span>—</span> : null;
  return (
    <ul className={`flex flex-wrap gap-2 ${compact ? "" : "text-sm"}`}>
      {shown.map((c) => (
        <li key={c} className="inline-flex items-center gap-1 whitespace-nowrap">
          <TempBadge temp={c} t={t} />
          <span>{formatWeight(total[c], locale)}</span>
        </li>
      ))}
    </ul>
  );
}

const STATUS_STYLE: Record<string, string> = {
  draft: "bg-stone-100 text-stone-700 ring-stone-300",
  published: "bg-brand-50 text-brand-800 ring-brand-200",
  superseded: "bg-stone-50 text-stone-500 ring-stone-200",
};

/** 草稿 / 已发布 / 已被替代. */
export function PlanStatusBadge({ status, t }: { status: "draft" | "published" | "superseded"; t: T }) {
  return <span className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_STYLE[status]}`}>{t(`planning.status.${status}`)}</span>;
}

/** The solve's state in words. */
export function SolveStatusText({ status, t }: { status: "idle" | "queued" | "running" | "done" | "failed" | "cancelled"; t: T }) {
  return <span className={status === "failed" ? "text-red-700" : "text-stone-600"}>{t(`planning.solve.${status}`)}</span>;
}

/** Vans not planned, each with why (a van without a driver says so). */
export function ExcludedVans({ vans, t }: { vans: { id: string; plate: string; reason: "no_driver" | "inactive" | "no_compartment" }[]; t: T }) {
  if (vans.length === 0) return null;
  return (
    <div className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" data-testid="excluded-vans">
      <h3 className="font-semibold">{t("planning.excluded.heading")}</h3>
      <ul className="list-disc pl-5">
        {vans.map((v) => (
          <li key={v.id}>{t(`planning.excluded.${v.reason}`, { plate: v.plate })}</li>
        ))}
      </ul>
    </div>
  );
}

export interface ProgressState {
  solveStatus: "idle" | "queued" | "running" | "done" | "failed" | "cancelled";
  progress: number;
  cancelRequested: boolean;
  solving: boolean;
}

/**
 * The progress bar of a running solve. With JavaScript it polls `progressUrl` every second and reloads the
 * page's data once the solve ends; without, a <noscript> refresh reloads the page every two seconds.
 */
export function SolveProgress({ initial, progressUrl, t }: { initial: ProgressState; progressUrl: string; t: T }) {
  const [state, setState] = useState(initial);
  const revalidator = useRevalidator();
  useEffect(() => setState(initial), [initial]);
  useEffect(() => {
    if (!state.solving) return;
    let stopped = false;
    const timer = setInterval(async () => {
      try {
        const res = await fetch(progressUrl, { headers: { Accept: "application/json" } });
        if (!res.ok || stopped) return;
        const next = (await res.json()) as ProgressState;
        setState(next);
        if (!next.solving) {
          stopped = true;
          clearInterval(timer);
          revalidator.revalidate();
        }
      } catch {
        // A missed poll is retried on the next tick.
      }
    }, 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.solving, progressUrl]);
  const percent = Math.round(state.progress * 100);
  return (
    <div className="space-y-2" data-testid="solve-progress" data-solving={state.solving ? "true" : "false"}>
      {state.solving ? (
        <noscript>
          <meta httpEquiv="refresh" content="2" />
          <p className="text-sm text-stone-500">{t("planning.progress.noScript")}</p>
        </noscript>
      ) : null}
      <div className="h-3 w-full overflow-hidden rounded bg-stone-200" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label={t("planning.progress.heading")}>
        <div className="h-full bg-brand-600 transition-all" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-sm text-stone-700" aria-live="polite">
        {state.cancelRequested && state.solving ? t("planning.progress.stopping") : state.solveStatus === "queued" ? t("planning.progress.queued") : t("planning.progress.percent", { percent })}
      </p>
    </div>
  );
}
