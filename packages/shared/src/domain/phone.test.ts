import { describe, expect, it } from 'vitest';
import { toE164 } from './phone.js';

describe('toE164', () => {
  it('reads Finnish numbers written in the usual ways', () => {
    expect(toE164('040 123 4567')).toBe('+358401234567');
    expect(toE164('+358 40 123 4567')).toBe('+358401234567');
    expect(toE164('00358-40-1234567')).toBe('+358401234567');
    expect(toE164('(09) 123 456')).toBe('+3589123456');
  });
  it('keeps other countries and refuses what cannot be a number', () => {
    expect(toE164('+46 70 123 45 67')).toBe('+46701234567');
    expect(toE164('+0 123')).toBeNull();
    expect(toE164('12')).toBeNull();
    expect(toE164('+1234567890123456')).toBeNull();
  });
});
