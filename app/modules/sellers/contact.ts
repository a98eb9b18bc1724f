/**
 * The contact number on a seller's profile (pure): a mainland mobile number (stored as its 11 digits, see
 * ~/modules/auth/phone) or a landline with its area code, as cooperatives often give the office phone
 * (stored "0598-8231234"; an extension typed after 转, "ext" or a last dash is kept: "0598-8231234-8").
 */
import { normalizePhone } from "~/modules/auth/phone";

/** Area code length: 010 and 02x are three digits (Beijing, Shanghai 021 …), all others four (0598 Sanming). */
function areaCodeLength(digits: string): number {
  return digits.startsWith("010") || digits.startsWith("02") ? 3 : 4;
}

/** The stored form of a typed contact number, or undefined when it is neither a mobile nor a landline number. */
export function normalizeContactPhone(input: string): string | undefined {
  const mobile = normalizePhone(input);
  if (mobile) return mobile;
  let t = input.normalize("NFKC").trim().replace(/[\s.()（）]/g, "");
  let ext: string | undefined;
  const extMatch = /(?:转|ext\.?|x|#)(\d{1,6})$/i.exec(t);
  if (extMatch) {
    ext = extMatch[1];
    t = t.slice(0, extMatch.index);
  }
  if (t.startsWith("+86")) t = `0${t.slice(3)}`;
  else if (t.startsWith("0086")) t = `0${t.slice(4)}`;
  if (!/^[\d-]+$/.test(t)) return undefined;
  let digits = t.replace(/-/g, "");
  // "0598-8231234-8": a short group after the last dash of a complete number is an extension.
  const lastDash = t.lastIndexOf("-");
  if (!ext && lastDash > 0) {
    const head = t.slice(0, lastDash).replace(/-/g, "");
    const tail = t.slice(lastDash + 1);
    if (tail.length >= 1 && tail.length <= 6 && head.startsWith("0") && head.length >= areaCodeLength(head) + 7) {
      digits = head;
      ext = tail;
    }
  }
  if (!digits.startsWith("0") || digits.startsWith("00")) return undefined;
  const area = areaCodeLength(digits);
  const local = digits.slice(area);
  const validLocal = area === 3 ? /^[2-9]\d{7}$/.test(local) : /^[2-9]\d{6,7}$/.test(local);
  if (!validLocal) return undefined;
  return `${digits.slice(0, area)}-${local}${ext ? `-${ext}` : ""}`;
}
