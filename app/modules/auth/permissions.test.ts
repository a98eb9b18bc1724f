import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, permissionsFor, ROLE_HOME, ROLE_ORDER, roleHome, sortRoles } from "./permissions";

describe("permissionsFor", () => {
  it("gives buyers the catalogue, their cart, orders, delivery points and API keys, nothing of sellers or operations", () => {
    const p = permissionsFor(["buyer"]);
    expect(p).toEqual(["read:catalog", "manage:cart:own", "place:order:own", "read:order:own", "update:order:own", "cancel:order:own", "manage:delivery-points:own", "manage:api-keys:own", "read:notifications:own"]);
    expect(can(p, "read:order:any")).toBe(false);
    expect(can(p, "confirm:seller-order:own")).toBe(false);
    expect(can(p, "read:listing:own")).toBe(false);
    expect(can(p, "read:operations")).toBe(false);
  });
  it("lets sellers see their own listings and the catalogue, nothing of administration", () => {
    const p = permissionsFor(["seller"]);
    expect(p).toEqual([
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
    ]);
    expect(can(p, "place:order:own")).toBe(false);
    expect(can(p, "receive:order:warehouse")).toBe(false);
    expect(can(p, "manage:users")).toBe(false);
    expect(can(p, "read:operations")).toBe(false);
  });
  it("gives drivers only their deliveries", () => {
    expect(permissionsFor(["driver"])).toEqual(["read:deliveries:own", "read:notifications:own", "deliver:delivery:own"]);
  });
  it("gives operators operations but not user or organization management", () => {
    const p = permissionsFor(["operator"]);
    expect(can(p, "read:operations")).toBe(true);
    expect(can(p, "manage:users")).toBe(false);
    expect(can(p, "manage:organizations")).toBe(false);
    for (const perm of ["read:trunk:warehouse", "manage:trunk:warehouse", "read:plan:warehouse", "manage:plan:warehouse", "publish:plan:warehouse"] as const) expect(can(p, perm)).toBe(true);
    expect(can(p, "deliver:delivery:own")).toBe(false);
  });
  it("lets admins see trunk runs and plans without running them", () => {
    const p = permissionsFor(["admin"]);
    expect(can(p, "read:trunk:warehouse") && can(p, "read:plan:warehouse")).toBe(true);
    expect(can(p, "manage:trunk:warehouse") || can(p, "manage:plan:warehouse") || can(p, "publish:plan:warehouse")).toBe(false);
  });
  it("gives admins user and organization management and operations", () => {
    const p = permissionsFor(["admin"]);
    expect(can(p, "manage:users")).toBe(true);
    expect(can(p, "manage:organizations")).toBe(true);
    expect(can(p, "read:operations")).toBe(true);
    expect(can(p, "read:listing:own")).toBe(false);
  });
  it("unions several roles without duplicates, in a stable order", () => {
    const p = permissionsFor(["driver", "seller", "buyer", "seller"]);
    expect(new Set(p).size).toBe(p.length);
    expect(p).toEqual(PERMISSIONS.filter((x) => p.includes(x)));
    expect(can(p, "read:deliveries:own") && can(p, "read:listing:own")).toBe(true);
  });
  it("grants nothing without roles", () => {
    expect(permissionsFor([])).toEqual([]);
  });
  it("grants every declared permission to some role, so none is unreachable", () => {
    expect(permissionsFor(ROLE_ORDER)).toEqual([...PERMISSIONS]);
  });
});

describe("roleHome", () => {
  it("sends each role to its home", () => {
    expect(roleHome(["buyer"])).toBe("/catalog");
    expect(roleHome(["seller"])).toBe("/seller");
    expect(roleHome(["operator"])).toBe("/ops");
    expect(roleHome(["driver"])).toBe("/driver");
    expect(roleHome(["admin"])).toBe("/admin");
  });
  it("picks the first role in buyer, seller, operator, driver, admin order", () => {
    expect(roleHome(["admin", "seller"])).toBe("/seller");
    expect(roleHome(["driver", "operator"])).toBe("/ops");
    expect(sortRoles(["admin", "buyer", "driver"])).toEqual(["buyer", "driver", "admin"]);
  });
  it("falls back to / for a user without roles", () => {
    expect(roleHome([])).toBe("/");
  });
  it("has a home for every role", () => {
    expect(Object.keys(ROLE_HOME).sort()).toEqual(["admin", "buyer", "driver", "operator", "seller"]);
  });
});

// ---------------------------------------------------------------------------------------------
// Every declared permission must be enforced by some route: a permission nobody checks is a promise
// the server does not keep (and the UI would mirror it anyway). The route sources are read as text.

const ROUTES_DIR = fileURLToPath(new URL("../../routes/", import.meta.url));

/** Route source files under app/routes (recursively), tests excluded. */
function routeSources(dir = ROUTES_DIR): { file: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return routeSources(path);
    if (!/\.(ts|tsx)$/.test(entry.name) || /\.test\./.test(entry.name)) return [];
    return [{ file: relative(ROUTES_DIR, path), text: readFileSync(path, "utf8") }];
  });
}

/** Source without comments, so a permission mentioned in prose or in commented-out code does not count. */
function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

/**
 * Permissions passed to a permission-checking helper: requirePermission(request, "…") or any helper
 * named require…Permission…(…) (e.g. one taking several), collecting every string literal among its arguments.
 */
function checkedPermissions(source: string): Set<string> {
  const text = stripComments(source);
  const found = new Set<string>();
  for (const call of text.matchAll(/\brequire\w*Permission\w*\s*\(/g)) {
    // Balanced scan to the call's closing parenthesis.
    let depth = 1;
    let end = call.index + call[0].length;
    while (end < text.length && depth > 0) {
      if (text[end] === "(") depth += 1;
      else if (text[end] === ")") depth -= 1;
      end += 1;
    }
    const args = text.slice(call.index + call[0].length, end - 1);
    for (const literal of args.matchAll(/["'`]([a-z][a-z:-]*)["'`]/g)) found.add(literal[1]);
  }
  return found;
}

describe("every declared permission is checked by a route", () => {
  it("finds the permissions a helper call checks, ignoring comments and the helper's definition", () => {
    const sample = `
      // requirePermission(request, "in:comment")
      const a = await requirePermission(request, "read:catalog");
      const b = view === "x" ? await requirePermission(request, "manage:users") : await requireAnyPermission(request, ["manage:organizations", "read:operations"]);
      /* requirePermission(request, "in:block") */
      can(user.permissions, "read:listing:own");`;
    expect([...checkedPermissions(sample)].sort()).toEqual(["manage:organizations", "manage:users", "read:catalog", "read:operations"]);
  });

  it("has a requirePermission(…, \"<permission>\") in app/routes for each permission in PERMISSIONS", () => {
    const sources = routeSources();
    expect(sources.length).toBeGreaterThan(0);
    const checked = new Map<string, string[]>();
    for (const { file, text } of sources) {
      for (const p of checkedPermissions(text)) checked.set(p, [...(checked.get(p) ?? []), file]);
    }
    const unchecked = PERMISSIONS.filter((p) => !checked.has(p));
    expect(
      unchecked,
      `Declared in PERMISSIONS but checked by no loader or action in app/routes: ${unchecked.join(", ")}. ` +
        "Check each one with requirePermission(request, \"<permission>\") in the route that needs it, or remove it until that route exists.",
    ).toEqual([]);
    // The reverse direction is TypeScript's job (requirePermission takes a Permission), but a typo in a
    // helper's untyped argument would slip through, so check it here as well.
    const unknown = [...checked.keys()].filter((p) => !(PERMISSIONS as readonly string[]).includes(p));
    expect(unknown, `Checked in app/routes but not declared in PERMISSIONS: ${unknown.join(", ")}`).toEqual([]);
  });

  it("guards the admin page's two lists with their own permissions", () => {
    const admin = routeSources().find((s) => s.file === "admin.tsx");
    expect([...checkedPermissions(admin?.text ?? "")].sort()).toEqual(["manage:organizations", "manage:users"]);
  });
});
