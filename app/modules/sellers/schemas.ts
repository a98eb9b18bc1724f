// zod/mini, because these schemas also run in the browser before a form is sent (see ~/utils/use-client-validation).
import * as z from "zod/mini";
import type { MessageKey } from "~/utils/i18n/messages";
import { normalizeContactPhone } from "./contact";
import { normalizeLicenceNo, parseFoodLicence, parseUscc } from "./licences";
import { parseCoordinates } from "./location";

const msg = (key: MessageKey) => ({ message: key });

const requiredText = (max: number) =>
  z.string(msg("validation.required")).check(z.trim(), z.minLength(1, msg("validation.required")), z.maxLength(max, msg("validation.tooLong")));
const optionalText = (max: number) => z._default(z.string().check(z.trim(), z.maxLength(max, msg("validation.tooLong"))), "");

/** An optional field whose non-empty value must pass `check` (which returns the catalogue key of what is wrong). */
const optionalChecked = (max: number, check: (value: string) => MessageKey | null) =>
  z._default(
    z.string().check(
      z.trim(),
      z.maxLength(max, msg("validation.tooLong")),
      z.superRefine((value, ctx) => {
        if (value === "") return;
        const error = check(value);
        if (error) ctx.issues.push({ code: "custom", message: error, input: value });
      }),
    ),
    "",
  );

/** The seller's profile form (any part may be saved incomplete; submitting for review asks for the rest). */
export const profileSchema = z.pipe(
  z
    .object({
      name: requiredText(100),
      nameEn: optionalText(100),
      county: requiredText(40),
      address: requiredText(200),
      lat: optionalText(40),
      lng: optionalText(40),
      contactName: optionalText(40),
      contactPhone: optionalChecked(40, (v) => (normalizeContactPhone(v) ? null : "onboarding.contactPhone.invalid")),
      businessLicenceNo: optionalChecked(40, (v) => {
        const r = parseUscc(v);
        return r.ok ? null : r.error;
      }),
      foodLicenceNo: optionalChecked(40, (v) => {
        const r = parseFoodLicence(v);
        return r.ok ? null : r.error;
      }),
      descriptionZh: optionalText(2000),
      descriptionEn: optionalText(2000),
    })
    .check(
      // Runs even when other fields failed, so every mistake shows at once.
      z.superRefine(
        (v, ctx) => {
          const lat = typeof v?.lat === "string" ? v.lat : "";
          const lng = typeof v?.lng === "string" ? v.lng : "";
          const r = parseCoordinates(lat, lng);
          if (r.ok) return;
          for (const [field, message] of Object.entries(r.errors)) ctx.issues.push({ code: "custom", path: [field], message, input: field === "lat" ? lat : lng });
        },
        { when: (payload) => typeof payload.value === "object" && payload.value !== null },
      ),
    ),
  z.transform((v) => {
    const point = parseCoordinates(v.lat, v.lng);
    const location = point.ok ? point.value : null;
    return {
      name: v.name,
      nameEn: v.nameEn === "" ? null : v.nameEn,
      county: v.county,
      address: v.address,
      lat: location?.lat ?? null,
      lng: location?.lng ?? null,
      contactName: v.contactName,
      contactPhone: v.contactPhone === "" ? "" : (normalizeContactPhone(v.contactPhone) ?? v.contactPhone),
      businessLicenceNo: v.businessLicenceNo === "" ? null : normalizeLicenceNo(v.businessLicenceNo),
      foodLicenceNo: v.foodLicenceNo === "" ? null : normalizeLicenceNo(v.foodLicenceNo),
      descriptionZh: v.descriptionZh,
      descriptionEn: v.descriptionEn,
    };
  }),
);
export type ProfileInput = z.output<typeof profileSchema>;

/** The profile fields of the form, in order (the names the form and its errors use). */
export const PROFILE_FIELDS = [
  "name",
  "nameEn",
  "county",
  "address",
  "lat",
  "lng",
  "contactName",
  "contactPhone",
  "businessLicenceNo",
  "foodLicenceNo",
  "descriptionZh",
  "descriptionEn",
] as const;

/** A reason an administrator gives (rejecting, suspending): required, at most 500 characters. */
export const reasonSchema = z.object({
  reason: z.string(msg("adminReview.reasonRequired")).check(z.trim(), z.minLength(1, msg("adminReview.reasonRequired")), z.maxLength(500, msg("validation.tooLong"))),
});

/** An optional note (approving, lifting a suspension). */
export const noteSchema = z.object({ reason: optionalText(500) });
