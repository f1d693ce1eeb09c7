import type { AvailabilityRequest, Busy, ResourceSchedule, Slot, WorkingInterval } from '../types.js';

/**
 * A deliberately naive implementation of the availability rules, for property tests to compare the
 * engine with. It shares no code with the engine: wall time is read with a different formatter, local
 * times are resolved by trying each offset the zone is known to use, and freeness is checked against
 * every interval and busy span one by one.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The offsets (ms, local minus UTC) each test zone uses in the 2020s. */
export const TEST_ZONE_OFFSETS: Record<string, number[]> = {
  'Europe/Helsinki': [2, 3].map((hours) => hours * 3_600_000),
  'Europe/Stockholm': [1, 2].map((hours) => hours * 3_600_000),
  'America/New_York': [-5, -4].map((hours) => hours * 3_600_000),
  UTC: [0],
};
export const TEST_ZONES = Object.keys(TEST_ZONE_OFFSETS);

const formats = new Map<string, Intl.DateTimeFormat>();
const walls = new Map<string, number>();

/** Wall clock at `instant` as if it were UTC ms, read from the `sv-SE` rendering (`2026-03-29 04:00:00`). */
export function wallAt(zone: string, instant: number): number {
  const key = `${zone} ${instant}`;
  const known = walls.get(key);
  if (known !== undefined) return known;
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('sv-SE', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(zone, format);
  }
  const wall = Date.parse(`${format.format(instant).replace(' ', 'T')}Z`);
  if (walls.size > 500_000) walls.clear();
  walls.set(key, wall);
  return wall;
}

/** Earlier and later instant of a wall time; a skipped one gives the first instant whose wall time is past it. */
export function referenceInstants(zone: string, wall: number): { earlier: number; later: number } {
  const offsets = TEST_ZONE_OFFSETS[zone];
  if (!offsets) throw new Error(`No offsets known for ${zone}`);
  const matches = offsets.map((offset) => wall - offset).filter((instant) => wallAt(zone, instant) === wall);
  if (matches.length > 0) return { earlier: Math.min(...matches), later: Math.max(...matches) };
  // In a gap: walk forward a minute at a time (changes happen on whole minutes in these zones).
  let instant = wall - Math.max(...offsets);
  while (wallAt(zone, instant) < wall) instant += MINUTE;
  return { earlier: instant, later: instant };
}

const dayOf = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY;
const minutes = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

function intervalsOn(resource: ResourceSchedule, day: number): WorkingInterval[] {
  const exceptions = resource.exceptions.filter((exception) => dayOf(exception.date) === day);
  if (exceptions.length > 0) return exceptions.flatMap((exception) => exception.intervals);
  const weekday = (((((day + 3) % 7) + 7) % 7) + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
  return resource.weekly[weekday] ?? [];
}

/** Absolute working intervals of a resource on local dates `firstDay..lastDay`, unmerged. */
export function referenceWorkingIntervals(zone: string, resource: ResourceSchedule, firstDay: number, lastDay: number): Busy[] {
  const result: Busy[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    for (const interval of intervalsOn(resource, day)) {
      const start = referenceInstants(zone, day * DAY + minutes(interval.start) * MINUTE).earlier;
      const end = referenceInstants(zone, day * DAY + minutes(interval.end) * MINUTE).later;
      if (start < end) result.push({ start, end });
    }
  }
  return result;
}

/** Whether `[start, end)` is covered by the union of `intervals`, chasing coverage forward point by point. */
export function covered(start: number, end: number, intervals: Busy[]): boolean {
  let reached = start;
  for (;;) {
    if (reached >= end) return true;
    let next = reached;
    for (const interval of intervals) if (interval.start <= reached && interval.end > next) next = interval.end;
    if (next === reached) return false;
    reached = next;
  }
}

/** Whether a buffered span meets any non-empty busy span. */
export function meetsBusy(spanStart: number, spanEnd: number, busy: Busy[]): boolean {
  return busy.some((span) => span.start < span.end && span.start < spanEnd && spanStart < span.end);
}

export function referenceAvailability(request: AvailabilityRequest): Slot[] {
  const zone = request.timeZone;
  const firstDay = dayOf(request.from);
  const lastDay = dayOf(request.to);
  const earliest = request.now + Math.max(0, request.rules.minNoticeMinutes) * MINUTE;
  const latest = request.now + request.rules.maxAdvanceDays * DAY;
  const starts = new Set<number>();
  for (let day = firstDay; day <= lastDay; day++) {
    for (let minute = 0; minute < 1440; minute += request.rules.slotStepMinutes) {
      const { earlier, later } = referenceInstants(zone, day * DAY + minute * MINUTE);
      for (const start of [earlier, later]) if (start >= earliest && start <= latest) starts.add(start);
    }
  }
  const duration = request.durationMinutes * MINUTE;
  const spanDays = Math.ceil(request.durationMinutes / 1440) + 1;
  const working = (resource: ResourceSchedule) => referenceWorkingIntervals(zone, resource, firstDay - 1, lastDay + spanDays);
  const withHours = (resources: ResourceSchedule[]) => resources.map((resource) => ({ resource, hours: working(resource) }));
  const practitioners = withHours(request.practitioners);
  const rooms = request.rooms ? withHours(request.rooms) : null;
  const freeAt = (start: number, entries: { resource: ResourceSchedule; hours: Busy[] }[]) =>
    entries
      .filter(
        ({ resource, hours }) =>
          covered(start, start + duration, hours) &&
          !meetsBusy(start - request.bufferBeforeMinutes * MINUTE, start + duration + request.bufferAfterMinutes * MINUTE, resource.busy),
      )
      .map(({ resource }) => resource.resourceId);
  const slots: Slot[] = [];
  for (const start of [...starts].sort((a, b) => a - b)) {
    const practitionerIds = freeAt(start, practitioners);
    const roomIds = rooms ? freeAt(start, rooms) : [];
    if (practitionerIds.length > 0 && (!rooms || roomIds.length > 0))
      slots.push({ start, end: start + duration, practitionerIds, roomIds });
  }
  return slots;
}
