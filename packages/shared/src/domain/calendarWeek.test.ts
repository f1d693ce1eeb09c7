import { describe, expect, it } from 'vitest';
import { addDays, mondayOf, weekWindow } from './calendarWeek.js';

describe('calendar weeks', () => {
  it('steps over month and year ends', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
  });

  it('finds the Monday of any day, Sunday included', () => {
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(mondayOf('2026-12-06')).toBe('2026-11-30');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
  });

  it("this week's window starts today; a later week's on its Monday; both end on Sunday", () => {
    expect(weekWindow('2026-11-30', '2026-12-02')).toEqual({ from: '2026-12-02', to: '2026-12-06' });
    expect(weekWindow('2026-12-07', '2026-12-02')).toEqual({ from: '2026-12-07', to: '2026-12-13' });
  });
});
