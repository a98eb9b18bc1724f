import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, permissionsFor, ROLE_HOME, roleHome, sortRoles } from "./permissions";

describe("permissionsFor", () => {
  it("gives buyers the catalogue and ordering, nothing of sellers or operations", () => {
    const p = permissionsFor(["buyer"]);
    expect(p).toEqual(["read:catalog", "create:order", "read:orders:own"]);
    expect(can(p, "read:listing:own")).toBe(false);
    expect(can(p, "read:operations")).toBe(false);
  });
  it("lets sellers manage only their own listings and not order", () => {
    const p = permissionsFor(["seller"]);
    expect(can(p, "read:listing:own")).toBe(true);
    expect(can(p, "update:listing:own")).toBe(true);
    expect(can(p, "create:order")).toBe(false);
    expect(can(p, "manage:users")).toBe(false);
  });
  it("gives drivers only their deliveries", () => {
    expect(permissionsFor(["driver"])).toEqual(["read:deliveries:own"]);
  });
  it("gives operators operations but not user management", () => {
    const p = permissionsFor(["operator"]);
    expect(can(p, "read:operations")).toBe(true);
    expect(can(p, "manage:users")).toBe(false);
  });
  it("gives admins user management and operations", () => {
    const p = permissionsFor(["admin"]);
    expect(can(p, "manage:users")).toBe(true);
    expect(can(p, "read:operations")).toBe(true);
    expect(can(p, "read:listing:own")).toBe(false);
  });
  it("unions several roles without duplicates, in a stable order", () => {
    const p = permissionsFor(["seller", "buyer", "seller"]);
    expect(new Set(p).size).toBe(p.length);
    expect(p).toEqual(PERMISSIONS.filter((x) => p.includes(x)));
    expect(can(p, "create:order") && can(p, "update:listing:own")).toBe(true);
  });
  it("grants nothing without roles", () => {
    expect(permissionsFor([])).toEqual([]);
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
