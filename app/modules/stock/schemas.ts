// zod/mini: these schemas also run in the browser (see app/utils/use-client-validation.ts).
import * as z from "zod/mini";
import type { MessageKey } from "~/utils/i18n/messages";
import { MANUAL_REASONS, MAX_MOVEMENT } from "./balance";

const msg = (key: MessageKey) => ({ message: key });

const FULL_WIDTH_DIGIT = /[\uff10-\uff19]/g;

/**
 * A whole number of packs as people type it: digits, optionally full-width (Chinese input methods)
 * or grouped by thousands ("1,200" / "1，200"); null for anything else (signs, decimals, exponents).
 */
export function parseWholeNumber(raw: string): number | null {
  const text = raw.replace(FULL_WIDTH_DIGIT, (d) => String(d.charCodeAt(0) - 0xff10)).replace(/\s+/g, "");
  if (!/^(\d+|\d{1,3}([,，]\d{3})+)$/.test(text)) return null;
  const n = Number(text.replace(/[,，]/g, ""));
  return Number.isSafeInteger(n) ? n : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const wholeNumber = z.pipe(
  z.string(msg("stock.error.quantity")).check(z.trim(), z.minLength(1, msg("stock.error.quantity"))),
  z.transform((value: string, ctx) => {
    const n = parseWholeNumber(value);
    if (n === null) {
      ctx.issues.push({ code: "custom", message: "stock.error.quantity" satisfies MessageKey, input: value });
      return z.NEVER;
    }
    return n;
  }),
);

/** The seller's adjustment form: which pack, why (到货入库 / 盘点 / 损耗), how many, and a note. */
export const adjustStockSchema = z
  .object({
    variantId: z.string(msg("stock.error.pack")).check(z.regex(UUID, msg("stock.error.pack"))),
    reason: z.enum(MANUAL_REASONS, msg("stock.error.reason")),
    quantity: wholeNumber,
    note: z.optional(z.string().check(z.trim(), z.maxLength(200, msg("validation.tooLong")))),
  })
  .check(
    // A count may be zero (everything gone); packs received or spoiled are at least one.
    z.refine((v) => v.reason === "counted" || v.quantity >= 1, { path: ["quantity"], message: "stock.error.quantityPositive" satisfies MessageKey }),
    z.refine((v) => v.quantity <= MAX_MOVEMENT, { path: ["quantity"], message: "stock.error.tooMany" satisfies MessageKey }),
  );
export type AdjustStockInput = z.infer<typeof adjustStockSchema>;
