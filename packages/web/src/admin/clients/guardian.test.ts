import { describe, expect, it } from 'vitest';
import { guardianDraftOf, guardianOf, isUnderGuardianAge, sameGuardian } from './guardian';

describe('the guardian age', () => {
  it('goes by the birth date: under 16 until the 16th birthday', () => {
    expect(isUnderGuardianAge('2018-05-01', null, '2028-05-01')).toBe(true);
    expect(isUnderGuardianAge('2012-05-02', null, '2028-05-01')).toBe(true);
    expect(isUnderGuardianAge('2012-05-01', null, '2028-05-01')).toBe(false);
    expect(isUnderGuardianAge('1990-01-01', 2020, '2028-05-01')).toBe(false);
  });

  it('without a birth date, goes by a birth year that leaves no doubt', () => {
    expect(isUnderGuardianAge('', 2013, '2028-12-31')).toBe(true);
    expect(isUnderGuardianAge('', 2012, '2028-01-01')).toBe(false);
    expect(isUnderGuardianAge('', null, '2028-01-01')).toBe(false);
  });
});

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
