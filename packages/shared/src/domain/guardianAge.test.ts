import { describe, expect, it } from 'vitest';
import { isUnderGuardianAge } from './guardianAge.js';

describe('under the guardian age', () => {
  it('by the birth date: 16 from the birthday on', () => {
    expect(isUnderGuardianAge('2010-06-15', null, '2026-06-14')).toBe(true);
    expect(isUnderGuardianAge('2010-06-15', null, '2026-06-15')).toBe(false);
  });

  it('a birth date wins over the birth year', () => {
    expect(isUnderGuardianAge('1990-01-01', 2020, '2026-06-15')).toBe(false);
  });

  it('by the birth year only when it leaves no doubt', () => {
    expect(isUnderGuardianAge(null, 2011, '2026-06-15')).toBe(true);
    // Born in 2010: 15 or 16 by now, so not certainly under 16.
    expect(isUnderGuardianAge(null, 2010, '2026-06-15')).toBe(false);
  });

  it('a date still being typed counts as none', () => {
    expect(isUnderGuardianAge('2018-0', 2011, '2026-06-15')).toBe(true);
    expect(isUnderGuardianAge('', null, '2026-06-15')).toBe(false);
  });
});
