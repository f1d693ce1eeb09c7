import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, generateTotpSecret, hotp, totpCode, verifyTotp } from './totp.js';

// RFC 6238 appendix B, SHA-1, secret "12345678901234567890" (codes truncated to 6 digits).
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'));

describe('TOTP', () => {
  it('matches the RFC 6238 test vectors', () => {
    expect(totpCode(RFC_SECRET, new Date(59_000))).toBe('287082');
    expect(totpCode(RFC_SECRET, new Date(1_111_111_109_000))).toBe('081804');
    expect(totpCode(RFC_SECRET, new Date(1_234_567_890_000))).toBe('005924');
    expect(totpCode(RFC_SECRET, new Date(20_000_000_000_000))).toBe('353130');
  });
  it('matches the RFC 4226 HOTP vectors', () => {
    const secret = Buffer.from('12345678901234567890');
    expect([0, 1, 2, 9].map((counter) => hotp(secret, counter))).toEqual(['755224', '287082', '359152', '520489']);
  });
  it('round-trips base32', () => {
    const secret = generateTotpSecret();
    expect(base32Encode(base32Decode(secret))).toBe(secret);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  });
  it('accepts one step of drift, refuses two, and refuses a replayed step', () => {
    const now = new Date(1_700_000_000_000);
    const secret = generateTotpSecret();
    const code = totpCode(secret, now);
    const step = verifyTotp(secret, code, new Date(now.getTime() + 30_000), null);
    expect(step).not.toBeNull();
    expect(verifyTotp(secret, code, new Date(now.getTime() + 90_000), null)).toBeNull();
    expect(verifyTotp(secret, code, now, step)).toBeNull();
  });
});
