/**
 * A phone number as entered ("040 123 4567", "+358 40 123 4567", "00358...") in E.164 form
 * ("+358401234567"), or null when it cannot be one. A number without a country code is taken to
 * be Finnish unless another calling code is given.
 */
export function toE164(phone: string, defaultCallingCode = '358'): string | null {
  const digits = phone.replace(/[\s()-]/g, '');
  let international: string;
  if (digits.startsWith('+')) international = digits.slice(1);
  else if (digits.startsWith('00')) international = digits.slice(2);
  else if (digits.startsWith('0')) international = defaultCallingCode + digits.slice(1);
  else international = digits;
  if (!/^[1-9][0-9]{6,14}$/.test(international)) return null;
  return `+${international}`;
}
