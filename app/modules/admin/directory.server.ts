import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { Locale, OrgKind, Role, VerificationStatus } from "~/generated/prisma/enums";
import { normalizeLicenceNo } from "~/modules/sellers/licences";
import { SELLER_KINDS, VERIFICATION_STATES, verificationState, type VerificationState } from "~/modules/sellers/status";
import { pageCount, type Page } from "~/utils/pagination";

export const ADMIN_PAGE_SIZE = 25;

const ORG_KINDS: readonly OrgKind[] = ["cooperative", "snack_supplier", "wholesale_market", "canteen", "community_group", "platform"];

export interface OrganizationFilters {
  /** Name (Chinese or English), licence number, county or contact phone. */
  q?: string;
  kind?: OrgKind;
  state?: VerificationState;
}

export interface UserFilters {
  /** Phone (any part of the digits) or name. */
  q?: string;
  active?: boolean;
}

/** Reads the organization list's query (?q=&kind=&state=); unknown values are ignored. */
export function parseOrganizationFilters(params: URLSearchParams): OrganizationFilters {
  const q = cleanQuery(params.get("q"));
  const kind = params.get("kind");
  const state = params.get("state");
  return {
    ...(q ? { q } : {}),
    ...(kind && (ORG_KINDS as readonly string[]).includes(kind) ? { kind: kind as OrgKind } : {}),
    ...(state && (VERIFICATION_STATES as readonly string[]).includes(state) ? { state: state as VerificationState } : {}),
  };
}

/** Reads the user list's query (?q=&status=active|disabled). */
export function parseUserFilters(params: URLSearchParams): UserFilters {
  const q = cleanQuery(params.get("q"));
  const status = params.get("status");
  return { ...(q ? { q } : {}), ...(status === "active" ? { active: true } : status === "disabled" ? { active: false } : {}) };
}

/** A search box value: NFKC, control characters dropped, trimmed, at most 100 characters; undefined when empty. */
export function cleanQuery(value: string | null | undefined): string | undefined {
  const q = (value ?? "")
    .normalize("NFKC")
    .replace(/[\u0000-\u001f\u007f\ufffd]/g, "")
    .trim()
    .slice(0, 100);
  return q === "" ? undefined : q;
}

function stateWhere(state: VerificationState): Prisma.OrganizationWhereInput {
  switch (state) {
    case "suspended":
      return { suspendedAt: { not: null } };
    case "submitted":
      return { suspendedAt: null, verificationStatus: "pending", submittedAt: { not: null } };
    case "incomplete":
      return { suspendedAt: null, verificationStatus: "pending", submittedAt: null };
    case "verified":
      return { suspendedAt: null, verificationStatus: "verified" };
    case "rejected":
      return { suspendedAt: null, verificationStatus: "rejected" };
  }
}

function organizationWhere(filters: OrganizationFilters): Prisma.OrganizationWhereInput {
  const and: Prisma.OrganizationWhereInput[] = [];
  if (filters.kind) and.push({ kind: filters.kind });
  if (filters.state) and.push(stateWhere(filters.state));
  if (filters.q) {
    const q = filters.q;
    const licence = normalizeLicenceNo(q);
    const digits = q.replace(/\D/g, "");
    and.push({
      OR: [
        { name: { contains: q, mode: "insensitive" } },
        { nameEn: { contains: q, mode: "insensitive" } },
        { county: { contains: q, mode: "insensitive" } },
        ...(licence.length >= 4 ? [{ businessLicenceNo: { contains: licence } }, { foodLicenceNo: { contains: licence } }] : []),
        ...(digits.length >= 4 && digits.length === q.replace(/[\s\-+]/g, "").length ? [{ contactPhone: { contains: digits } }] : []),
      ],
    });
  }
  return and.length > 0 ? { AND: and } : {};
}

/** Sellers waiting for a review (submitted, not suspended): the admin's queue. */
export const REVIEW_QUEUE_WHERE = {
  kind: { in: [...SELLER_KINDS] },
  verificationStatus: "pending",
  submittedAt: { not: null },
  suspendedAt: null,
} satisfies Prisma.OrganizationWhereInput;

/** How many sellers wait for review. */
export function pendingReviewCount(db: PrismaClient): Promise<number> {
  return db.organization.count({ where: REVIEW_QUEUE_WHERE });
}

export interface OrganizationRow {
  id: string;
  name: string;
  nameEn: string | null;
  kind: OrgKind;
  county: string;
  createdAt: Date;
  members: number;
  businessLicenceNo: string | null;
  verificationStatus: VerificationStatus;
  submittedAt: Date | null;
  suspendedAt: Date | null;
  state: VerificationState;
}

/**
 * Organizations matching the filters, one page: newest first (new sign-ups, junk included, on top), except the
 * review queue (state "submitted"), which lists the longest-waiting first.
 */
export async function listOrganizations(db: PrismaClient, page: number, filters: OrganizationFilters = {}): Promise<Page<OrganizationRow>> {
  const where = organizationWhere(filters);
  const total = await db.organization.count({ where });
  const pages = pageCount(total, ADMIN_PAGE_SIZE);
  const current = Math.min(page, pages);
  const orderBy: Prisma.OrganizationOrderByWithRelationInput[] =
    filters.state === "submitted" ? [{ submittedAt: "asc" }, { id: "asc" }] : [{ createdAt: "desc" }, { name: "asc" }, { id: "asc" }];
  const rows = await db.organization.findMany({
    where,
    select: {
      id: true,
      name: true,
      nameEn: true,
      kind: true,
      county: true,
      createdAt: true,
      businessLicenceNo: true,
      verificationStatus: true,
      submittedAt: true,
      suspendedAt: true,
      _count: { select: { memberships: true } },
    },
    orderBy,
    skip: (current - 1) * ADMIN_PAGE_SIZE,
    take: ADMIN_PAGE_SIZE,
  });
  return { items: rows.map(({ _count, ...o }) => ({ ...o, members: _count.memberships, state: verificationState(o) })), total, page: current, pages };
}

export interface UserRow {
  id: string;
  phone: string;
  displayName: string;
  locale: Locale;
  active: boolean;
  createdAt: Date;
  memberships: { role: Role; organizationId: string; organizationName: string; organizationSuspended: boolean }[];
}

function userWhere(filters: UserFilters): Prisma.UserWhereInput {
  const and: Prisma.UserWhereInput[] = [];
  if (filters.active !== undefined) and.push({ active: filters.active });
  if (filters.q) {
    const q = filters.q;
    // "138 0000 0001", "+86 138-0000-0001" and "0001" all find 13800000001.
    let digits = q.replace(/[\s\-()（）]/g, "");
    if (digits.startsWith("+86")) digits = digits.slice(3);
    const isNumber = /^\d{3,}$/.test(digits);
    and.push({ OR: [{ displayName: { contains: q, mode: "insensitive" } }, ...(isNumber ? [{ phone: { contains: digits } }] : [])] });
  }
  return and.length > 0 ? { AND: and } : {};
}

/** Users matching the filters with their roles per organization, newest first, one page. */
export async function listUsers(db: PrismaClient, page: number, filters: UserFilters = {}): Promise<Page<UserRow>> {
  const where = userWhere(filters);
  const total = await db.user.count({ where });
  const pages = pageCount(total, ADMIN_PAGE_SIZE);
  const current = Math.min(page, pages);
  const rows = await db.user.findMany({
    where,
    select: {
      id: true,
      phone: true,
      displayName: true,
      locale: true,
      active: true,
      createdAt: true,
      memberships: { select: { role: true, organization: { select: { id: true, name: true, suspendedAt: true } } }, orderBy: { createdAt: "asc" } },
    },
    orderBy: [{ createdAt: "desc" }, { phone: "asc" }],
    skip: (current - 1) * ADMIN_PAGE_SIZE,
    take: ADMIN_PAGE_SIZE,
  });
  return {
    items: rows.map((u) => ({
      ...u,
      memberships: u.memberships.map((m) => ({ role: m.role, organizationId: m.organization.id, organizationName: m.organization.name, organizationSuspended: m.organization.suspendedAt !== null })),
    })),
    total,
    page: current,
    pages,
  };
}
