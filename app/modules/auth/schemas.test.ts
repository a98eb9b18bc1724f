import { describe, expect, it } from "vitest";
import { parseForm } from "~/utils/forms";
import { loginSchema, registerSchema, roleForKind } from "./schemas";

const validRegistration = {
  kind: "snack_supplier",
  orgName: "沙县区夏茂小吃食品厂",
  county: "沙县区",
  address: "福建省三明市沙县区夏茂镇",
  displayName: "罗建国",
  phone: "+86 137 0598 0003",
  password: "huming2026",
  passwordConfirm: "huming2026",
};

describe("loginSchema", () => {
  it("normalises the phone", () => {
    expect(parseForm(loginSchema, { phone: " 138 0000 0001 ", password: "x" })).toEqual({ data: { phone: "13800000001", password: "x" } });
  });
  it("reports each field with a catalogue key", () => {
    expect(parseForm(loginSchema, { phone: "123", password: "" }).errors).toEqual({ phone: "validation.phone", password: "validation.required" });
    expect(parseForm(loginSchema, {}).errors).toEqual({ phone: "validation.required", password: "validation.required" });
  });
});

describe("registerSchema", () => {
  it("accepts a complete form and trims text", () => {
    const r = parseForm(registerSchema, { ...validRegistration, orgName: "  沙县区夏茂小吃食品厂 " });
    expect(r.data).toMatchObject({ kind: "snack_supplier", orgName: "沙县区夏茂小吃食品厂", phone: "13705980003" });
  });
  it("flags a mismatched confirmation on the confirmation field", () => {
    expect(parseForm(registerSchema, { ...validRegistration, passwordConfirm: "huming2027" }).errors).toEqual({ passwordConfirm: "validation.passwordMismatch" });
  });
  it("requires a known organization kind (not platform) and a long enough password", () => {
    const r = parseForm(registerSchema, { ...validRegistration, kind: "platform", password: "short", passwordConfirm: "short" });
    expect(r.errors).toEqual({ kind: "validation.orgKind", password: "validation.passwordShort" });
  });
  it("reports every missing field", () => {
    const errors = parseForm(registerSchema, {}).errors ?? {};
    expect(Object.keys(errors).sort()).toEqual(["address", "county", "displayName", "kind", "orgName", "password", "passwordConfirm", "phone"]);
  });
  it("rejects overlong names", () => {
    expect(parseForm(registerSchema, { ...validRegistration, orgName: "茶".repeat(101) }).errors).toEqual({ orgName: "validation.tooLong" });
  });
});

describe("roleForKind", () => {
  it("makes producers sellers and everyone else buyers", () => {
    expect(roleForKind("cooperative")).toBe("seller");
    expect(roleForKind("snack_supplier")).toBe("seller");
    expect(roleForKind("wholesale_market")).toBe("buyer");
    expect(roleForKind("canteen")).toBe("buyer");
    expect(roleForKind("community_group")).toBe("buyer");
  });
});
