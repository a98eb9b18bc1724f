import type { $ZodError, $ZodType, output } from "zod/v4/core";
import type { MessageKey } from "./i18n/messages";
import { isMessageKey } from "./i18n/translate";

/** Field name → catalogue key of its first error. */
export type FieldErrors = Partial<Record<string, MessageKey>>;

/** Text fields of a submitted form as a plain object (files are ignored: no form here uploads any). */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string") values[key] = value;
  return values;
}

/** The first error of each field, as catalogue keys; non-key messages fall back to a generic one. */
export function fieldErrors(error: $ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "_form");
    if (!errors[field]) errors[field] = isMessageKey(issue.message) ? issue.message : "validation.required";
  }
  return errors;
}

/** Parses form values with a schema: the data, or field errors. */
export function parseForm<S extends $ZodType & { safeParse(input: unknown): { success: true; data: output<S> } | { success: false; error: $ZodError } }>(
  schema: S,
  values: Record<string, string>,
): { data: output<S>; errors?: undefined } | { data?: undefined; errors: FieldErrors } {
  const result = schema.safeParse(values);
  return result.success ? { data: result.data } : { errors: fieldErrors(result.error) };
}

/** Values safe to send back to the form on error: never passwords. */
export function redisplayValues(values: Record<string, string>): Record<string, string> {
  const safe: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (!/password/i.test(k)) safe[k] = v;
  return safe;
}
