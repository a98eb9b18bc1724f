import type { ProductStatus, TempClass } from "~/generated/prisma/enums";
import type { T } from "~/utils/i18n/translate";

const TEMP_STYLE: Record<TempClass, string> = {
  ambient: "bg-amber-50 text-amber-800 ring-amber-200",
  chilled: "bg-sky-50 text-sky-800 ring-sky-200",
  frozen: "bg-indigo-50 text-indigo-800 ring-indigo-200",
};

/** 常温 / 冷藏 / 冷冻, with the temperature range as a tooltip. */
export function TempBadge({ temp, t }: { temp: TempClass; t: T }) {
  return (
    <span className={`inline-flex shrink-0 items-center whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TEMP_STYLE[temp]}`} title={t(`tempRange.${temp}`)}>
      {t(`temp.${temp}`)}
    </span>
  );
}

const STATUS_STYLE: Record<ProductStatus, string> = {
  active: "bg-brand-50 text-brand-800 ring-brand-200",
  draft: "bg-stone-100 text-stone-700 ring-stone-300",
  paused: "bg-amber-50 text-amber-800 ring-amber-200",
  archived: "bg-stone-100 text-stone-500 ring-stone-200",
};

/** A product's listing status. */
export function StatusBadge({ status, t }: { status: ProductStatus; t: T }) {
  return <span className={`inline-flex shrink-0 items-center whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_STYLE[status]}`}>{t(`productStatus.${status}`)}</span>;
}

/** A neutral small label (roles, kinds). */
export function Tag({ children }: { children: React.ReactNode }) {
  return <span className="inline-flex items-center rounded-md bg-stone-100 px-2 py-0.5 text-xs font-medium text-stone-700">{children}</span>;
}
