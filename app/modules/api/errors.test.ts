import { describe, expect, it } from "vitest";
import { z } from "zod";
import { translator } from "~/utils/i18n/translate";
import { API_ERROR_STATUS, ApiError, apiError, fieldPath, invalidRequest, zodFields } from "./errors";
import { ApiErrorSchema, OrderCreateSchema } from "./schemas";

const en = translator("en");
const zh = translator("zh");

describe("the one error shape", () => {
  it("puts code, message and fields under error, with the status of the code", () => {
    const e = apiError(en, "idempotency_key_reused");
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(422);
    expect(e.body("req-1")).toEqual({ error: { code: "idempotency_key_reused", message: "This Idempotency-Key was already used for a different order request", requestId: "req-1" } });
    expect(ApiErrorSchema.safeParse(e.body("req-1")).success).toBe(true);
  });

  it("gives every code the status the API documents", () => {
    expect(API_ERROR_STATUS).toMatchObject({
      invalid_request: 400,
      malformed_json: 400,
      unauthorized: 401,
      forbidden: 403,
      not_found: 404,
      method_not_allowed: 405,
      insufficient_stock: 409,
      payload_too_large: 413,
      unsupported_media_type: 415,
      idempotency_key_reused: 422,
      slot_closed: 422,
      unknown_sku: 422,
      server_error: 500,
    });
  });

  it("has a Chinese and an English message for every code", () => {
    for (const code of Object.keys(API_ERROR_STATUS) as (keyof typeof API_ERROR_STATUS)[]) {
      const zhText = apiError(zh, code, {}, { params: { scope: "orders:read", allow: "GET", limit: 64, id: "x" } }).text;
      const enText = apiError(en, code, {}, { params: { scope: "orders:read", allow: "GET", limit: 64, id: "x" } }).text;
      expect(zhText, code).toMatch(/[\u4e00-\u9fff]/);
      expect(enText, code).not.toMatch(/\{\w+\}|^api\./);
    }
  });

  it("names fields by their zod path, dotted, one message per field", () => {
    const parsed = OrderCreateSchema.safeParse(
      { deliveryPoint: "nope", lines: [{ sku: "A", quantity: 2 }, { sku: "B", quantity: -1, price: 3 }, { sku: "", quantity: 1.5 }] },
      { reportInput: true },
    );
    expect(parsed.success).toBe(false);
    const fields = zodFields(parsed.error!.issues, en);
    expect(fields).toEqual({
      deliveryPoint: "Invalid format",
      slot: "Required",
      "lines.1.quantity": "Must be at least 1",
      "lines.1.price": "Unknown field",
      "lines.2.sku": "At least 1 characters",
      "lines.2.quantity": "Must be a whole number",
    });
    expect(invalidRequest(parsed.error!.issues, en).body()).toEqual({ error: { code: "invalid_request", message: "The request is invalid; see the fields", fields } });
  });

  it("reports absurd numbers and wrong types on their field", () => {
    const r = OrderCreateSchema.safeParse({ deliveryPoint: crypto.randomUUID(), slot: crypto.randomUUID(), lines: [{ sku: "A", quantity: 1e12 }, { sku: 7, quantity: "3" }] }, { reportInput: true });
    expect(zodFields(r.error!.issues, en)).toEqual({ "lines.0.quantity": "Must be at most 100000", "lines.1.sku": "Wrong type: expected string", "lines.1.quantity": "Wrong type: expected number" });
    expect(zodFields(r.error!.issues, zh)["lines.0.quantity"]).toBe("不能大于 100000");
  });

  it("calls the whole body 'body' and a missing array 'Required'", () => {
    const r = OrderCreateSchema.safeParse([], { reportInput: true });
    expect(zodFields(r.error!.issues, en)).toEqual({ body: "Wrong type: expected object" });
    expect(fieldPath(["lines", 0, "sku"])).toBe("lines.0.sku");
    const empty = OrderCreateSchema.safeParse({ deliveryPoint: crypto.randomUUID(), slot: crypto.randomUUID(), lines: [] }, { reportInput: true });
    expect(zodFields(empty.error!.issues, en)).toEqual({ lines: "At least 1 items" });
  });

  it("refuses control characters in text", () => {
    const r = z.object({ note: OrderCreateSchema.shape.note }).safeParse({ note: "a\u0000b" }, { reportInput: true });
    expect(zodFields(r.error!.issues, en)).toEqual({ note: "Invalid format" });
  });
});
