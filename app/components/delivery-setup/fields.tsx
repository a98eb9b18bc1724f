import type { ReactNode, SelectHTMLAttributes } from "react";
import type { MessageKey } from "~/utils/i18n/messages";
import type { T } from "~/utils/i18n/translate";

interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  children: ReactNode;
}

/** A labelled select with its hint and error tied to it for screen readers (the select twin of ui/field's Field). */
export function SelectField({ name, label, error, hint, id, children, ...select }: SelectFieldProps) {
  const selectId = id ?? `f-${name}`;
  const describedBy = [hint ? `${selectId}-hint` : null, error ? `${selectId}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={selectId} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <select id={selectId} name={name} className="input" aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...select}>
        {children}
      </select>
      {hint ? (
        <p id={`${selectId}-hint`} className="text-sm text-stone-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${selectId}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The translated error of a field, or undefined. */
export function fieldError(errors: Partial<Record<string, MessageKey>>, field: string, t: T, params?: Record<string, string | number>): string | undefined {
  const key = errors[field];
  return key ? t(key, params) : undefined;
}

/** A one-line success notice under the page header. */
export function SavedNotice({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="mb-4 rounded-lg border border-brand-200 bg-brand-50 px-4 py-3 text-sm font-medium text-brand-800">
      {children}
    </p>
  );
}
