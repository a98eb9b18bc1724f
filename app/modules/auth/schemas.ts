import { z } from "zod";
import type { MessageKey } from "~/utils/i18n/messages";
import { normalizePhone } from "./phone";

// Issue messages are catalogue keys so the same schema yields Chinese or English errors on server and client.
const msg = (key: MessageKey) => ({ message: key });

const phoneField = z
  .string(msg("validation.required"))
  .trim()
  .min(1, msg("validation.required"))
  .transform((value, ctx) => {
    const phone = normalizePhone(value);
    if (!phone) {
      ctx.addIssue({ code: "custom", message: "validation.phone" satisfies MessageKey });
      return z.NEVER;
    }
    return phone;
  });

const text = (max: number) => z.string(msg("validation.required")).trim().min(1, msg("validation.required")).max(max, msg("validation.tooLong"));

/** The sign-in form. */
export const loginSchema = z.object({
  phone: phoneField,
  password: z.string(msg("validation.required")).min(1, msg("validation.required")).max(128, msg("validation.passwordLong")),
});
export type LoginInput = z.infer<typeof loginSchema>;

/** Organization kinds open to self-registration (the platform organization is created by the seed). */
export const REGISTRABLE_KINDS = ["cooperative", "snack_supplier", "wholesale_market", "canteen", "community_group"] as const;
export type RegistrableKind = (typeof REGISTRABLE_KINDS)[number];

/** Cooperatives and snack suppliers sell; markets, canteens and community groups buy. */
export function roleForKind(kind: RegistrableKind): "seller" | "buyer" {
  return kind === "cooperative" || kind === "snack_supplier" ? "seller" : "buyer";
}

/** The registration form: a new organization and its first user. */
export const registerSchema = z
  .object({
    kind: z.enum(REGISTRABLE_KINDS, msg("validation.orgKind")),
    orgName: text(100),
    county: text(40),
    address: text(200),
    displayName: text(40),
    phone: phoneField,
    password: z.string(msg("validation.required")).min(1, msg("validation.required")).min(8, msg("validation.passwordShort")).max(128, msg("validation.passwordLong")),
    passwordConfirm: z.string(msg("validation.required")).min(1, msg("validation.required")),
  })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], message: "validation.passwordMismatch" satisfies MessageKey });
export type RegisterInput = z.infer<typeof registerSchema>;
