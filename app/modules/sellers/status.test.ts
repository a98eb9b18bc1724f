import { describe, expect, it } from "vitest";
import { checkUploadSize, formatMegabytes, maxUploadBytes, orgFileKey, acceptsType } from "./files";
import { parseForm } from "~/utils/forms";
import { profileSchema, reasonSchema } from "./schemas";
import { isLicenceFile, licencesChanged, resetAfterLicenceChange, reviewBlockers, verificationState, type ReviewFacts } from "./status";

const complete: ReviewFacts = {
  name: "尤溪县金柑专业合作社",
  county: "尤溪县",
  address: "福建省三明市尤溪县城关镇",
  contactName: "林建国",
  contactPhone: "13800000001",
  businessLicenceNo: "91440300708461136T",
  foodLicenceNo: null,
  files: [{ kind: "business_licence" }],
};

describe("verificationState", () => {
  const at = new Date("2026-12-01T02:00:00Z");
  it("reads pending as incomplete until submitted, and suspension above all", () => {
    expect(verificationState({ verificationStatus: "pending", submittedAt: null, suspendedAt: null })).toBe("incomplete");
    expect(verificationState({ verificationStatus: "pending", submittedAt: at, suspendedAt: null })).toBe("submitted");
    expect(verificationState({ verificationStatus: "verified", submittedAt: at, suspendedAt: null })).toBe("verified");
    expect(verificationState({ verificationStatus: "rejected", submittedAt: at, suspendedAt: null })).toBe("rejected");
    expect(verificationState({ verificationStatus: "verified", submittedAt: at, suspendedAt: at })).toBe("suspended");
  });
});

describe("reviewBlockers", () => {
  it("is empty for a complete profile (a food licence is optional for farm produce)", () => {
    expect(reviewBlockers(complete)).toEqual({});
  });

  it("names every missing piece", () => {
    expect(reviewBlockers({ ...complete, contactName: "", contactPhone: " ", businessLicenceNo: null, files: [] })).toEqual({
      contactName: "onboarding.submit.needContactName",
      contactPhone: "onboarding.submit.needContactPhone",
      businessLicenceNo: "onboarding.submit.needBusinessLicence",
      businessLicenceFile: "onboarding.submit.needLicenceImage",
    });
  });

  it("wants a business licence image, not just any file", () => {
    expect(reviewBlockers({ ...complete, files: [{ kind: "profile_photo" }, { kind: "food_licence" }] })).toEqual({ businessLicenceFile: "onboarding.submit.needLicenceImage" });
  });

  it("checks stored numbers again and asks for the food licence image when its number is given", () => {
    expect(reviewBlockers({ ...complete, businessLicenceNo: "91440300708461136A" })).toEqual({ businessLicenceNo: "onboarding.uscc.check" });
    expect(reviewBlockers({ ...complete, foodLicenceNo: "JY13504270012345" })).toEqual({ foodLicenceFile: "onboarding.submit.needFoodLicenceImage" });
    expect(reviewBlockers({ ...complete, foodLicenceNo: "JY13504270012345", files: [{ kind: "business_licence" }, { kind: "food_licence" }] })).toEqual({});
    expect(reviewBlockers({ ...complete, contactPhone: "12345" })).toEqual({ contactPhone: "onboarding.contactPhone.invalid" });
  });
});

describe("licence changes", () => {
  const now = new Date("2026-12-02T08:00:00Z");
  it("notices a changed, added or removed number", () => {
    const before = { businessLicenceNo: "91440300708461136T", foodLicenceNo: null };
    expect(licencesChanged(before, { ...before })).toBe(false);
    expect(licencesChanged(before, { ...before, foodLicenceNo: "JY13504270012345" })).toBe(true);
    expect(licencesChanged(before, { ...before, businessLicenceNo: "91330100799655058B" })).toBe(true);
    expect(licencesChanged(before, { ...before, businessLicenceNo: null })).toBe(true);
  });

  it("sends only a verified seller back to pending, queued again when still complete", () => {
    expect(resetAfterLicenceChange("verified", true, now)).toEqual({ verificationStatus: "pending", submittedAt: now, reviewNote: "" });
    expect(resetAfterLicenceChange("verified", false, now)).toEqual({ verificationStatus: "pending", submittedAt: null, reviewNote: "" });
    expect(resetAfterLicenceChange("pending", true, now)).toBeNull();
    expect(resetAfterLicenceChange("rejected", true, now)).toBeNull();
  });

  it("counts licence images as licence evidence, photos not", () => {
    expect(isLicenceFile("business_licence")).toBe(true);
    expect(isLicenceFile("food_licence")).toBe(true);
    expect(isLicenceFile("profile_photo")).toBe(false);
  });
});

describe("upload rules", () => {
  it("refuses empty and oversized files, saying the limit", () => {
    const max = maxUploadBytes(15);
    expect(max).toBe(15 * 1024 * 1024);
    expect(checkUploadSize(0, max)).toEqual({ error: "onboarding.file.empty" });
    expect(checkUploadSize(max, max)).toBeNull();
    expect(checkUploadSize(max + 1, max)).toEqual({ error: "onboarding.file.tooLarge", params: { mb: "15" } });
    expect(formatMegabytes(maxUploadBytes(2.5))).toBe("2.5");
  });

  it("keys files under the organization, with the extension of the sniffed type", () => {
    expect(orgFileKey("o1", "f1", "image/jpeg")).toBe("orgs/o1/f1.jpg");
    expect(orgFileKey("o1", "f1", "application/pdf")).toBe("orgs/o1/f1.pdf");
    expect(acceptsType("profile_photo", "application/pdf")).toBe(false);
    expect(acceptsType("business_licence", "application/pdf")).toBe(true);
  });
});

describe("profile form schema", () => {
  const base = { name: "尤溪县金柑专业合作社", county: "尤溪县", address: "城关镇" };

  it("normalises what it stores: licence numbers upper-cased, phones and coordinates cleaned, empty optionals null", () => {
    const r = parseForm(profileSchema, { ...base, lat: "26.1701", lng: "118.1901", contactPhone: "138 0000 0001", businessLicenceNo: "91440300 7084 6113 6t", foodLicenceNo: "", nameEn: "" });
    expect(r.errors).toBeUndefined();
    expect(r.data).toMatchObject({ lat: 26.1701, lng: 118.1901, contactPhone: "13800000001", businessLicenceNo: "91440300708461136T", foodLicenceNo: null, nameEn: null, descriptionZh: "" });
  });

  it("gives field errors as catalogue keys", () => {
    const r = parseForm(profileSchema, { name: "", county: "尤溪县", address: "x", lat: "117.79", lng: "26.39", contactPhone: "123", businessLicenceNo: "9144", foodLicenceNo: "JY1" });
    expect(r.errors).toEqual({
      name: "validation.required",
      lat: "onboarding.location.swapped",
      lng: "onboarding.location.swapped",
      contactPhone: "onboarding.contactPhone.invalid",
      businessLicenceNo: "onboarding.uscc.length",
      foodLicenceNo: "onboarding.foodLicence.digits",
    });
  });

  it("requires a reason to reject or suspend", () => {
    expect(parseForm(reasonSchema, { reason: "   " }).errors).toEqual({ reason: "adminReview.reasonRequired" });
    expect(parseForm(reasonSchema, {}).errors).toEqual({ reason: "adminReview.reasonRequired" });
    expect(parseForm(reasonSchema, { reason: " 营业执照照片不清晰 " }).data).toEqual({ reason: "营业执照照片不清晰" });
  });
});
