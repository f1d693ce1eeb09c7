import { describe, expect, it } from 'vitest';
import { isValidFinnishBusinessId } from './businessId.js';

describe('isValidFinnishBusinessId', () => {
  it('accepts real business ids', () => {
    // 0112038-9 is a registered company id; both have correct check digits
    expect(isValidFinnishBusinessId('0112038-9')).toBe(true);
    expect(isValidFinnishBusinessId('0246246-0')).toBe(true);
  });
  it('rejects a wrong check digit or format', () => {
    expect(isValidFinnishBusinessId('0112038-8')).toBe(false);
    expect(isValidFinnishBusinessId('112038-9')).toBe(false);
    expect(isValidFinnishBusinessId('01120389')).toBe(false);
    expect(isValidFinnishBusinessId('')).toBe(false);
  });
});
