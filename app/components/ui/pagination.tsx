import { Link, useLocation } from "@remix-run/react";
import type { T } from "~/utils/i18n/translate";

/** Previous/next links that keep the rest of the query (search, filters); hidden when there is one page. */
export function Pagination({ page, pages, t, param = "page" }: { page: number; pages: number; t: T; param?: string }) {
  const location = useLocation();
  if (pages <= 1) return null;
  const href = (p: number) => {
    const params = new URLSearchParams(location.search);
    if (p <= 1) params.delete(param);
    else params.set(param, String(p));
    const qs = params.toString();
    return `${location.pathname}${qs ? `?${qs}` : ""}`;
  };
  const base = "btn-secondary min-w-24";
  return (
    <nav aria-label={t("pagination.label")} className="mt-6 flex items-center justify-between gap-3">
      {page > 1 ? (
        <Link to={href(page - 1)} className={base} rel="prev">
          {t("pagination.prev")}
        </Link>
      ) : (
        <span className={`${base} invisible`} aria-hidden="true" />
      )}
      <span className="text-sm text-stone-600">{t("pagination.page", { page, pages })}</span>
      {page < pages ? (
        <Link to={href(page + 1)} className={base} rel="next">
          {t("pagination.next")}
        </Link>
      ) : (
        <span className={`${base} invisible`} aria-hidden="true" />
      )}
    </nav>
  );
}
