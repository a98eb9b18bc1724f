/**
 * The one error shape of the API: every failure answers `{"error": {"code", "message", "fields"?}}`
 * (plus `requestId`, and `lines`/`short` where a client needs the numbers). Codes are stable and meant
 * for programs; messages are for people (Chinese, or English with Accept-Language: en). Pure: no Request.
 */
import type { $ZodIssue } from "zod/v4/core";
import type { MessageKey } from "~/utils/i18n/messages";
import type { T } from "~/utils/i18n/translate";

/** Every error code the API answers with, and its HTTP status. */
export const API_ERROR_STATUS = {
  invalid_request: 400,
  malformed_json: 400,
  /** From the server's boundary: a request target that does not decode (app/server/requests.ts). */
  bad_request: 400,
  idempotency_key_missing: 400,
  unauthorized: 401,
  forbidden: 403,
  /** From the server's boundary: a cookie-carrying write from another site (app/server/origin.ts). */
  cross_site_request: 403,
  not_found: 404,
  method_not_allowed: 405,
  insufficient_stock: 409,
  slot_full: 409,
  price_changed: 409,
  not_cancellable: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  slot_closed: 422,
  delivery_point_invalid: 422,
  unknown_sku: 422,
  pack_unavailable: 422,
  invalid_quantity: 422,
  below_minimum_order: 422,
  past_cutoff: 422,
  server_error: 500,
} as const;
export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

/** Field path ("lines.0.quantity", "deliveryPoint", "Idempotency-Key") → what is wrong with it. */
export type ApiFields = Record<string, string>;

/** The JSON body of every error response. */
export interface ApiErrorBody {
  error: {
    code: ApiErrorCode;
    message: string;
    fields?: ApiFields;
    requestId?: string;
    /** insufficient_stock: each short line with what is available. */
    lines?: { sku: string; requested: number; available: number }[];
    /** slot_full: each temperature class that does not fit. */
    short?: { tempClass: string; requestedGrams: number; remainingGrams: number }[];
    /** below_minimum_order: each seller whose minimum order value is not reached (seller ids as in the catalogue). */
    sellers?: { id: string; subtotalFen: number; minOrderValueFen: number; shortfallFen: number }[];
  };
}

/** A failure on its way to the client; thrown by the API helpers, turned into a response by apiRoute. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    readonly text: string,
    readonly extra: Omit<ApiErrorBody["error"], "code" | "message"> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(`${code}: ${text}`);
    this.status = API_ERROR_STATUS[code];
  }

  /** The error's JSON body (requestId added when known). */
  body(requestId?: string): ApiErrorBody {
    const error: ApiErrorBody["error"] = { code: this.code, message: this.text, ...this.extra };
    if (requestId) error.requestId = requestId;
    return { error };
  }
}

/** An error whose message is the catalogue text `api.error.<code>` (or another key). */
export function apiError(
  t: T,
  code: ApiErrorCode,
  extra: Omit<ApiErrorBody["error"], "code" | "message"> = {},
  options: { key?: MessageKey; params?: Record<string, string | number>; headers?: Record<string, string> } = {},
): ApiError {
  const key = options.key ?? (`api.error.${code}` as MessageKey);
  return new ApiError(code, t(key, options.params), extra, options.headers);
}

/** A zod issue path as the API names fields: segments joined by dots ("lines.0.quantity"); the body itself is "body". */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "body" : path.map((p) => String(p)).join(".");
}

function numberParam(value: unknown): string | number {
  return typeof value === "bigint" ? value.toString() : typeof value === "number" ? value : String(value);
}

/** One zod issue in words (the catalogue's api.field.* texts). */
export function issueMessage(issue: $ZodIssue, t: T): string {
  switch (issue.code) {
    case "invalid_type":
      // A missing member arrives as invalid_type with input undefined.
      if (issue.input === undefined) return t("api.field.required");
      if (issue.expected === "int") return t("api.field.not_integer");
      return t("api.field.invalid_type", { expected: issue.expected });
    case "too_small":
      if (issue.origin === "array" || issue.origin === "set") return t("api.field.too_short", { minimum: numberParam(issue.minimum) });
      if (issue.origin === "string") return t("api.field.string_too_short", { minimum: numberParam(issue.minimum) });
      return t("api.field.too_small", { minimum: numberParam(issue.minimum) });
    case "too_big":
      if (issue.origin === "array" || issue.origin === "set") return t("api.field.too_long", { maximum: numberParam(issue.maximum) });
      if (issue.origin === "string") return t("api.field.string_too_long", { maximum: numberParam(issue.maximum) });
      return t("api.field.too_big", { maximum: numberParam(issue.maximum) });
    case "invalid_format":
      return t("api.field.invalid_format");
    case "invalid_value":
      return t("api.field.invalid_value");
    case "unrecognized_keys":
      return t("api.field.unrecognized_key");
    case "custom":
      return issue.message.startsWith("api.field.") ? t(issue.message as MessageKey) : t("api.field.invalid");
    default:
      return t("api.field.invalid");
  }
}

/**
 * Field errors of a failed parse, by path; the first issue of a path wins. An unknown member is reported
 * at its own path ("lines.0.price"), not at the object holding it.
 */
export function zodFields(issues: readonly $ZodIssue[], t: T, prefix: readonly PropertyKey[] = []): ApiFields {
  const fields: ApiFields = {};
  for (const issue of issues) {
    const paths = issue.code === "unrecognized_keys" ? issue.keys.map((k) => [...prefix, ...issue.path, k]) : [[...prefix, ...issue.path]];
    for (const path of paths) {
      const name = fieldPath(path);
      fields[name] ??= issueMessage(issue, t);
    }
  }
  return fields;
}

/** 400 invalid_request with the parse's field errors. */
export function invalidRequest(issues: readonly $ZodIssue[], t: T, prefix: readonly PropertyKey[] = []): ApiError {
  return apiError(t, "invalid_request", { fields: zodFields(issues, t, prefix) });
}
