import type { DriverQueue } from "./use-driver-queue";
import { isMessageKey, type T } from "~/utils/i18n/translate";

/**
 * What is still on the phone: the number of unsent actions with "立即同步", the offline or sign-in
 * state, the answers the server could not take (stale, refused) until dismissed, and actions another
 * account left on this phone (kept for it, not sent). Shown once the queue was read (never without
 * JavaScript, where nothing is queued).
 */
export function SyncBanner({ queue, t, stopName }: { queue: DriverQueue; t: T; stopName: (stopId: string) => string }) {
  if (!queue.ready) return null;
  const count = queue.pending.length;
  const syncing = queue.status === "syncing";
  const tone = count > 0 ? "border-amber-300 bg-amber-50 text-amber-900" : "border-emerald-200 bg-emerald-50 text-emerald-900";
  return (
    <section aria-live="polite" className="space-y-2" data-testid="sync-banner">
      <div className={`flex flex-wrap items-center justify-between gap-3 rounded-xl border px-4 py-3 ${tone}`}>
        <p className="text-base font-medium" data-testid="unsent" data-count={count}>
          {count > 0 ? t("driverApp.queue.unsent", { count }) : t("driverApp.queue.allSent")}
        </p>
        <button type="button" className="btn-secondary min-h-12 px-5" onClick={() => void queue.sync()} disabled={syncing || count === 0}>
          {syncing ? t("driverApp.queue.syncing") : t("driverApp.queue.syncNow")}
        </button>
        {queue.status === "offline" ? <p className="w-full text-sm">{t("driverApp.queue.offline")}</p> : null}
        {queue.status === "failed" ? <p className="w-full text-sm">{t("driverApp.queue.failed")}</p> : null}
        {queue.status === "signIn" ? (
          <p className="w-full text-sm">
            <a className="font-medium underline" href="/login?redirectTo=%2Fdriver">
              {t("driverApp.queue.signIn")}
            </a>
          </p>
        ) : null}
      </div>
      {queue.notices.map((n) => (
        <div key={n.id} role="alert" className="flex items-start justify-between gap-3 rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          <p>{t("driverApp.queue.notice", { stop: stopName(n.stopId), message: isMessageKey(n.message) ? t(n.message) : n.message })}</p>
          <button type="button" className="min-h-10 px-2 font-medium underline" onClick={() => void queue.dismiss(n.id)} aria-label={t("driverApp.queue.dismiss")}>
            ✕
          </button>
        </div>
      ))}
      {queue.otherAccounts > 0 ? (
        <p role="status" className="rounded-xl border border-sky-200 bg-sky-50 px-4 py-3 text-sky-900" data-testid="other-accounts" data-count={queue.otherAccounts}>
          {t("driverApp.queue.otherAccount", { count: queue.otherAccounts })}
        </p>
      ) : null}
    </section>
  );
}
