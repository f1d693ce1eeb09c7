import { describe, expect, it } from 'vitest';
import { nextWindowOpening, wallClockHoursBefore } from './wallClock.js';

const HELSINKI = 'Europe/Helsinki';

describe('wall-clock arithmetic in Europe/Helsinki', () => {
  it('a reminder 24 h before keeps the local time across the spring change (23 real hours)', () => {
    // Monday 2026-03-30 10:00 EEST = 07:00Z; Sunday 29 March 10:00 is already EEST.
    expect(wallClockHoursBefore(new Date('2026-03-30T07:00:00Z'), 24, HELSINKI).toISOString()).toBe('2026-03-29T07:00:00.000Z');
  });
  it('a reminder 24 h before keeps the local time across the autumn change (25 real hours)', () => {
    // Monday 2026-10-26 10:00 EET = 08:00Z; Sunday 25 October 10:00 is EET too, but Saturday 10:00 was EEST.
    expect(wallClockHoursBefore(new Date('2026-10-26T08:00:00Z'), 24, HELSINKI).toISOString()).toBe('2026-10-25T08:00:00.000Z');
    expect(wallClockHoursBefore(new Date('2026-10-25T08:00:00Z'), 24, HELSINKI).toISOString()).toBe('2026-10-24T07:00:00.000Z');
  });
  it('a time inside the spring gap moves to the first instant after it', () => {
    // 2026-03-30 03:30 local minus 24 h = 03:30 on the 29th, which does not exist (03:00 -> 04:00).
    expect(wallClockHoursBefore(new Date('2026-03-30T00:30:00Z'), 24, HELSINKI).toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });
  it('finds the next opening of a daily window', () => {
    expect(nextWindowOpening(new Date('2026-06-01T09:00:00Z'), HELSINKI, 8, 20)).toBeNull(); // 12:00 local
    expect(nextWindowOpening(new Date('2026-06-01T18:30:00Z'), HELSINKI, 8, 20)?.toISOString()).toBe('2026-06-02T05:00:00.000Z');
    expect(nextWindowOpening(new Date('2026-06-01T02:00:00Z'), HELSINKI, 8, 20)?.toISOString()).toBe('2026-06-01T05:00:00.000Z');
    expect(nextWindowOpening(new Date('2026-01-15T17:59:00Z'), HELSINKI, 8, 20)).toBeNull(); // 19:59 local
    expect(nextWindowOpening(new Date('2026-01-15T18:00:00Z'), HELSINKI, 8, 20)?.toISOString()).toBe('2026-01-16T06:00:00.000Z');
  });
});
