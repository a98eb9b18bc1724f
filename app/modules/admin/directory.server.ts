import type { PrismaClient } from "~/generated/prisma/client";
import type { Locale, OrgKind, Role } from "~/generated/prisma/enums";
import { pageCount, type Page } from "~/utils/pagination";

export const ADMIN_PAGE_SIZE = 25;

export interface OrganizationRow {
  id: string;
  name: string;
  kind: OrgKind;
  county: string;
  createdAt: Date;
  members: number;
}

/** All organizations, oldest first, one page. */
export async function listOrganizations(db: PrismaClient, page: number): Promise<Page<OrganizationRow>> {
  const total = await db.organization.count();
  const pages = pageCount(total, ADMIN_PAGE_SIZE);
  const current = Math.min(page, pages);
  const rows = await db.organization.findMany({
    select: { id: true, name: true, kind: true, county: true, createdAt: true, _count: { select: { memberships: true } } },
    orderBy: [{ createdAt: "asc" }, { name: "asc" }, { id: "asc" }],
    skip: (current - 1) * ADMIN_PAGE_SIZE,
    take: ADMIN_PAGE_SIZE,
  });
  return { items: rows.map(({ _count, ...o }) => ({ ...o, members: _count.memberships })), total, page: current, pages };
}

export interface UserRow {
  id: string;
  phone: string;
  displayName: string;
  locale: Locale;
  active: boolean;
  createdAt: Date;
  memberships: { role: Role; organizationName: string }[];
}

/** All users with their roles per organization, oldest first, one page. */
export async function listUsers(db: PrismaClient, page: number): Promise<Page<UserRow>> {
  const total = await db.user.count();
  const pages = pageCount(total, ADMIN_PAGE_SIZE);
  const current = Math.min(page, pages);
  const rows = await db.user.findMany({
    select: {
      id: true,
      phone: true,
      displayName: true,
      locale: true,
      active: true,
      createdAt: true,
      memberships: { select: { role: true, organization: { select: { name: true } } }, orderBy: { createdAt: "asc" } },
    },
    orderBy: [{ createdAt: "asc" }, { phone: "asc" }],
    skip: (current - 1) * ADMIN_PAGE_SIZE,
    take: ADMIN_PAGE_SIZE,
  });
  return {
    items: rows.map((u) => ({ ...u, memberships: u.memberships.map((m) => ({ role: m.role, organizationName: m.organization.name })) })),
    total,
    page: current,
    pages,
  };
}
