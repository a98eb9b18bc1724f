// zod/mini: small enough for the browser too. Form schemas of the cart, checkout and order pages.
import * as z from "zod/mini";
import type { MessageKey } from "~/utils/i18n/messages";

const msg = (key: MessageKey) => ({ message: key });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = (key: MessageKey) => z.string(msg(key)).check(z.regex(UUID, msg(key)));

/** Longest note on an order (the workflow's MAX_NOTE_LENGTH). */
export const NOTE_MAX = 500;
/** Most lines a checkout form carries (the workflow's MAX_ORDER_LINES). */
export const LINES_MAX = 200;

/** A quantity as typed; the pack's rules are checked by orders/quantities (the field error names them). */
const quantityText = z.string(msg("checkout.qty.not_integer")).check(z.maxLength(20, msg("checkout.qty.too_large")));

export const addToCartSchema = z.object({
  variantId: uuid("checkout.add.unavailable"),
  quantity: quantityText,
  returnTo: z.optional(z.string()),
});

export const setQuantitySchema = z.object({ lineId: uuid("checkout.error.stale"), quantity: quantityText });
export const removeLineSchema = z.object({ lineId: uuid("checkout.error.stale") });

/** The lines a checkout page rendered: "variantId:quantity", comma-separated. */
export function parseCheckoutLines(text: string): { variantId: string; quantity: number }[] | null {
  if (text.length === 0 || text.length > LINES_MAX * 50) return null;
  const out: { variantId: string; quantity: number }[] = [];
  for (const part of text.split(",")) {
    const m = /^([0-9a-f-]{36}):(\d{1,7})$/i.exec(part.trim());
    if (!m || !UUID.test(m[1]!)) return null;
    out.push({ variantId: m[1]!.toLowerCase(), quantity: Number(m[2]) });
  }
  return out.length <= LINES_MAX ? out : null;
}

/** Serialises lines for the checkout form's hidden field (parseCheckoutLines reads it back). */
export function formatCheckoutLines(lines: readonly { variantId: string; quantity: number }[]): string {
  return lines.map((l) => `${l.variantId}:${l.quantity}`).join(",");
}

export const checkoutSchema = z.object({
  deliveryPointId: uuid("checkout.error.delivery_point_invalid"),
  slotId: uuid("checkout.error.slot_closed"),
  note: z.optional(z.string().check(z.maxLength(NOTE_MAX, msg("validation.tooLong")))),
  idempotencyKey: z.string(msg("checkout.error.stale")).check(z.regex(/^[A-Za-z0-9_-]{8,100}$/, msg("checkout.error.stale"))),
  lines: z.pipe(
    z.string(msg("checkout.error.stale")),
    z.transform((value: string, ctx) => {
      const lines = parseCheckoutLines(value);
      if (!lines) {
        ctx.issues.push({ code: "custom", message: "checkout.error.stale" satisfies MessageKey, input: value });
        return z.NEVER;
      }
      return lines;
    }),
  ),
  confirmPrices: z.optional(z.string()),
});

export const cancelOrderSchema = z.object({ reason: z.optional(z.string().check(z.maxLength(NOTE_MAX, msg("validation.tooLong")))) });
