/**
 * Verification rules of a seller organization (pure): where it stands, what it still needs before it can ask
 * for review, and what an edit does to a verified seller.
 */
import type { OrgFileKind, OrgKind, VerificationStatus } from "~/generated/prisma/enums";
import type { MessageKey } from "~/utils/i18n/messages";
import { normalizeContactPhone } from "./contact";
import { parseFoodLicence, parseUscc } from "./licences";

/** Organization kinds that sell and so need review (buyers and the platform do not). */
export const SELLER_KINDS: readonly OrgKind[] = ["cooperative", "snack_supplier"];

export function isSellerKind(kind: OrgKind): boolean {
  return SELLER_KINDS.includes(kind);
}

/**
 * What the seller and the admin see: "incomplete" (pending, never submitted), "submitted" (pending, waiting
 * for an admin: 待审核), "verified", "rejected" (with the admin's reason) or "suspended" (whatever the review said).
 */
export type VerificationState = "incomplete" | "submitted" | "verified" | "rejected" | "suspended";

/** Every state, in the order the admin's filter lists them (the review queue first). */
export const VERIFICATION_STATES: readonly VerificationState[] = ["submitted", "incomplete", "verified", "rejected", "suspended"];

export function verificationState(org: { verificationStatus: VerificationStatus; submittedAt: Date | string | null; suspendedAt: Date | string | null }): VerificationState {
  if (org.suspendedAt) return "suspended";
  if (org.verificationStatus === "verified") return "verified";
  if (org.verificationStatus === "rejected") return "rejected";
  return org.submittedAt ? "submitted" : "incomplete";
}

export interface ReviewFacts {
  name: string;
  county: string;
  address: string;
  contactName: string;
  contactPhone: string;
  businessLicenceNo: string | null;
  foodLicenceNo: string | null;
  files: readonly { kind: OrgFileKind }[];
}

/** Field (or `businessLicenceFile`) → what is missing or wrong before the profile can be submitted; empty when complete. */
export function reviewBlockers(p: ReviewFacts): Partial<Record<string, MessageKey>> {
  const blockers: Partial<Record<string, MessageKey>> = {};
  if (!p.name.trim()) blockers.name = "validation.required";
  if (!p.county.trim()) blockers.county = "validation.required";
  if (!p.address.trim()) blockers.address = "validation.required";
  if (!p.contactName.trim()) blockers.contactName = "onboarding.submit.needContactName";
  if (!p.contactPhone.trim()) blockers.contactPhone = "onboarding.submit.needContactPhone";
  else if (!normalizeContactPhone(p.contactPhone)) blockers.contactPhone = "onboarding.contactPhone.invalid";
  if (!p.businessLicenceNo) blockers.businessLicenceNo = "onboarding.submit.needBusinessLicence";
  else {
    const r = parseUscc(p.businessLicenceNo);
    if (!r.ok) blockers.businessLicenceNo = r.error;
  }
  if (p.foodLicenceNo) {
    const r = parseFoodLicence(p.foodLicenceNo);
    if (!r.ok) blockers.foodLicenceNo = r.error;
  }
  if (!p.files.some((f) => f.kind === "business_licence")) blockers.businessLicenceFile = "onboarding.submit.needLicenceImage";
  // A food licence number with no picture of it cannot be checked.
  if (p.foodLicenceNo && !p.files.some((f) => f.kind === "food_licence")) blockers.foodLicenceFile = "onboarding.submit.needFoodLicenceImage";
  return blockers;
}

/** True when the licence numbers differ (after normalisation, which the form already applied). */
export function licencesChanged(
  before: { businessLicenceNo: string | null; foodLicenceNo: string | null },
  after: { businessLicenceNo: string | null; foodLicenceNo: string | null },
): boolean {
  return (before.businessLicenceNo ?? null) !== (after.businessLicenceNo ?? null) || (before.foodLicenceNo ?? null) !== (after.foodLicenceNo ?? null);
}

/** True for file kinds that are licence evidence: adding or removing one sends a verified seller back to review. */
export function isLicenceFile(kind: OrgFileKind): boolean {
  return kind === "business_licence" || kind === "food_licence";
}

/**
 * The verification columns after a seller changed its licence evidence (numbers or images). A verified seller
 * goes back to pending — its listings leave the catalogue until an admin looks again — and, when the profile is
 * still complete, straight into the review queue (submittedAt = now) so the farmer need not ask twice.
 * Pending and rejected sellers are unchanged: they submit when ready. The earlier review stays on record.
 */
export function resetAfterLicenceChange(
  status: VerificationStatus,
  complete: boolean,
  now: Date,
): { verificationStatus: "pending"; submittedAt: Date | null; reviewNote: string } | null {
  return status === "verified" ? { verificationStatus: "pending", submittedAt: complete ? now : null, reviewNote: "" } : null;
}
