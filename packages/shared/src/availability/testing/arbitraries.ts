import fc from 'fast-check';
import type { AvailabilityRequest, Busy, DateException, ResourceSchedule, WeeklyHours, WorkingInterval } from '../types.js';
import { TEST_ZONES } from './reference.js';

/** fast-check generators of availability requests, biased towards DST changes and touching edges. */

const MINUTE = 60_000;
const DAY = 86_400_000;

export const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY;
export const dateOf = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

/** Sundays on which each test zone changes offset in 2026. */
const CHANGE_DAYS: Record<string, number[]> = {
  'Europe/Helsinki': ['2026-03-29', '2026-10-25'].map(dayNumber),
  'Europe/Stockholm': ['2026-03-29', '2026-10-25'].map(dayNumber),
  'America/New_York': ['2026-03-08', '2026-11-01'].map(dayNumber),
  UTC: [],
};

/** A zone and a first date: mostly a few days before one of that zone's DST changes, else any date from late 2025 to early 2027. */
export const zoneAndFirstDayArb: fc.Arbitrary<[string, number]> = fc.constantFrom(...TEST_ZONES).chain((zone) => {
  const anyDay = fc.integer({ min: dayNumber('2025-11-01'), max: dayNumber('2027-02-28') });
  const changes = CHANGE_DAYS[zone] ?? [];
  const nearChange =
    changes.length > 0 ? fc.tuple(fc.constantFrom(...changes), fc.integer({ min: -6, max: 0 })).map(([day, shift]) => day + shift) : anyDay;
  return fc.tuple(fc.constant(zone), fc.oneof({ arbitrary: nearChange, weight: 3 }, { arbitrary: anyDay, weight: 1 }));
});

const hhmm = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Minutes of a day on a 5-minute grid, with extra weight on whole and quarter hours and on the small hours. */
const minuteArb = fc.oneof(
  fc.integer({ min: 0, max: 24 }).map((hour) => hour * 60),
  fc.integer({ min: 0, max: 24 }).map((quarter) => quarter * 15), // 00:00–06:00, where the DST changes are
  fc.integer({ min: 4, max: 16 }).map((quarter) => quarter * 15), // 01:00–04:00, the skipped and repeated hours
  fc.integer({ min: 0, max: 96 }).map((quarter) => quarter * 15),
  fc.integer({ min: 0, max: 288 }).map((five) => five * 5),
);

export const intervalArb: fc.Arbitrary<WorkingInterval> = fc
  .tuple(minuteArb, minuteArb)
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => ({ start: hhmm(Math.min(a, b)), end: hhmm(Math.max(a, b)) }));

const intervalsArb = fc.array(intervalArb, { maxLength: 3 });

export const weeklyArb: fc.Arbitrary<WeeklyHours> = fc
  .array(fc.option(intervalsArb, { nil: undefined }), { minLength: 7, maxLength: 7 })
  .map((days) => {
    const weekly: WeeklyHours = {};
    days.forEach((intervals, index) => {
      if (intervals) weekly[(index + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7] = intervals;
    });
    return weekly;
  });

type ResourceShape = {
  weekly: WeeklyHours;
  exceptions: { dayShift: number; intervals: WorkingInterval[] }[];
  busy: { startFive: number; lengthFive: number }[];
};

const resourceShapeArb: fc.Arbitrary<ResourceShape> = fc.record({
  weekly: weeklyArb,
  exceptions: fc.array(fc.record({ dayShift: fc.integer({ min: -2, max: 16 }), intervals: fc.array(intervalArb, { maxLength: 2 }) }), {
    maxLength: 4,
  }),
  // Busy spans on a 5-minute grid from 36 h before the first date to ~17 days after it; a few empty.
  busy: fc.array(fc.record({ startFive: fc.integer({ min: -432, max: 4_900 }), lengthFive: fc.integer({ min: 0, max: 60 }) }), {
    maxLength: 30,
  }),
});

function resourceOf(id: string, shape: ResourceShape, firstDay: number): ResourceSchedule {
  const exceptions: DateException[] = shape.exceptions.map(({ dayShift, intervals }) => ({ date: dateOf(firstDay + dayShift), intervals }));
  const busy: Busy[] = shape.busy.map(({ startFive, lengthFive }) => {
    const start = firstDay * DAY + startFive * 5 * MINUTE;
    return { start, end: start + lengthFive * 5 * MINUTE };
  });
  return { resourceId: id, weekly: shape.weekly, exceptions, busy };
}

/** Everything about a request except its window, so one scenario can be asked over several windows. */
export type Scenario = {
  zone: string;
  firstDay: number;
  nowShift: number;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minNoticeMinutes: number;
  maxAdvanceDays: number;
  slotStepMinutes: number;
  practitioners: ResourceShape[];
  rooms: ResourceShape[] | null;
};

const scenarioFieldsArb = fc.record({
  zoneAndFirstDay: zoneAndFirstDayArb,
  // `now` mostly shortly before the first date, sometimes up to 15 days after it; to the millisecond or on the 5-minute grid.
  nowShift: fc.oneof(
    { arbitrary: fc.integer({ min: -4 * DAY, max: DAY }), weight: 2 },
    { arbitrary: fc.integer({ min: -4 * 288, max: 288 }).map((five) => five * 5 * MINUTE), weight: 2 },
    { arbitrary: fc.integer({ min: -4 * DAY, max: 15 * DAY }), weight: 1 },
  ),
  durationMinutes: fc.oneof(
    fc.integer({ min: 1, max: 12 }).map((n) => n * 15),
    fc.integer({ min: 1, max: 300 }),
  ),
  bufferBeforeMinutes: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 60 })),
  bufferAfterMinutes: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 60 })),
  minNoticeMinutes: fc.oneof(
    fc.integer({ min: -60, max: 180 }),
    fc.integer({ min: 0, max: 2 * 1440 }),
    fc.integer({ min: 0, max: 48 }).map((quarter) => quarter * 15),
  ),
  maxAdvanceDays: fc.oneof(fc.constant(365), fc.integer({ min: 0, max: 20 })),
  slotStepMinutes: fc.constantFrom(5, 10, 15, 20, 25, 30, 45, 60),
  practitioners: fc.oneof(
    { arbitrary: fc.array(resourceShapeArb, { minLength: 1, maxLength: 4 }), weight: 9 },
    { arbitrary: fc.constant<ResourceShape[]>([]), weight: 1 },
  ),
  rooms: fc.option(
    fc.oneof(
      { arbitrary: fc.array(resourceShapeArb, { minLength: 1, maxLength: 3 }), weight: 9 },
      { arbitrary: fc.constant<ResourceShape[]>([]), weight: 1 },
    ),
    {
      nil: null,
    },
  ),
});

export const scenarioArb: fc.Arbitrary<Scenario> = scenarioFieldsArb.map(({ zoneAndFirstDay: [zone, firstDay], ...rest }) => ({
  zone,
  firstDay,
  ...rest,
}));

/** The request of a scenario over `days` dates starting `offsetDays` after its first date. */
export function requestOf(scenario: Scenario, offsetDays: number, days: number): AvailabilityRequest {
  const { firstDay } = scenario;
  return {
    timeZone: scenario.zone,
    now: firstDay * DAY + scenario.nowShift,
    from: dateOf(firstDay + offsetDays),
    to: dateOf(firstDay + offsetDays + days - 1),
    durationMinutes: scenario.durationMinutes,
    bufferBeforeMinutes: scenario.bufferBeforeMinutes,
    bufferAfterMinutes: scenario.bufferAfterMinutes,
    rules: {
      minNoticeMinutes: scenario.minNoticeMinutes,
      maxAdvanceDays: scenario.maxAdvanceDays,
      slotStepMinutes: scenario.slotStepMinutes,
    },
    practitioners: scenario.practitioners.map((shape, index) => resourceOf(`p${index}`, shape, firstDay)),
    rooms: scenario.rooms?.map((shape, index) => resourceOf(`r${index}`, shape, firstDay)) ?? null,
  };
}
