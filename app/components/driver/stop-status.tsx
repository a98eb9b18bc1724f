import type { StopStatus } from "~/modules/driver/actions";
import type { T } from "~/utils/i18n/translate";

const TONE: Record<StopStatus, string> = {
  planned: "bg-stone-100 text-stone-700",
  arrived: "bg-sky-100 text-sky-800",
  delivered: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
};

/** A stop's status; "(待同步)" when it comes from actions still on the phone. */
export function StopStatusBadge({ status, unsent, t }: { status: StopStatus; unsent: boolean; t: T }) {
  return (
    <span className={`inline-flex items-center rounded-full px-3 py-1 text-sm font-medium ${TONE[status]}`} data-status={status} data-unsent={unsent || undefined}>
      {t(`driverApp.status.${status}`)}
      {unsent ? t("driverApp.status.pending") : null}
    </span>
  );
}
