/**
 * Finnish business ID (Y-tunnus): seven digits, a hyphen and a check digit.
 * Check digit: weights 7,9,10,5,8,4,2; remainder 0 -> 0, remainder 1 -> invalid, else 11 - remainder.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2] as const;

export function isValidFinnishBusinessId(value: string): boolean {
  const match = /^(\d{7})-(\d)$/.exec(value);
  if (!match) return false;
  const digits = match[1] as string;
  const sum = WEIGHTS.reduce((acc, weight, index) => acc + weight * Number(digits[index]), 0);
  const remainder = sum % 11;
  if (remainder === 1) return false;
  const expected = remainder === 0 ? 0 : 11 - remainder;
  return expected === Number(match[2]);
}
