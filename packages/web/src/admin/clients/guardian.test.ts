import { describe, expect, it } from 'vitest';
import { guardianDraftOf, guardianOf, sameGuardian } from './guardian';

describe('the guardian sent', () => {
  it('is null when every field is blank, else trimmed with blanks as null', () => {
    expect(guardianOf({ name: ' ', phone: '', email: '' })).toBeNull();
    expect(guardianOf({ name: ' Maija ', phone: '+358 40 111 2222 ', email: '' })).toEqual({
      name: 'Maija',
      phone: '+358 40 111 2222',
      email: null,
    });
  });

  it('counts as unchanged when the stored one lists the same details', () => {
    const stored = { email: null, name: 'Maija', phone: '+358 40 111 2222' };
    expect(sameGuardian(guardianOf(guardianDraftOf(stored)), stored)).toBe(true);
    expect(sameGuardian(null, stored)).toBe(false);
    expect(sameGuardian(null, null)).toBe(true);
  });
});
