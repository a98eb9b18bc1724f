import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import { useT } from "~/utils/i18n/use-t";

/** The order lists' filter buttons (apply, and clear when something is filtered) and the note on ignored values. */
export function FilterActions({ clearTo, filtered, className }: { clearTo: string; filtered: boolean; className: string }) {
  const t = useT();
  return (
    <div className={className}>
      <button type="submit" className="btn-primary">
        {t("fulfilment.filter.submit")}
      </button>
      {filtered ? (
        <Link to={clearTo} className="btn-secondary">
          {t("fulfilment.filter.clear")}
        </Link>
      ) : null}
    </div>
  );
}

/** Says that unreadable filter values were left out (instead of an error page). */
export function IgnoredFilters({ ignored }: { ignored: boolean }) {
  const t = useT();
  return ignored ? <p className="mb-4 text-sm text-amber-900">{t("fulfilment.filter.ignored")}</p> : null;
}

/** One labelled control of an order list's filter form. */
export function FilterField({ id, label, className = "space-y-1", children }: { id: string; label: string; className?: string; children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      {children}
    </div>
  );
}
