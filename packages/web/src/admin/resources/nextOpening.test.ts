import { describe, expect, it } from 'vitest';
import { nextOpening } from './nextOpening';

describe('the interval "+ Open" adds', () => {
  it('is 08–16 on a closed day', () => {
    expect(nextOpening([])).toEqual({ start: '08:00', end: '16:00' });
  });

  it('starts after a break and ends after it starts (not 16:00–16:00)', () => {
    expect(nextOpening([{ start: '08:00', end: '16:00' }])).toEqual({ start: '17:00', end: '21:00' });
  });

  it('starts after the latest end, whatever the order of the rows', () => {
    expect(
      nextOpening([
        { start: '12:00', end: '18:00' },
        { start: '08:00', end: '10:00' },
      ]),
    ).toEqual({ start: '19:00', end: '23:00' });
  });

  it('never runs past midnight', () => {
    expect(nextOpening([{ start: '08:00', end: '22:30' }])).toEqual({ start: '23:00', end: '23:59' });
    expect(nextOpening([{ start: '08:00', end: '23:30' }])).toEqual({ start: '23:30', end: '23:59' });
  });

  it('adds nothing to a day open until midnight', () => {
    expect(nextOpening([{ start: '08:00', end: '24:00' }])).toBeNull();
    expect(nextOpening([{ start: '08:00', end: '23:50' }])).toBeNull();
  });
});
