import { describe, expect, it } from 'vitest';
import { dayNumberOfIsoDate, instantAt, isoDateOf, isoWeekNumber, minuteLabel, minuteOfLabel, mondayOf, wallOf } from './time';

describe('clinic-local dates', () => {
  it('turns dates into day numbers and back', () => {
    const day = dayNumberOfIsoDate('2026-11-30');
    expect(day).not.toBeNull();
    expect(isoDateOf(day as number)).toBe('2026-11-30');
    expect(dayNumberOfIsoDate('2026-13-01')).toBeNull();
  });

  it('finds Monday and the ISO week', () => {
    const sunday = dayNumberOfIsoDate('2026-01-04') as number;
    expect(isoDateOf(mondayOf(sunday))).toBe('2025-12-29');
    expect(isoWeekNumber(sunday)).toBe(1);
    expect(isoWeekNumber(dayNumberOfIsoDate('2026-12-31') as number)).toBe(53);
  });

  it('maps a clinic wall time to the instant and back, in summer and in winter', () => {
    const summer = dayNumberOfIsoDate('2026-07-01') as number;
    expect(instantAt(summer, 600, 'Europe/Helsinki').toISOString()).toBe('2026-07-01T07:00:00.000Z');
    const winter = dayNumberOfIsoDate('2026-12-01') as number;
    expect(instantAt(winter, 600, 'Europe/Helsinki').toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(wallOf('2026-12-01T08:00:00.000Z', 'Europe/Helsinki')).toEqual({ dayNumber: winter, minute: 600 });
  });

  it('reads and writes HH:MM', () => {
    expect(minuteLabel(545)).toBe('09:05');
    expect(minuteOfLabel('09:05')).toBe(545);
    expect(minuteOfLabel('9:05')).toBeNull();
  });
});
