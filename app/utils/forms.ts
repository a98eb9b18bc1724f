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

// NUL and other control characters (tab and newlines are fine in text areas), U+FFFD (what invalid
// UTF-8 decodes to) and unpaired surrogates never come from a person typing: refuse them at the
// form boundary with a field message instead of storing them or failing deeper down.
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const FORBIDDEN_CHARACTERS_ALL = new RegExp(FORBIDDEN_CHARACTERS.source, "g");

/** True when a submitted value holds a character no form field accepts (NUL, control characters, invalid UTF-8). */
export function hasForbiddenCharacters(value: string): boolean {
  return FORBIDDEN_CHARACTERS.test(value);
}

/** The value without the characters hasForbiddenCharacters refuses (for redisplay and search boxes). */
export function stripForbiddenCharacters(value: string): string {
  return value.replace(FORBIDDEN_CHARACTERS_ALL, "");
}

/** Parses form values with a schema: the data, or field errors (forbidden characters are reported on their field first). */
export function parseForm<S extends $ZodType & { safeParse(input: unknown): { success: true; data: output<S> } | { success: false; error: $ZodError } }>(
  schema: S,
  values: Record<string, string>,
): { data: output<S>; errors?: undefined } | { data?: undefined; errors: FieldErrors } {
  const characterErrors: FieldErrors = {};
  for (const [field, value] of Object.entries(values)) if (hasForbiddenCharacters(value)) characterErrors[field] = "validation.invalidCharacters";
  const result = schema.safeParse(values);
  const hasCharacterErrors = Object.keys(characterErrors).length > 0;
  if (result.success && !hasCharacterErrors) return { data: result.data };
  return { errors: { ...(result.success ? {} : fieldErrors(result.error)), ...characterErrors } };
}

/** Values safe to send back to the form on error: never passwords. */
export function redisplayValues(values: Record<string, string>): Record<string, string> {
  const safe: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (!/password/i.test(k)) safe[k] = stripForbiddenCharacters(v);
  return safe;
}
