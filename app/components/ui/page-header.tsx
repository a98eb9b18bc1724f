import type { ReactNode } from "react";

/** The page's single <h1> with an optional line under it and actions to its side. */
export function PageHeader({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        <h1 className="text-2xl font-semibold text-stone-900 sm:text-3xl">{title}</h1>
        {subtitle ? <div className="mt-1 text-stone-600">{subtitle}</div> : null}
      </div>
      {children}
    </div>
  );
}

/** A figure with its label, for summary rows. */
export function Stat({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="card p-4">
      <div className="text-sm text-stone-500">{label}</div>
      <div className="mt-1 text-2xl font-semibold text-stone-900">{value}</div>
    </div>
  );
}
