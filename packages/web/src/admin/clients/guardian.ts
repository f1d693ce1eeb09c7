import type { ClientRecord, GuardianInput } from '@hetki/shared';
import { isoDateOf, todayIn } from '../time';

/** A guardian as typed into a form: empty strings for fields left blank. */
export type GuardianDraft = { name: string; phone: string; email: string };

export const NO_GUARDIAN: GuardianDraft = { name: '', phone: '', email: '' };

/** The stored guardian as form fields (blank when there is none). */
export function guardianDraftOf(guardian: ClientRecord['guardian']): GuardianDraft {
  return guardian ? { name: guardian.name, phone: guardian.phone ?? '', email: guardian.email ?? '' } : NO_GUARDIAN;
}

export const isBlankGuardian = (draft: GuardianDraft): boolean => !draft.name.trim() && !draft.phone.trim() && !draft.email.trim();

/** What a save sends: the guardian, or null when every field is blank. */
export function guardianOf(draft: GuardianDraft): GuardianInput | null {
  if (isBlankGuardian(draft)) return null;
  return { name: draft.name.trim(), phone: draft.phone.trim() || null, email: draft.email.trim() || null };
}

/** Whether two guardians are the same details (the stored one may list its fields in another order). */
export function sameGuardian(a: ClientRecord['guardian'], b: ClientRecord['guardian']): boolean {
  if (a === null || b === null) return a === b;
  return a.name === b.name && (a.phone ?? null) === (b.phone ?? null) && (a.email ?? null) === (b.email ?? null);
}

/** Today's date (YYYY-MM-DD) in the clinic's time zone. */
export const clinicToday = (timeZone: string): string => isoDateOf(todayIn(timeZone));
