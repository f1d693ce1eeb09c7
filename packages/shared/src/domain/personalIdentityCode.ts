/**
 * Finnish personal identity code (henkilötunnus): DDMMYYCZZZQ.
 *
 * - DDMMYY: the birth date, which must exist (29 February only in leap years);
 * - C: the century sign: '+' for the 1800s; '-', 'Y', 'X', 'W', 'V', 'U' for the 1900s;
 *   'A', 'B', 'C', 'D', 'E', 'F' for the 2000s (the extra signs are in use since 2023);
 * - ZZZ: the individual number, 002–899 (900–999 are temporary codes, which are accepted too);
 * - Q: the check character: the nine digits DDMMYYZZZ as one number, modulo 31, looked up in
 *   "0123456789ABCDEFHJKLMNPRSTUVWXY".
 */
const CHECK_CHARACTERS = '0123456789ABCDEFHJKLMNPRSTUVWXY';

const CENTURIES: Record<string, number> = {
  '+': 1800,
  '-': 1900,
  Y: 1900,
  X: 1900,
  W: 1900,
  V: 1900,
  U: 1900,
  A: 2000,
  B: 2000,
  C: 2000,
  D: 2000,
  E: 2000,
  F: 2000,
};

const PATTERN = /^(\d{2})(\d{2})(\d{2})([-+YXWVUABCDEF])(\d{3})([0-9A-Y])$/;

export type ParsedPersonalIdentityCode = {
  /** The code in its canonical form: trimmed and upper-case. */
  code: string;
  /** YYYY-MM-DD */
  birthDate: string;
  individualNumber: number;
  /** Individual numbers 900–999 are temporary codes given e.g. by a hospital. */
  temporary: boolean;
};

/** The check character for a nine-digit DDMMYYZZZ string. */
export function personalIdentityCodeCheckCharacter(nineDigits: string): string {
  return CHECK_CHARACTERS[Number(nineDigits) % 31] as string;
}

/** The parsed code, or null when it is not a valid Finnish personal identity code. */
export function parsePersonalIdentityCode(value: string): ParsedPersonalIdentityCode | null {
  const code = value.trim().toUpperCase();
  const match = PATTERN.exec(code);
  if (!match) return null;
  const [, dd, mm, yy, sign, zzz, check] = match as unknown as [string, string, string, string, string, string, string];
  const century = CENTURIES[sign];
  if (century === undefined) return null;
  const year = century + Number(yy);
  const month = Number(mm);
  const day = Number(dd);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  const individualNumber = Number(zzz);
  if (individualNumber < 2) return null;
  if (personalIdentityCodeCheckCharacter(`${dd}${mm}${yy}${zzz}`) !== check) return null;
  return {
    code,
    birthDate: `${String(year).padStart(4, '0')}-${mm}-${dd}`,
    individualNumber,
    temporary: individualNumber >= 900,
  };
}

export function isValidPersonalIdentityCode(value: string): boolean {
  return parsePersonalIdentityCode(value) !== null;
}

/**
 * Shows the birth date and century sign, hides the individual number and the check character:
 * "010190-****". The check character would narrow the hidden number to about 32 candidates.
 */
export function maskPersonalIdentityCode(code: string): string {
  const canonical = code.trim().toUpperCase();
  if (canonical.length !== 11) return '***********';
  return `${canonical.slice(0, 7)}****`;
}
