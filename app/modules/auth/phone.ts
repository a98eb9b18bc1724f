/** Mainland China mobile numbers: 11 digits, 1 then 3–9 (the form users.phone stores). */
const MOBILE = /^1[3-9]\d{9}$/;

/**
 * Normalises a typed mobile number to its 11 bare digits: drops spaces, dashes, dots and brackets and a
 * leading +86 / 0086 / 86 country code. Returns undefined when the result is not a mainland mobile number.
 */
export function normalizePhone(input: string): string | undefined {
  let digits = input.normalize("NFKC").replace(/[\s\-.()（）]/g, "");
  if (digits.startsWith("+86")) digits = digits.slice(3);
  else if (digits.startsWith("0086")) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith("86")) digits = digits.slice(2);
  return MOBILE.test(digits) ? digits : undefined;
}

/** Shows a stored number grouped 3-4-4 for reading ("138 0000 0001"). */
export function formatPhone(phone: string): string {
  return MOBILE.test(phone) ? `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}` : phone;
}
