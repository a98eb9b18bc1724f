import { describe, expect, it } from "vitest";
import { orgCodeCheck, unifiedSocialCreditCode, usccCheck, foodBusinessLicence, foodProductionLicence } from "../../../tests/factories";
import { foodLicenceKind, isValidUscc, normalizeLicenceNo, orgCodeCheckChar, parseFoodLicence, parseUscc, USCC_ALPHABET, usccCheckChar } from "./licences";

// Published codes of well-known companies (from their public business registrations): real-format examples.
const REAL_CODES = [
  "91440300708461136T", // 深圳市腾讯计算机系统有限公司
  "91330100799655058B", // 阿里巴巴（中国）有限公司
  "914403001922038216", // 华为技术有限公司 (check character 6)
  "91110000100010433L", // 中国石油天然气集团有限公司 (national-level division 1100 00)
];

describe("unified social credit code (GB 32100)", () => {
  it("accepts real codes and computes their check characters", () => {
    for (const code of REAL_CODES) {
      expect(parseUscc(code), code).toEqual({ ok: true, value: code });
      expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
    }
  });

  it("agrees with the embedded organization code's own check character (GB 11714)", () => {
    // Tencent 70846113-6, Alibaba 79965505-8, Huawei 19220382-1.
    expect(orgCodeCheckChar("70846113")).toBe("6");
    expect(orgCodeCheckChar("79965505")).toBe("8");
    expect(orgCodeCheckChar("19220382")).toBe("1");
  });

  it("agrees with the test factories' check functions on Sanming cooperatives, sole traders and companies", () => {
    for (let serial = 1; serial <= 200; serial++) {
      for (const [category, region] of [["93", "350427"], ["92", "350405"], ["91", "350430"], ["12", "350400"]] as const) {
        const code = unifiedSocialCreditCode(category, region, serial);
        expect(isValidUscc(code), code).toBe(true);
        expect(usccCheckChar(code.slice(0, 17))).toBe(usccCheck(code.slice(0, 17)));
        expect(orgCodeCheckChar(code.slice(8, 16))).toBe(orgCodeCheck(code.slice(8, 16)));
      }
    }
  });

  it("uses 0 when the weighted sum is already a multiple of 31", () => {
    // Search a body whose check value is 0 and make sure it maps to "0", not to index 31.
    let body = "";
    for (let n = 0; n < 10_000 && body === ""; n++) {
      const candidate = `9335042${String(n).padStart(4, "0")}MA1234`.slice(0, 17);
      if (usccCheckChar(candidate) === "0") body = candidate;
    }
    expect(body).not.toBe("");
    expect(isValidUscc(`${body}0`)).toBe(true);
  });

  it("catches every single-character typo and every swap of neighbouring characters", () => {
    const code = REAL_CODES[0];
    for (let i = 0; i < 18; i++) {
      for (const ch of USCC_ALPHABET) {
        if (ch === code[i]) continue;
        const typo = code.slice(0, i) + ch + code.slice(i + 1);
        const r = parseUscc(typo);
        expect(r.ok, typo).toBe(false);
      }
    }
    for (let i = 0; i < 17; i++) {
      if (code[i] === code[i + 1]) continue;
      const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
      expect(isValidUscc(swapped), swapped).toBe(false);
    }
  });

  it("says what is wrong", () => {
    expect(parseUscc("")).toEqual({ ok: false, error: "validation.required" });
    expect(parseUscc("9144030070846113")).toEqual({ ok: false, error: "onboarding.uscc.length" });
    expect(parseUscc("91440300708461136TX")).toEqual({ ok: false, error: "onboarding.uscc.length" });
    // I, O, S, V, Z never appear; nor do lower-case letters after normalisation… which upper-cases them.
    expect(parseUscc("91440300708461136I")).toEqual({ ok: false, error: "onboarding.uscc.characters" });
    expect(parseUscc("9144030O708461136T")).toEqual({ ok: false, error: "onboarding.uscc.characters" });
    // The division (characters 3–8) must be digits starting with a province code.
    expect(parseUscc("91AB0300708461136T")).toEqual({ ok: false, error: "onboarding.uscc.characters" });
    expect(parseUscc("919903007084611360")).toEqual({ ok: false, error: "onboarding.uscc.region" });
    expect(parseUscc("91440300708461136A")).toEqual({ ok: false, error: "onboarding.uscc.check" });
    // Registration authority 0 does not exist.
    expect(parseUscc("01440300708461136T").ok).toBe(false);
  });

  it("accepts what people type: lower case, spaces, full-width characters", () => {
    expect(parseUscc("91440300 7084 6113 6t")).toEqual({ ok: true, value: "91440300708461136T" });
    expect(parseUscc("９１４４０３００７０８４６１１３６Ｔ")).toEqual({ ok: true, value: "91440300708461136T" });
    expect(normalizeLicenceNo(" jy-1350 4270 0123 45 ")).toBe("JY13504270012345");
  });
});

describe("food licence numbers", () => {
  it("reads food business licences (JY + 14 digits) and production licences (SC + 14 digits)", () => {
    expect(parseFoodLicence("JY13504270012345")).toEqual({ ok: true, value: { kind: "business", number: "JY13504270012345" } });
    expect(parseFoodLicence("SC11135042700018")).toEqual({ ok: true, value: { kind: "production", number: "SC11135042700018" } });
    expect(parseFoodLicence("sc 111 350427 0001 8")).toEqual({ ok: true, value: { kind: "production", number: "SC11135042700018" } });
    expect(foodLicenceKind("JY33101100000011")).toBe("business");
    expect(foodLicenceKind("XK16-204-00001")).toBeNull();
  });

  it("accepts the factories' numbers", () => {
    for (let n = 1; n < 100; n++) {
      expect(parseFoodLicence(foodProductionLicence("111", "350405", n)).ok).toBe(true);
      expect(parseFoodLicence(foodBusinessLicence(1, "350427", n)).ok).toBe(true);
      expect(parseFoodLicence(foodBusinessLicence(3, "310110", n)).ok).toBe(true);
    }
  });

  it("says what is wrong", () => {
    expect(parseFoodLicence("")).toEqual({ ok: false, error: "validation.required" });
    expect(parseFoodLicence("QS350401010001")).toEqual({ ok: false, error: "onboarding.foodLicence.prefix" });
    expect(parseFoodLicence("JY1350427001234")).toEqual({ ok: false, error: "onboarding.foodLicence.digits" });
    expect(parseFoodLicence("JY135042700123456")).toEqual({ ok: false, error: "onboarding.foodLicence.digits" });
    expect(parseFoodLicence("SC1113504270001A")).toEqual({ ok: false, error: "onboarding.foodLicence.digits" });
    expect(parseFoodLicence("JY43504270012345")).toEqual({ ok: false, error: "onboarding.foodLicence.form" });
    expect(parseFoodLicence("JY19904270012345")).toEqual({ ok: false, error: "onboarding.foodLicence.region" });
    expect(parseFoodLicence("SC11199042700018")).toEqual({ ok: false, error: "onboarding.foodLicence.region" });
  });
});
