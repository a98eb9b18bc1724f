// zod/mini: the same validation as classic zod at a fraction of the browser bundle, which matters on
// farmers' phones because these schemas also run client-side before the form is sent.
import * as z from "zod/mini";
import type { MessageKey } from "~/utils/i18n/messages";
import { normalizePhone } from "./phone";

// Issue messages are catalogue keys so the same schema yields Chinese or English errors on server and client.
const msg = (key: MessageKey) => ({ message: key });

const required = () => z.string(msg("validation.required")).check(z.trim(), z.minLength(1, msg("validation.required")));

const phoneField = z.pipe(
  required(),
  z.transform((value: string, ctx) => {
    const phone = normalizePhone(value);
    if (!phone) {
      ctx.issues.push({ code: "custom", message: "validation.phone" satisfies MessageKey, input: value });
      return z.NEVER;
    }
    return phone;
  }),
);

const text = (max: number) => required().check(z.maxLength(max, msg("validation.tooLong")));

/** The sign-in form. */
export const loginSchema = z.object({
  phone: phoneField,
  password: z.string(msg("validation.required")).check(z.minLength(1, msg("validation.required")), z.maxLength(128, msg("validation.passwordLong"))),
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
    password: z
      .string(msg("validation.required"))
      .check(z.minLength(1, msg("validation.required")), z.minLength(8, msg("validation.passwordShort")), z.maxLength(128, msg("validation.passwordLong"))),
    passwordConfirm: z.string(msg("validation.required")).check(z.minLength(1, msg("validation.required"))),
  })
  .check(z.refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], message: "validation.passwordMismatch" satisfies MessageKey }));
export type RegisterInput = z.infer<typeof registerSchema>;
