import { describe, expect, it } from 'vitest';
import { computeAvailability } from './computeAvailability.js';
import { AvailabilityWindowError } from './errors.js';
import type { AvailabilityRequest, Busy, DateException, ResourceSchedule, Slot, WeeklyHours, WorkingInterval } from './types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const at = (isoInstant: string) => Date.parse(isoInstant);
const iso = (instant: number) => new Date(instant).toISOString();
const startsOf = (slots: Slot[]) => slots.map((slot) => iso(slot.start));
const span = (start: string, end: string): Busy => ({ start: at(start), end: at(end) });
const everyDay = (...intervals: WorkingInterval[]): WeeklyHours => ({
  1: intervals,
  2: intervals,
  3: intervals,
  4: intervals,
  5: intervals,
  6: intervals,
  7: intervals,
});
const weekdays = (...intervals: WorkingInterval[]): WeeklyHours => ({
  1: intervals,
  2: intervals,
  3: intervals,
  4: intervals,
  5: intervals,
});

function resource(resourceId: string, weekly: WeeklyHours, more: { exceptions?: DateException[]; busy?: Busy[] } = {}): ResourceSchedule {
  return { resourceId, weekly, exceptions: more.exceptions ?? [], busy: more.busy ?? [] };
}

function request(overrides: Partial<AvailabilityRequest>): AvailabilityRequest {
  return {
    timeZone: 'Europe/Helsinki',
    now: at('2026-01-01T00:00:00Z'),
    from: '2026-06-01',
    to: '2026-06-01',
    durationMinutes: 60,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    rules: { minNoticeMinutes: 0, maxAdvanceDays: 730, slotStepMinutes: 15 },
    practitioners: [],
    rooms: null,
    ...overrides,
  };
}

/** Slots of one practitioner `p` working `weekly` in Helsinki, with the given overrides. */
const slotsFor = (weekly: WeeklyHours, overrides: Partial<AvailabilityRequest> = {}, more: Parameters<typeof resource>[2] = {}) =>
  computeAvailability(request({ practitioners: [resource('p', weekly, more)], ...overrides }));

/** The distinct differences between consecutive starts. */
const gapsOf = (slots: Slot[]) => [...new Set(slots.slice(1).map((slot, index) => slot.start - slots[index]!.start))];

const totalHours = (slots: Slot[]) => slots.reduce((sum, slot) => sum + slot.end - slot.start, 0) / HOUR;

describe('computeAvailability across the Helsinki DST changes', () => {
  const smallHours = { start: '00:00', end: '06:00' };
  const officeHours = { start: '08:00', end: '16:00' };

  it('gives 5 hours of slots for 00:00–06:00 on the spring day (2026-03-29, 03:00→04:00)', () => {
    const slots = slotsFor({ 7: [smallHours] }, { from: '2026-03-29', to: '2026-03-29', durationMinutes: 15 });
    expect(slots).toHaveLength(20);
    expect(totalHours(slots)).toBe(5);
    expect(iso(slots[0]!.start)).toBe('2026-03-28T22:00:00.000Z'); // 00:00 EET
    expect(iso(slots.at(-1)!.end)).toBe('2026-03-29T03:00:00.000Z'); // 06:00 EEST
    // 02:45 EET is followed directly by 04:00 EEST: the wall clock skips an hour, time does not.
    expect(startsOf(slots)).toContain('2026-03-29T00:45:00.000Z');
    expect(startsOf(slots)).toContain('2026-03-29T01:00:00.000Z');
    expect(gapsOf(slots)).toEqual([HOUR / 4]);

    const hourLong = slotsFor({ 7: [smallHours] }, { from: '2026-03-29', to: '2026-03-29', durationMinutes: 60 });
    expect(iso(hourLong[0]!.start)).toBe('2026-03-28T22:00:00.000Z');
    expect(iso(hourLong.at(-1)!.start)).toBe('2026-03-29T02:00:00.000Z'); // 05:00 EEST
    expect(hourLong).toHaveLength(17);
  });

  it('gives 7 hours of slots for 00:00–06:00 on the autumn day (2026-10-25, 04:00→03:00)', () => {
    const slots = slotsFor({ 7: [smallHours] }, { from: '2026-10-25', to: '2026-10-25', durationMinutes: 15 });
    expect(slots).toHaveLength(28);
    expect(totalHours(slots)).toBe(7);
    expect(iso(slots[0]!.start)).toBe('2026-10-24T21:00:00.000Z'); // 00:00 EEST
    expect(iso(slots.at(-1)!.end)).toBe('2026-10-25T04:00:00.000Z'); // 06:00 EET
    // 03:00 happens twice: at 03:00 EEST and an hour later at 03:00 EET; both are offered.
    expect(startsOf(slots)).toContain('2026-10-25T00:00:00.000Z');
    expect(startsOf(slots)).toContain('2026-10-25T01:00:00.000Z');
    expect(gapsOf(slots)).toEqual([HOUR / 4]);
  });

  it('offers office hours at 08:00 local on both change days', () => {
    const spring = slotsFor({ 7: [officeHours] }, { from: '2026-03-29', to: '2026-03-29' });
    expect(iso(spring[0]!.start)).toBe('2026-03-29T05:00:00.000Z'); // 08:00 EEST (UTC+3)
    expect(iso(spring.at(-1)!.start)).toBe('2026-03-29T12:00:00.000Z'); // 15:00 EEST
    expect(spring).toHaveLength(29);

    const autumn = slotsFor({ 7: [officeHours] }, { from: '2026-10-25', to: '2026-10-25' });
    expect(iso(autumn[0]!.start)).toBe('2026-10-25T06:00:00.000Z'); // 08:00 EET (UTC+2)
    expect(iso(autumn.at(-1)!.start)).toBe('2026-10-25T13:00:00.000Z'); // 15:00 EET
    expect(autumn).toHaveLength(29);
  });

  it('moves a Monday 09:00–17:00 one hour earlier in UTC after the spring change', () => {
    const slots = slotsFor({ 1: [{ start: '09:00', end: '17:00' }] }, { from: '2026-03-23', to: '2026-03-30' });
    const before = slots.filter((slot) => slot.start < at('2026-03-29T00:00:00Z'));
    const after = slots.filter((slot) => slot.start >= at('2026-03-29T00:00:00Z'));
    expect([iso(before[0]!.start), iso(before.at(-1)!.start)]).toEqual(['2026-03-23T07:00:00.000Z', '2026-03-23T14:00:00.000Z']);
    expect([iso(after[0]!.start), iso(after.at(-1)!.start)]).toEqual(['2026-03-30T06:00:00.000Z', '2026-03-30T13:00:00.000Z']);
    expect(after.map((slot) => slot.start)).toEqual(before.map((slot) => slot.start + 7 * DAY - HOUR));
  });

  it('moves a Monday 09:00–17:00 one hour later in UTC after the autumn change', () => {
    const slots = slotsFor({ 1: [{ start: '09:00', end: '17:00' }] }, { from: '2026-10-19', to: '2026-10-26' });
    const before = slots.filter((slot) => slot.start < at('2026-10-25T00:00:00Z'));
    const after = slots.filter((slot) => slot.start >= at('2026-10-25T00:00:00Z'));
    expect([iso(before[0]!.start), iso(before.at(-1)!.start)]).toEqual(['2026-10-19T06:00:00.000Z', '2026-10-19T13:00:00.000Z']);
    expect([iso(after[0]!.start), iso(after.at(-1)!.start)]).toEqual(['2026-10-26T07:00:00.000Z', '2026-10-26T14:00:00.000Z']);
    expect(after.map((slot) => slot.start)).toEqual(before.map((slot) => slot.start + 7 * DAY + HOUR));
  });

  it('starts a working interval that begins inside the gap at the first instant after it', () => {
    const slots = slotsFor({ 7: [{ start: '03:30', end: '05:00' }] }, { from: '2026-03-29', to: '2026-03-29' });
    // 03:30 does not exist; the interval runs 04:00–05:00 EEST (01:00Z–02:00Z).
    expect(startsOf(slots)).toEqual(['2026-03-29T01:00:00.000Z']);
  });
});

describe('computeAvailability edges', () => {
  const practitioner = resource('p', everyDay({ start: '08:00', end: '16:00' }));

  it('accepts a window of 62 dates and rejects 63 with an AvailabilityWindowError', () => {
    expect(() => computeAvailability(request({ from: '2026-01-01', to: '2026-03-03' }))).not.toThrow();
    const tooLong = () => computeAvailability(request({ from: '2026-01-01', to: '2026-03-04' }));
    expect(tooLong).toThrow(AvailabilityWindowError);
    expect(tooLong).toThrow(expect.objectContaining({ problem: 'TOO_LONG', name: 'AvailabilityWindowError' }));
  });

  it('rejects a reversed window and a date that does not exist', () => {
    expect(() => computeAvailability(request({ from: '2026-06-02', to: '2026-06-01' }))).toThrow(
      expect.objectContaining({ problem: 'REVERSED' }),
    );
    expect(() => computeAvailability(request({ from: '2026-02-30', to: '2026-03-01' }))).toThrow(
      expect.objectContaining({ problem: 'INVALID_DATE' }),
    );
    expect(() => computeAvailability(request({ from: '2026-6-1', to: '2026-06-01' }))).toThrow(AvailabilityWindowError);
  });

  it('rejects malformed data with a RangeError', () => {
    expect(() => computeAvailability(request({ timeZone: 'Mars/Olympus_Mons' }))).toThrow(RangeError);
    expect(() => computeAvailability(request({ durationMinutes: 0 }))).toThrow(RangeError);
    expect(() => computeAvailability(request({ rules: { minNoticeMinutes: 0, maxAdvanceDays: 30, slotStepMinutes: 0 } }))).toThrow(
      RangeError,
    );
    expect(() => computeAvailability(request({ bufferBeforeMinutes: -5 }))).toThrow(RangeError);
    expect(() => slotsFor({ 1: [{ start: '24:00', end: '24:00' }] })).toThrow(RangeError);
    expect(() => slotsFor({ 1: [{ start: '09:00', end: '25:00' }] })).toThrow(RangeError);
    expect(() => slotsFor({ 1: [{ start: '12:00', end: '09:00' }] })).toThrow(RangeError);
  });

  it('offers nothing when the service is longer than every working interval', () => {
    const lunchBreak = everyDay({ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' });
    expect(slotsFor(lunchBreak, { from: '2026-06-01', to: '2026-06-07', durationMinutes: 300 })).toEqual([]);
  });

  it('treats touching intervals as one stretch of working time', () => {
    const split = everyDay({ start: '08:00', end: '12:00' }, { start: '12:00', end: '16:00' });
    expect(startsOf(slotsFor(split, { durationMinutes: 480 }))).toEqual(['2026-06-01T05:00:00.000Z']);
  });

  it('skips the lunch break when a day has several intervals', () => {
    const lunchBreak = everyDay({ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' });
    const slots = slotsFor(lunchBreak, { rules: { minNoticeMinutes: 0, maxAdvanceDays: 730, slotStepMinutes: 30 } });
    // Helsinki summer time is UTC+3: 08:00 local = 05:00Z.
    expect(startsOf(slots)).toEqual(
      [
        ...['05:00', '05:30', '06:00', '06:30', '07:00', '07:30', '08:00'],
        ...['10:00', '10:30', '11:00', '11:30', '12:00', '12:30', '13:00'],
      ].map((time) => `2026-06-01T${time}:00.000Z`),
    );
  });

  it('lets buffers reach outside working hours but not into busy time', () => {
    const buffered = { bufferBeforeMinutes: 15, bufferAfterMinutes: 15 };
    const hours = everyDay({ start: '08:00', end: '16:00' });
    const free = slotsFor(hours, buffered);
    expect([startsOf(free)[0], startsOf(free).at(-1)]).toEqual(['2026-06-01T05:00:00.000Z', '2026-06-01T12:00:00.000Z']);

    // Busy 07:45–08:00 and 16:00–16:15 local: the first and last slot's buffers would overlap them.
    const squeezed = slotsFor(hours, buffered, {
      busy: [span('2026-06-01T04:45:00Z', '2026-06-01T05:00:00Z'), span('2026-06-01T13:00:00Z', '2026-06-01T13:15:00Z')],
    });
    expect([startsOf(squeezed)[0], startsOf(squeezed).at(-1)]).toEqual(['2026-06-01T05:15:00.000Z', '2026-06-01T11:45:00.000Z']);

    // Busy spans that only touch the buffered span leave it free (half-open).
    const touching = slotsFor(hours, buffered, {
      busy: [span('2026-06-01T04:00:00Z', '2026-06-01T04:45:00Z'), span('2026-06-01T13:15:00Z', '2026-06-01T14:00:00Z')],
    });
    expect(startsOf(touching)).toEqual(startsOf(free));
  });

  it('keeps a booking and its buffers clear of a busy span in the middle of the day', () => {
    const slots = slotsFor(
      everyDay({ start: '08:00', end: '16:00' }),
      { bufferAfterMinutes: 10 },
      { busy: [span('2026-06-01T08:00:00Z', '2026-06-01T09:00:00Z')] },
    );
    const starts = startsOf(slots);
    expect(starts).toContain('2026-06-01T06:45:00.000Z'); // ends 07:45Z, buffer to 07:55Z
    expect(starts).not.toContain('2026-06-01T07:00:00.000Z'); // buffer to 08:10Z
    expect(starts).not.toContain('2026-06-01T08:45:00.000Z');
    expect(starts).toContain('2026-06-01T09:00:00.000Z');
  });

  it('closes a day with an empty exception and opens a weekend day with hours', () => {
    const p = resource('p', weekdays({ start: '09:00', end: '17:00' }), {
      exceptions: [
        { date: '2026-06-08', intervals: [] },
        { date: '2026-06-13', intervals: [{ start: '10:00', end: '14:00' }] },
      ],
    });
    const slots = computeAvailability(request({ from: '2026-06-08', to: '2026-06-14', practitioners: [p] }));
    const dates = new Set(slots.map((slot) => iso(slot.start).slice(0, 10)));
    expect([...dates]).toEqual(['2026-06-09', '2026-06-10', '2026-06-11', '2026-06-12', '2026-06-13']);
    const saturday = slots.filter((slot) => iso(slot.start).startsWith('2026-06-13'));
    expect([iso(saturday[0]!.start), iso(saturday.at(-1)!.start)]).toEqual(['2026-06-13T07:00:00.000Z', '2026-06-13T10:00:00.000Z']);
  });

  it('needs a free practitioner and a free room, and lists every free one', () => {
    const a = resource('a', everyDay({ start: '08:00', end: '16:00' }));
    const b = resource('b', everyDay({ start: '12:00', end: '16:00' }));
    const room1 = resource('room1', everyDay({ start: '00:00', end: '24:00' }), {
      busy: [span('2026-06-01T05:00:00Z', '2026-06-01T09:00:00Z')],
    });
    const room2 = resource('room2', everyDay({ start: '00:00', end: '24:00' }), {
      busy: [span('2026-06-01T11:00:00Z', '2026-06-01T13:00:00Z')],
    });
    const slots = computeAvailability(request({ practitioners: [a, b], rooms: [room1, room2] }));
    const byStart = new Map(slots.map((slot) => [iso(slot.start), slot]));
    expect(byStart.get('2026-06-01T05:00:00.000Z')).toMatchObject({ practitionerIds: ['a'], roomIds: ['room2'] });
    expect(byStart.get('2026-06-01T09:00:00.000Z')).toMatchObject({ practitionerIds: ['a', 'b'], roomIds: ['room1', 'room2'] });
    expect(byStart.get('2026-06-01T11:00:00.000Z')).toMatchObject({ practitionerIds: ['a', 'b'], roomIds: ['room1'] });

    const bothRoomsBusy = resource('room3', {}, {});
    expect(computeAvailability(request({ practitioners: [a], rooms: [bothRoomsBusy] }))).toEqual([]);
    expect(computeAvailability(request({ practitioners: [a], rooms: [] }))).toEqual([]);
    expect(computeAvailability(request({ practitioners: [], rooms: null }))).toEqual([]);
    expect(computeAvailability(request({ practitioners: [a], rooms: null }))[0]).toMatchObject({ practitionerIds: ['a'], roomIds: [] });
  });

  it('keeps to minimum notice and maximum advance, and never offers the past', () => {
    const now = at('2026-06-01T05:10:00Z'); // 08:10 local
    const slots = computeAvailability(
      request({
        now,
        from: '2026-05-31',
        to: '2026-06-03',
        practitioners: [practitioner],
        rules: { minNoticeMinutes: 60, maxAdvanceDays: 1, slotStepMinutes: 15 },
      }),
    );
    expect(iso(slots[0]!.start)).toBe('2026-06-01T06:15:00.000Z'); // 09:15 local, the first start ≥ 09:10
    expect(iso(slots.at(-1)!.start)).toBe('2026-06-02T05:00:00.000Z'); // 08:00 local next day ≤ now + 24 h

    const negativeNotice = computeAvailability(
      request({
        now: at('2026-06-01T07:00:00Z'),
        practitioners: [practitioner],
        rules: { minNoticeMinutes: -120, maxAdvanceDays: 1, slotStepMinutes: 15 },
      }),
    );
    expect(iso(negativeNotice[0]!.start)).toBe('2026-06-01T07:00:00.000Z');
    expect(computeAvailability(request({ now: at('2026-07-01T00:00:00Z'), practitioners: [practitioner] }))).toEqual([]);
  });

  it('sets each slot’s end from the duration and starts on the step from local midnight', () => {
    const slots = slotsFor(everyDay({ start: '08:10', end: '10:00' }), {
      durationMinutes: 25,
      rules: { minNoticeMinutes: 0, maxAdvanceDays: 730, slotStepMinutes: 20 },
    });
    expect(slots.map((slot) => [iso(slot.start).slice(11, 16), iso(slot.end).slice(11, 16)])).toEqual([
      ['05:20', '05:45'],
      ['05:40', '06:05'],
      ['06:00', '06:25'],
      ['06:20', '06:45'],
    ]);
  });
});
