import { GUARDIAN_REQUIRED_UNDER_AGE, parsePersonalIdentityCode, isUnderGuardianAge as underGuardianAge } from '@hetki/shared';
import { DomainError } from '../../lib/errors.js';

/** The client's fields that the rules look at, after an update is merged in. */
export type ClientFacts = {
  birthDate: string | null;
  birthYear: number | null;
  guardian: unknown | null;
  personalIdentityCode: string | null;
};

const invalid = (message: string) => new DomainError('BAD_REQUEST', 'INVALID_INPUT', message);

/**
 * Whether the client is certainly under 16 today: by the birth date, else the date in the
 * identity code, else a birth year that leaves no doubt.
 */
export function isUnderGuardianAge(facts: ClientFacts, today: string): boolean {
  const birthDate =
    facts.birthDate ?? (facts.personalIdentityCode ? (parsePersonalIdentityCode(facts.personalIdentityCode)?.birthDate ?? null) : null);
  return underGuardianAge(birthDate, facts.birthYear, today);
}

/**
 * The rules across fields: no birth in the future, birth date, birth year and identity code
 * agree, and a client under 16 has a guardian.
 */
export function assertClientFacts(facts: ClientFacts, today: string): void {
  if (facts.birthDate && facts.birthDate > today) throw invalid('The birth date is in the future');
  if (facts.birthYear !== null && facts.birthYear > Number(today.slice(0, 4))) throw invalid('The birth year is in the future');
  if (facts.birthDate && facts.birthYear !== null && Number(facts.birthDate.slice(0, 4)) !== facts.birthYear) {
    throw invalid('The birth year does not match the birth date');
  }
  if (facts.personalIdentityCode) {
    const parsed = parsePersonalIdentityCode(facts.personalIdentityCode);
    if (!parsed) throw invalid('Enter a valid Finnish personal identity code');
    if (facts.birthDate && parsed.birthDate !== facts.birthDate) {
      throw invalid('The personal identity code does not match the birth date');
    }
    if (parsed.birthDate > today) throw invalid('The personal identity code gives a birth date in the future');
  }
  if (facts.guardian === null && isUnderGuardianAge(facts, today)) {
    throw new DomainError('BAD_REQUEST', 'GUARDIAN_REQUIRED', `A client under ${GUARDIAN_REQUIRED_UNDER_AGE} needs a guardian's details`);
  }
}
