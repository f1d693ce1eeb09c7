import { describe, expect, it } from 'vitest';
import { dayNumberOfIsoDate, instantAt } from '../time';
import { assignLanes, placeEntry, visibleMinutes } from './layout';
import type { CalendarEntry, Column } from './types';

const ZONE = 'Europe/Helsinki';
const DAY = dayNumberOfIsoDate('2026-01-15') as number;
const at = (day: number, minute: number) => instantAt(day, minute, ZONE).toISOString();

const booking = (id: string, practitionerId: string, start: string, end: string, roomId: string | null = null): CalendarEntry => ({
  type: 'booking',
  id,
  start,
  end,
  status: 'confirmed',
  practitionerId,
  roomId,
  service: { id: 's', name: { en: 'Massage' } },
  client: { id: 'c', name: 'Aino' },
});

describe('placeEntry', () => {
  const dayColumns: Column[] = [
    { key: 'p1', day: DAY, resourceId: 'p1', label: 'P1' },
    { key: 'room', day: DAY, resourceId: 'room', label: 'Room' },
  ];

  it('puts a booking in its practitioner column at its clinic-local minutes', () => {
    expect(placeEntry(booking('b', 'p1', at(DAY, 600), at(DAY, 645)), dayColumns, ZONE)).toEqual({
      columnKey: 'p1',
      startMinute: 600,
      endMinute: 645,
    });
  });

  it('finds a booking by its room when its practitioner is not shown', () => {
    expect(placeEntry(booking('b', 'other', at(DAY, 600), at(DAY, 645), 'room'), dayColumns, ZONE)?.columnKey).toBe('room');
  });

  it('puts a booking in the week column of its local day, not its UTC day', () => {
    const week: Column[] = [0, 1].map((offset) => ({ key: `d${offset}`, day: DAY + offset, resourceId: null, label: '' }));
    // 00:30 local on the second day is still the first day in UTC.
    expect(placeEntry(booking('b', 'p1', at(DAY + 1, 30), at(DAY + 1, 90)), week, ZONE)).toEqual({
      columnKey: 'd1',
      startMinute: 30,
      endMinute: 90,
    });
  });

  it('leaves out an entry of a resource that is not shown', () => {
    expect(placeEntry(booking('b', 'p2', at(DAY, 600), at(DAY, 645)), dayColumns, ZONE)).toBeNull();
  });

  it('keeps wall-clock minutes across the spring DST change', () => {
    // Clocks go from 03:00 to 04:00 in Helsinki that night: 10:00 local is 07:00 UTC, not 08:00.
    const springDay = dayNumberOfIsoDate('2026-03-29') as number;
    const columns: Column[] = [{ key: 'p1', day: springDay, resourceId: 'p1', label: '' }];
    expect(at(springDay, 600)).toBe('2026-03-29T07:00:00.000Z');
    expect(placeEntry(booking('b', 'p1', '2026-03-29T07:00:00.000Z', '2026-03-29T08:00:00.000Z'), columns, ZONE)).toMatchObject({
      startMinute: 600,
      endMinute: 660,
    });
  });
});

describe('assignLanes', () => {
  it('gives overlapping entries side-by-side lanes and separate clusters their own count', () => {
    const a = { startMinute: 600, endMinute: 660 };
    const b = { startMinute: 630, endMinute: 690 };
    const c = { startMinute: 665, endMinute: 700 };
    const d = { startMinute: 800, endMinute: 830 };
    const lanes = assignLanes([a, b, c, d]);
    expect(lanes.get(a)).toEqual({ lane: 0, lanes: 2 });
    expect(lanes.get(b)).toEqual({ lane: 1, lanes: 2 });
    expect(lanes.get(c)).toEqual({ lane: 0, lanes: 2 });
    expect(lanes.get(d)).toEqual({ lane: 0, lanes: 1 });
  });
});

describe('visibleMinutes', () => {
  it('shows 07–20 and widens to whole hours around earlier or later entries', () => {
    expect(visibleMinutes([])).toEqual({ first: 420, last: 1200 });
    expect(visibleMinutes([{ columnKey: 'x', startMinute: 390, endMinute: 1230 }])).toEqual({ first: 360, last: 1260 });
  });
});
