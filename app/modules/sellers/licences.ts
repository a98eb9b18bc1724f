/**
 * Licence numbers a seller gives for review (pure; runs on the server and in the browser):
 *  - 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters — registration authority,
 *    organization category, 6-digit administrative division (GB/T 2260), the 9-character organization code
 *    (GB 11714, check character included) and a check character over the first 17;
 *  - 食品经营许可证 (food business licence): "JY" + 14 digits — business form (1 sale, 2 catering, 3 canteen),
 *    6-digit division, 6-digit serial, check digit;
 *  - 食品生产许可证 (food production licence): "SC" + 14 digits — 3-digit food category, 6-digit division,
 *    4-digit serial, check digit.
 * The food licence check digits follow no published algorithm, so only their form is checked.
 */
import type { MessageKey } from "~/utils/i18n/messages";

/** The 31 characters a credit code may use (no I, O, S, V, Z), in check-value order. */
export const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

// Registration authorities: 1 organization establishment, 2 foreign affairs, 3 justice, 4 culture, 5 civil
// affairs, 6 tourism, 7 religion, 8 trade unions, 9 market regulation (companies, sole traders, cooperatives),
// A the military, N agriculture (rural collectives), Y others.
const USCC_SHAPE = /^[1-9ANY][1-9][0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

// First two digits of a GB/T 2260 division: the provinces, plus 10 for national-level registrations.
const PROVINCES = new Set([10, 11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65]);

/** What a person typed, as a licence number: full-width characters folded, spaces and dashes dropped, upper case. */
export function normalizeLicenceNo(input: string): string {
  return input.normalize("NFKC").replace(/[\s\-－—_·.]/g, "").toUpperCase();
}

/** Check character of the first 17 characters of a unified social credit code (GB 32100). */
export function usccCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(body17[i] ?? "");
    if (v < 0) throw new Error(`not a credit code character: ${JSON.stringify(body17[i])}`);
    sum += v * USCC_WEIGHTS[i];
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/** Check character of an 8-character organization code body (GB 11714): a digit or X. */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number.parseInt(body8[i], 36) * ORG_CODE_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return c === 10 ? "X" : c === 11 ? "0" : String(c);
}

export type LicenceResult<T = string> = { ok: true; value: T } | { ok: false; error: MessageKey };

/** Validates a unified social credit code: form, province of the division, and the check character. */
export function parseUscc(input: string): LicenceResult {
  const code = normalizeLicenceNo(input);
  if (code === "") return { ok: false, error: "validation.required" };
  if (code.length !== 18) return { ok: false, error: "onboarding.uscc.length" };
  if (!USCC_SHAPE.test(code)) return { ok: false, error: "onboarding.uscc.characters" };
  if (!PROVINCES.has(Number(code.slice(2, 4)))) return { ok: false, error: "onboarding.uscc.region" };
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) return { ok: false, error: "onboarding.uscc.check" };
  return { ok: true, value: code };
}

/** True for a well-formed unified social credit code with the right check character. */
export function isValidUscc(input: string): boolean {
  return parseUscc(input).ok;
}

export type FoodLicenceKind = "business" | "production";

/** Which licence a food licence number is (JY 经营 / SC 生产), or null for anything else. */
export function foodLicenceKind(input: string): FoodLicenceKind | null {
  const r = parseFoodLicence(input);
  return r.ok ? r.value.kind : null;
}

/**
 * Validates a food business (JY1/2/3 + 13 digits) or production (SC + 14 digits) licence number and says which
 * it is. The division inside must start with a province code.
 */
export function parseFoodLicence(input: string): LicenceResult<{ kind: FoodLicenceKind; number: string }> {
  const code = normalizeLicenceNo(input);
  if (code === "") return { ok: false, error: "validation.required" };
  const prefix = code.slice(0, 2);
  if (prefix !== "JY" && prefix !== "SC") return { ok: false, error: "onboarding.foodLicence.prefix" };
  const digits = code.slice(2);
  if (!/^\d+$/.test(digits) || digits.length !== 14) return { ok: false, error: "onboarding.foodLicence.digits" };
  if (prefix === "JY") {
    if (!"123".includes(digits[0])) return { ok: false, error: "onboarding.foodLicence.form" };
    if (!PROVINCES.has(Number(digits.slice(1, 3)))) return { ok: false, error: "onboarding.foodLicence.region" };
    return { ok: true, value: { kind: "business", number: code } };
  }
  if (!PROVINCES.has(Number(digits.slice(3, 5)))) return { ok: false, error: "onboarding.foodLicence.region" };
  return { ok: true, value: { kind: "production", number: code } };
}
