/**
 * A seller organization's own profile: what buyers will see (name, place, contact, description) and what the
 * platform reviews (licence numbers and images). Callers have already checked that the user may act for the
 * organization (see sellerOrganizationIds); the functions here take its id.
 */
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { OrgFileKind, OrgKind, VerificationStatus } from "~/generated/prisma/enums";
import { sellerSearchChanged } from "~/modules/search/freshness.server";
import type { MessageKey } from "~/utils/i18n/messages";
import { locationWarnings, type LocationWarning } from "./location";
import type { ProfileInput } from "./schemas";
import { licencesChanged, resetAfterLicenceChange, reviewBlockers, verificationState, type VerificationState } from "./status";

type Db = PrismaClient;
type Tx = Prisma.TransactionClient;

export interface OrgFileRow {
  id: string;
  kind: OrgFileKind;
  contentType: string;
  byteSize: number;
  width: number | null;
  height: number | null;
  createdAt: Date;
}

export interface SellerProfile {
  id: string;
  kind: OrgKind;
  name: string;
  nameEn: string | null;
  county: string;
  address: string;
  lat: number | null;
  lng: number | null;
  contactName: string;
  contactPhone: string;
  businessLicenceNo: string | null;
  foodLicenceNo: string | null;
  descriptionZh: string;
  descriptionEn: string;
  verificationStatus: VerificationStatus;
  submittedAt: Date | null;
  reviewedAt: Date | null;
  reviewNote: string;
  suspendedAt: Date | null;
  suspensionReason: string;
  files: OrgFileRow[];
  state: VerificationState;
  /** What is still missing before the profile can be submitted (field → catalogue key); empty when complete. */
  blockers: Partial<Record<string, MessageKey>>;
  warnings: LocationWarning[];
}

export const ORG_FILE_SELECT = { id: true, kind: true, contentType: true, byteSize: true, width: true, height: true, createdAt: true } as const;

export const PROFILE_SELECT = {
  id: true,
  kind: true,
  name: true,
  nameEn: true,
  county: true,
  address: true,
  lat: true,
  lng: true,
  contactName: true,
  contactPhone: true,
  businessLicenceNo: true,
  foodLicenceNo: true,
  descriptionZh: true,
  descriptionEn: true,
  verificationStatus: true,
  submittedAt: true,
  reviewedAt: true,
  reviewNote: true,
  suspendedAt: true,
  suspensionReason: true,
  files: { select: ORG_FILE_SELECT, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
} satisfies Prisma.OrganizationSelect;

type ProfileRow = Omit<SellerProfile, "state" | "blockers" | "warnings">;

function withRules(row: ProfileRow): SellerProfile {
  return {
    ...row,
    state: verificationState(row),
    blockers: reviewBlockers(row),
    warnings: locationWarnings(row.county, row.lat !== null && row.lng !== null ? { lat: row.lat, lng: row.lng } : null),
  };
}

/** The organization's profile with its files, state and what it still lacks; null when there is none. */
export async function getSellerProfile(db: Db | Tx, organizationId: string): Promise<SellerProfile | null> {
  const row = await db.organization.findUnique({ where: { id: organizationId }, select: PROFILE_SELECT });
  return row ? withRules(row) : null;
}

/**
 * Re-reads the profile inside a transaction and, if a verified seller's licence evidence changed, sends it back
 * to pending (see resetAfterLicenceChange). Returns whether it did.
 */
export async function resetVerificationIfVerified(tx: Tx, organizationId: string, now: Date): Promise<boolean> {
  const current = await getSellerProfile(tx, organizationId);
  if (!current) return false;
  const reset = resetAfterLicenceChange(current.verificationStatus, Object.keys(current.blockers).length === 0, now);
  if (!reset) return false;
  await tx.organization.update({ where: { id: organizationId }, data: reset, select: { id: true } });
  // Back to pending: its listings leave search until an admin approves again.
  await sellerSearchChanged(tx, organizationId);
  return true;
}

export type UpdateProfileResult = { kind: "ok"; profile: SellerProfile; verificationReset: boolean } | { kind: "not_found" };

/**
 * Saves the profile form. Changing a licence number of a verified seller sends it back to pending (its listings
 * leave the catalogue until an admin checks the new numbers). The row is locked so two saves cannot both miss
 * the change.
 */
export async function updateSellerProfile(db: Db, organizationId: string, input: ProfileInput, now: Date = new Date()): Promise<UpdateProfileResult> {
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM organizations WHERE id = ${organizationId}::uuid FOR UPDATE`;
    if (locked.length === 0) return { kind: "not_found" as const };
    const before = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { name: true, nameEn: true, businessLicenceNo: true, foodLicenceNo: true } });
    await tx.organization.update({
      where: { id: organizationId },
      data: {
        name: input.name,
        nameEn: input.nameEn,
        county: input.county,
        address: input.address,
        lat: input.lat,
        lng: input.lng,
        contactName: input.contactName,
        contactPhone: input.contactPhone,
        businessLicenceNo: input.businessLicenceNo,
        foodLicenceNo: input.foodLicenceNo,
        descriptionZh: input.descriptionZh,
        descriptionEn: input.descriptionEn,
      },
      select: { id: true },
    });
    const verificationReset = licencesChanged(before, input) ? await resetVerificationIfVerified(tx, organizationId, now) : false;
    // Products are found by their seller's names too.
    if (!verificationReset && (before.name !== input.name || (before.nameEn ?? "") !== (input.nameEn ?? ""))) await sellerSearchChanged(tx, organizationId);
    const profile = await getSellerProfile(tx, organizationId);
    return { kind: "ok" as const, profile: profile!, verificationReset };
  });
}

export type SubmitResult =
  | { kind: "ok"; profile: SellerProfile }
  | { kind: "incomplete"; blockers: Partial<Record<string, MessageKey>> }
  | { kind: "not_allowed"; state: VerificationState }
  | { kind: "not_found" };

/**
 * Asks for review: allowed for an incomplete or rejected seller whose profile, business licence number and
 * licence image are complete (otherwise the missing fields come back); sets submittedAt. Submitting again while
 * waiting changes nothing; a verified or suspended organization has nothing to submit.
 */
export async function submitForReview(db: Db, organizationId: string, now: Date = new Date()): Promise<SubmitResult> {
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM organizations WHERE id = ${organizationId}::uuid FOR UPDATE`;
    if (locked.length === 0) return { kind: "not_found" as const };
    const profile = (await getSellerProfile(tx, organizationId))!;
    if (profile.state === "verified" || profile.state === "suspended") return { kind: "not_allowed" as const, state: profile.state };
    if (Object.keys(profile.blockers).length > 0) return { kind: "incomplete" as const, blockers: profile.blockers };
    if (profile.state === "submitted") return { kind: "ok" as const, profile };
    await tx.organization.update({ where: { id: organizationId }, data: { verificationStatus: "pending", submittedAt: now }, select: { id: true } });
    return { kind: "ok" as const, profile: (await getSellerProfile(tx, organizationId))! };
  });
}

/** Seller organizations of the user that are suspended (their memberships grant no roles, but the page still says why). */
export async function suspendedSellerOrganizations(db: Db, userId: string): Promise<{ id: string; name: string; suspendedAt: Date; suspensionReason: string }[]> {
  const rows = await db.membership.findMany({
    where: { userId, role: "seller", organization: { suspendedAt: { not: null } } },
    select: { organization: { select: { id: true, name: true, suspendedAt: true, suspensionReason: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({ ...r.organization, suspendedAt: r.organization.suspendedAt! }));
}
