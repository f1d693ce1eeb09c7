/** A client under this age needs a guardian's details. */
export const GUARDIAN_REQUIRED_UNDER_AGE = 16;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether a client is certainly under the guardian age on `today` (YYYY-MM-DD): by the birth date
 * when there is one (anything not a whole date counts as none), else by a birth year that leaves no
 * doubt. The server's rule, and what every form uses to show a guardian's fields.
 */
export function isUnderGuardianAge(birthDate: string | null, birthYear: number | null, today: string): boolean {
  const year = Number(today.slice(0, 4));
  if (birthDate && ISO_DATE.test(birthDate)) {
    const sixteenYearsAgo = `${String(year - GUARDIAN_REQUIRED_UNDER_AGE).padStart(4, '0')}${today.slice(4)}`;
    return birthDate > sixteenYearsAgo;
  }
  return birthYear !== null && Number.isInteger(birthYear) && year - birthYear < GUARDIAN_REQUIRED_UNDER_AGE;
}
