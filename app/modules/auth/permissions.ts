import type { Role } from "~/generated/prisma/enums";

export type { Role };

/**
 * Every permission string the server checks; the UI only mirrors them. A permission is declared only
 * together with the loader or action that checks it (permissions.test.ts fails on one no route checks),
 * so ordering, order history, listing edits and seller orders return with their routes.
 */
export const PERMISSIONS = [
  "read:catalog",
  "read:listing:own",
  "update:listing:own",
  "manage:lots:own",
  "manage:stock:own",
  "read:operations",
  "read:deliveries:own",
  "manage:users",
  "manage:organizations",
  // Ordering (issue 9): buyers
  "manage:cart:own",
  "place:order:own",
  "read:order:own",
  "update:order:own",
  "cancel:order:own",
  "manage:delivery-points:own",
  "manage:api-keys:own",
  // Ordering: sellers
  "read:seller-order:own",
  "confirm:seller-order:own",
  "pack:seller-order:own",
  "cancel:seller-order:own",
  "manage:contracts:own",
  // Ordering: operators
  "read:order:any",
  "cancel:order:any",
  "receive:order:warehouse",
  "dispatch:order:warehouse",
  "deliver:order:warehouse",
  "close:order:warehouse",
  "manage:slots",
  "manage:contracts:any",
  // Everyone signed in
  "read:notifications:own",
  "read:trunk:warehouse",
  "manage:trunk:warehouse",
  "read:plan:warehouse",
  "manage:plan:warehouse",
  "publish:plan:warehouse",
  "deliver:delivery:own",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Roles in the order that picks the home page of a user who holds several. */
export const ROLE_ORDER: readonly Role[] = ["buyer", "seller", "operator", "driver", "admin"];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  buyer: ["read:catalog", "manage:cart:own", "place:order:own", "read:order:own", "update:order:own", "cancel:order:own", "manage:delivery-points:own", "manage:api-keys:own", "read:notifications:own"],
  // Sellers browse the marketplace too, to see how competitors price; they cannot order.
  seller: [
    "read:catalog",
    "read:listing:own",
    "update:listing:own",
    "manage:lots:own",
    "manage:stock:own",
    "read:seller-order:own",
    "confirm:seller-order:own",
    "pack:seller-order:own",
    "cancel:seller-order:own",
    "manage:contracts:own",
    "read:notifications:own",
  ],
  operator: [
    "read:catalog",
    "read:operations",
    "read:order:any",
    "cancel:order:any",
    "receive:order:warehouse",
    "dispatch:order:warehouse",
    "deliver:order:warehouse",
    "close:order:warehouse",
    "manage:slots",
    "manage:contracts:any",
    "read:notifications:own",
    "read:trunk:warehouse",
    "manage:trunk:warehouse",
    "read:plan:warehouse",
    "manage:plan:warehouse",
    "publish:plan:warehouse",
  ],
  driver: ["read:deliveries:own", "read:notifications:own", "deliver:delivery:own"],
  // Admins oversee orders (read, cancel) but do not run the warehouse steps.
  admin: ["read:catalog", "read:operations", "manage:users", "manage:organizations", "read:order:any", "cancel:order:any", "read:notifications:own", "read:trunk:warehouse", "read:plan:warehouse"],
};

/** The union of permissions granted by a set of roles, in PERMISSIONS order. */
export function permissionsFor(roles: readonly Role[]): Permission[] {
  const granted = new Set<Permission>(roles.flatMap((r) => ROLE_PERMISSIONS[r] ?? []));
  return PERMISSIONS.filter((p) => granted.has(p));
}

/** True when the permission list contains the permission. */
export function can(permissions: readonly string[], permission: Permission): boolean {
  return permissions.includes(permission);
}

/** Each role's home page. */
export const ROLE_HOME: Record<Role, string> = {
  buyer: "/catalog",
  seller: "/seller",
  operator: "/ops",
  driver: "/driver",
  admin: "/admin",
};

/** Distinct roles sorted by ROLE_ORDER. */
export function sortRoles(roles: readonly Role[]): Role[] {
  return ROLE_ORDER.filter((r) => roles.includes(r));
}

/** Where a signed-in user lands: the home of their first role in ROLE_ORDER; "/" for a user without roles. */
export function roleHome(roles: readonly Role[]): string {
  const first = sortRoles(roles)[0];
  return first ? ROLE_HOME[first] : "/";
}
