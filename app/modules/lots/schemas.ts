// The lot form's validation, in zod/mini because it also runs in the browser before the form is sent
// (see app/utils/use-client-validation.ts). Issue messages are catalogue keys.
import * as z from "zod/mini";
import type { MessageKey } from "~/utils/i18n/messages";
import {
  CERTIFICATE_KINDS,
  CERTIFICATE_NUMBER,
  certificateField,
  certificatesFromNumbers,
  checkLotDates,
  isDay,
  isLotCode,
  MAX_LOT_QUANTITY,
  normalizeLotCode,
  type CertificateKind,
  type Day,
} from "./rules";

const text = z.optional(z.string());

const shape = {
  variantId: text,
  code: text,
  producedOn: text,
  expiresOn: text,
  originBase: text,
  originPlot: text,
  inspection: text,
  quantity: text,
  ...(Object.fromEntries(CERTIFICATE_KINDS.map((k) => [certificateField(k), text])) as Record<`cert_${CertificateKind}`, typeof text>),
};

/** What a valid lot form gives. */
export interface LotFormData {
  /** Only on the new-lot form. */
  variantId?: string;
  /** Normalized; "" when left empty (the server then assigns the suggested code). */
  code: string;
  producedOn: Day;
  /** null when left empty: the product's shelf life decides (defaultExpiry). */
  expiresOn: Day | null;
  originBase: string;
  originPlot: string;
  inspection: string;
  quantity: number | null;
  certificates: { kind: CertificateKind; number: string }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIMITS = { originBase: 100, originPlot: 100, inspection: 200 } as const;

/**
 * The new-lot form (`requireVariant`) or the edit form. `today` is the Beijing-time day the dates are
 * checked against (a production day may not be in the future).
 */
export function lotFormSchema(options: { today: Day; requireVariant: boolean }) {
  return z.pipe(
    z.object(shape),
    z.transform((v, ctx): LotFormData => {
      const fail = (field: string, key: MessageKey) => ctx.issues.push({ code: "custom", message: key, input: v[field as keyof typeof v], path: [field] });
      const clean = (s: string | undefined) => (s ?? "").trim();

      const variantId = clean(v.variantId);
      if (options.requireVariant && !variantId) fail("variantId", "lots.error.variantRequired");
      else if (options.requireVariant && !UUID.test(variantId)) fail("variantId", "lots.error.variantRequired");

      const code = normalizeLotCode(v.code ?? "");
      if (code && !isLotCode(code)) fail("code", "lots.error.code");

      const producedOn = clean(v.producedOn);
      const expiresRaw = clean(v.expiresOn);
      if (!producedOn) fail("producedOn", "validation.required");
      else {
        // With no expiry typed, only the production day is checked here; the server adds the shelf life.
        const problem = checkLotDates(producedOn, expiresRaw || "9999-12-31", options.today);
        if (problem && (expiresRaw || problem.field === "producedOn")) fail(problem.field, problem.key);
      }
      if (!producedOn && expiresRaw && !isDay(expiresRaw)) fail("expiresOn", "lots.error.expiresInvalid");

      const strings = { originBase: clean(v.originBase), originPlot: clean(v.originPlot), inspection: clean(v.inspection) };
      for (const [field, max] of Object.entries(LIMITS)) if (strings[field as keyof typeof strings].length > max) fail(field, "validation.tooLong");

      const quantityRaw = clean(v.quantity).replace(/[,，\s]/g, "");
      let quantity: number | null = null;
      if (quantityRaw) {
        quantity = /^\d+$/.test(quantityRaw) ? Number(quantityRaw) : Number.NaN;
        if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > MAX_LOT_QUANTITY) fail("quantity", "lots.error.quantity");
      }

      const numbers: Partial<Record<CertificateKind, string>> = {};
      for (const kind of CERTIFICATE_KINDS) {
        const field = certificateField(kind);
        const number = clean(v[field]).replace(/\s+/g, " ");
        if (number && !CERTIFICATE_NUMBER.test(number)) fail(field, "lots.error.certificateNumber");
        numbers[kind] = number;
      }

      return {
        ...(options.requireVariant ? { variantId } : {}),
        code,
        producedOn: producedOn as Day,
        expiresOn: expiresRaw ? (expiresRaw as Day) : null,
        ...strings,
        quantity,
        certificates: certificatesFromNumbers(numbers),
      };
    }),
  );
}
