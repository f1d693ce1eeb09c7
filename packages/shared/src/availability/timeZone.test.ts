import { describe, expect, it } from 'vitest';
import { dayNumberOf } from './localDate.js';
import { ZoneClock, zoneClock } from './timeZone.js';

const iso = (instant: number) => new Date(instant).toISOString();

function instants(zone: string, date: string, time: string): [string, string] {
  const [hours, minutes] = time.split(':').map(Number);
  const { earlier, later } = zoneClock(zone).instantsOf(dayNumberOf(date)!, hours! * 60 + minutes!);
  return [iso(earlier), iso(later)];
}

describe('ZoneClock', () => {
  it('maps ordinary wall times with the offset in force', () => {
    expect(instants('Europe/Helsinki', '2026-01-15', '09:00')).toEqual(['2026-01-15T07:00:00.000Z', '2026-01-15T07:00:00.000Z']);
    expect(instants('Europe/Helsinki', '2026-07-15', '09:00')).toEqual(['2026-07-15T06:00:00.000Z', '2026-07-15T06:00:00.000Z']);
    expect(instants('UTC', '2026-07-15', '24:00')).toEqual(['2026-07-16T00:00:00.000Z', '2026-07-16T00:00:00.000Z']);
  });

  it('maps a wall time in the spring gap to the first instant after it (Helsinki 03:00→04:00)', () => {
    expect(instants('Europe/Helsinki', '2026-03-29', '02:59')).toEqual(['2026-03-29T00:59:00.000Z', '2026-03-29T00:59:00.000Z']);
    expect(instants('Europe/Helsinki', '2026-03-29', '03:00')).toEqual(['2026-03-29T01:00:00.000Z', '2026-03-29T01:00:00.000Z']);
    expect(instants('Europe/Helsinki', '2026-03-29', '03:30')).toEqual(['2026-03-29T01:00:00.000Z', '2026-03-29T01:00:00.000Z']);
    expect(instants('Europe/Helsinki', '2026-03-29', '04:00')).toEqual(['2026-03-29T01:00:00.000Z', '2026-03-29T01:00:00.000Z']);
    expect(instants('America/New_York', '2026-03-08', '02:30')).toEqual(['2026-03-08T07:00:00.000Z', '2026-03-08T07:00:00.000Z']);
  });

  it('gives both instants of a wall time in the autumn overlap (Helsinki 04:00→03:00)', () => {
    expect(instants('Europe/Helsinki', '2026-10-25', '03:00')).toEqual(['2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z']);
    expect(instants('Europe/Helsinki', '2026-10-25', '03:59')).toEqual(['2026-10-25T00:59:00.000Z', '2026-10-25T01:59:00.000Z']);
    expect(instants('Europe/Helsinki', '2026-10-25', '04:00')).toEqual(['2026-10-25T02:00:00.000Z', '2026-10-25T02:00:00.000Z']);
    expect(instants('America/New_York', '2026-11-01', '01:30')).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z']);
  });

  it('handles a half-hour DST change (Australia/Lord_Howe)', () => {
    // 2026-04-05 02:00 +11 → 01:30 +10:30; 2026-10-04 02:00 +10:30 → 02:30 +11.
    expect(instants('Australia/Lord_Howe', '2026-04-05', '01:45')).toEqual(['2026-04-04T14:45:00.000Z', '2026-04-04T15:15:00.000Z']);
    expect(instants('Australia/Lord_Howe', '2026-10-04', '02:15')).toEqual(['2026-10-03T15:30:00.000Z', '2026-10-03T15:30:00.000Z']);
  });

  it('reads offsets to the second and rejects unknown zones', () => {
    const helsinki = new ZoneClock('Europe/Helsinki');
    expect(helsinki.offsetAt(Date.parse('2026-03-29T00:59:59.999Z'))).toBe(2 * 3_600_000);
    expect(helsinki.offsetAt(Date.parse('2026-03-29T01:00:00.000Z'))).toBe(3 * 3_600_000);
    expect(new ZoneClock('Asia/Kolkata').offsetAt(0)).toBe(5.5 * 3_600_000);
    expect(() => zoneClock('Europe/Atlantis')).toThrow(RangeError);
  });
});
