/**
 * What administrators do to organizations and users: review a seller (approve, or reject with a reason),
 * suspend or unsuspend an organization (its memberships then grant no roles, see findSessionUser, and its
 * products leave the catalogue), suspend or reactivate a user (inactive users cannot sign in; suspending ends
 * their sessions). Callers check the permission (manage:organizations, manage:users); the rules about *which*
 * records may be touched live here. Every change is logged with the administrator's id.
 */
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { OrgKind, Role, VerificationStatus } from "~/generated/prisma/enums";
import { deleteUserSessions } from "~/modules/auth/session.server";
import type { MessageKey } from "~/utils/i18n/messages";
import { logger } from "~/utils/logger.server";
import { sellerSearchChanged } from "~/modules/search/freshness.server";
import { getSellerProfile, type SellerProfile } from "./profile.server";
import { isSellerKind } from "./status";
import { parseUscc } from "./licences";

type Db = PrismaClient;
type Client = Prisma.TransactionClient;

export type AdminActionResult = { kind: "ok" } | { kind: "not_found" } | { kind: "forbidden" } | { kind: "invalid"; error: MessageKey };

/** True when the actor belongs to the organization (no one reviews or suspends their own). */
async function isMember(db: Client, userId: string, organizationId: string): Promise<boolean> {
  return (await db.membership.count({ where: { userId, organizationId } })) > 0;
}

async function lockOrganization(db: Client, organizationId: string) {
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT id FROM organizations WHERE id = ${organizationId}::uuid FOR UPDATE`;
  return rows.length > 0;
}

interface ReviewInput {
  organizationId: string;
  reviewerId: string;
  now?: Date;
}

/**
 * Approves a seller: it becomes verified and its active listings reach the catalogue. The business licence
 * number must be present and valid; an already verified organization is left alone (invalid).
 */
export async function approveOrganization(db: Db, input: ReviewInput & { note?: string }): Promise<AdminActionResult> {
  const now = input.now ?? new Date();
  const result = await db.$transaction(async (tx): Promise<AdminActionResult> => {
    if (!(await lockOrganization(tx, input.organizationId))) return { kind: "not_found" };
    if (await isMember(tx, input.reviewerId, input.organizationId)) return { kind: "forbidden" };
    const org = await tx.organization.findUniqueOrThrow({ where: { id: input.organizationId }, select: { kind: true, verificationStatus: true, businessLicenceNo: true } });
    if (!isSellerKind(org.kind)) return { kind: "invalid", error: "adminReview.notSeller" };
    if (org.verificationStatus === "verified") return { kind: "invalid", error: "adminReview.alreadyVerified" };
    if (!org.businessLicenceNo || !parseUscc(org.businessLicenceNo).ok) return { kind: "invalid", error: "adminReview.licenceMissing" };
    await tx.organization.update({
      where: { id: input.organizationId },
      data: { verificationStatus: "verified", reviewedAt: now, reviewedById: input.reviewerId, reviewNote: input.note?.trim() ?? "" },
      select: { id: true },
    });
    // Its active listings become searchable with the approval.
    await sellerSearchChanged(tx, input.organizationId);
    return { kind: "ok" };
  });
  if (result.kind === "ok") logger.info({ organizationId: input.organizationId, reviewerId: input.reviewerId }, "seller approved");
  return result;
}

/** Rejects a seller with a reason the seller will read; a rejected organization stays rejected until it submits again. */
export async function rejectOrganization(db: Db, input: ReviewInput & { reason: string }): Promise<AdminActionResult> {
  const now = input.now ?? new Date();
  const reason = input.reason.trim();
  if (!reason) return { kind: "invalid", error: "adminReview.reasonRequired" };
  const result = await db.$transaction(async (tx): Promise<AdminActionResult> => {
    if (!(await lockOrganization(tx, input.organizationId))) return { kind: "not_found" };
    if (await isMember(tx, input.reviewerId, input.organizationId)) return { kind: "forbidden" };
    const org = await tx.organization.findUniqueOrThrow({ where: { id: input.organizationId }, select: { kind: true, verificationStatus: true } });
    if (!isSellerKind(org.kind)) return { kind: "invalid", error: "adminReview.notSeller" };
    if (org.verificationStatus === "rejected") return { kind: "invalid", error: "adminReview.alreadyRejected" };
    await tx.organization.update({
      where: { id: input.organizationId },
      data: { verificationStatus: "rejected", reviewedAt: now, reviewedById: input.reviewerId, reviewNote: reason },
      select: { id: true },
    });
    await sellerSearchChanged(tx, input.organizationId);
    return { kind: "ok" };
  });
  if (result.kind === "ok") logger.info({ organizationId: input.organizationId, reviewerId: input.reviewerId, reason }, "seller rejected");
  return result;
}

/**
 * Suspends an organization with a reason: its members keep their accounts but the membership grants nothing,
 * and its products leave the catalogue. The platform's own organizations (and the actor's) cannot be suspended:
 * that would lock the administrators out.
 */
export async function suspendOrganization(db: Db, input: { organizationId: string; actorId: string; reason: string; now?: Date }): Promise<AdminActionResult> {
  const now = input.now ?? new Date();
  const reason = input.reason.trim();
  if (!reason) return { kind: "invalid", error: "adminReview.reasonRequired" };
  const result = await db.$transaction(async (tx): Promise<AdminActionResult> => {
    if (!(await lockOrganization(tx, input.organizationId))) return { kind: "not_found" };
    if (await isMember(tx, input.actorId, input.organizationId)) return { kind: "forbidden" };
    const org = await tx.organization.findUniqueOrThrow({ where: { id: input.organizationId }, select: { kind: true, suspendedAt: true } });
    if (org.kind === "platform") return { kind: "invalid", error: "adminReview.cannotSuspendPlatform" };
    if (org.suspendedAt) return { kind: "invalid", error: "adminReview.alreadySuspended" };
    await tx.organization.update({ where: { id: input.organizationId }, data: { suspendedAt: now, suspensionReason: reason }, select: { id: true } });
    // Its products leave search with the suspension.
    await sellerSearchChanged(tx, input.organizationId);
    return { kind: "ok" };
  });
  if (result.kind === "ok") logger.warn({ organizationId: input.organizationId, actorId: input.actorId, reason }, "organization suspended");
  return result;
}

/** Lifts a suspension (the note goes to the log); the verification status is what it was before. */
export async function unsuspendOrganization(db: Db, input: { organizationId: string; actorId: string; note?: string }): Promise<AdminActionResult> {
  const result = await db.$transaction(async (tx): Promise<AdminActionResult> => {
    if (!(await lockOrganization(tx, input.organizationId))) return { kind: "not_found" };
    if (await isMember(tx, input.actorId, input.organizationId)) return { kind: "forbidden" };
    const org = await tx.organization.findUniqueOrThrow({ where: { id: input.organizationId }, select: { suspendedAt: true } });
    if (!org.suspendedAt) return { kind: "invalid", error: "adminReview.notSuspended" };
    await tx.organization.update({ where: { id: input.organizationId }, data: { suspendedAt: null, suspensionReason: "" }, select: { id: true } });
    await sellerSearchChanged(tx, input.organizationId);
    return { kind: "ok" };
  });
  if (result.kind === "ok") logger.info({ organizationId: input.organizationId, actorId: input.actorId, note: input.note ?? "" }, "organization unsuspended");
  return result;
}

/** Suspends a user: User.active = false and every session of theirs ends now. Administrators cannot suspend themselves. */
export async function suspendUser(db: Db, input: { userId: string; actorId: string }): Promise<AdminActionResult & { sessionsEnded?: number }> {
  if (input.userId === input.actorId) return { kind: "invalid", error: "adminReview.cannotSuspendSelf" };
  const updated = await db.user.updateMany({ where: { id: input.userId }, data: { active: false } });
  if (updated.count === 0) return { kind: "not_found" };
  // After the flag: a request racing this one finds either no session or an inactive user.
  const sessionsEnded = await deleteUserSessions(db, input.userId);
  logger.warn({ userId: input.userId, actorId: input.actorId, sessionsEnded }, "user suspended");
  return { kind: "ok", sessionsEnded };
}

/** Lets a suspended user sign in again. */
export async function reactivateUser(db: Db, input: { userId: string; actorId: string }): Promise<AdminActionResult> {
  const updated = await db.user.updateMany({ where: { id: input.userId }, data: { active: true } });
  if (updated.count === 0) return { kind: "not_found" };
  logger.info({ userId: input.userId, actorId: input.actorId }, "user reactivated");
  return { kind: "ok" };
}

export interface ReviewMember {
  userId: string;
  displayName: string;
  phone: string;
  role: Role;
  active: boolean;
  createdAt: Date;
}

export interface OrganizationReview {
  profile: SellerProfile;
  kind: OrgKind;
  createdAt: Date;
  members: ReviewMember[];
  reviewer: { id: string; displayName: string } | null;
  verificationStatus: VerificationStatus;
  /** Products the organization lists (any status), for context. */
  productCount: number;
}

/** Everything the review page shows about one organization; null when there is none. */
export async function getOrganizationReview(db: Db, organizationId: string): Promise<OrganizationReview | null> {
  const profile = await getSellerProfile(db, organizationId);
  if (!profile) return null;
  const [org, memberships, productCount] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { kind: true, createdAt: true, reviewedById: true, verificationStatus: true } }),
    db.membership.findMany({
      where: { organizationId },
      select: { role: true, createdAt: true, user: { select: { id: true, displayName: true, phone: true, active: true } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    db.product.count({ where: { sellerId: organizationId } }),
  ]);
  const reviewer = org.reviewedById ? await db.user.findUnique({ where: { id: org.reviewedById }, select: { id: true, displayName: true } }) : null;
  return {
    profile,
    kind: org.kind,
    createdAt: org.createdAt,
    verificationStatus: org.verificationStatus,
    reviewer,
    productCount,
    members: memberships.map((m) => ({ userId: m.user.id, displayName: m.user.displayName, phone: m.user.phone, active: m.user.active, role: m.role, createdAt: m.createdAt })),
  };
}

/** True when the user is a member of the organization (user actions on the review page must name one of its members). */
export function isOrganizationMember(db: Db, userId: string, organizationId: string): Promise<boolean> {
  return isMember(db, userId, organizationId);
}
