import { busyTime } from './busy.js';
import { freeStarts } from './freeStarts.js';
import { DAY_MS, MINUTE_MS, MINUTES_PER_DAY } from './localDate.js';
import { slotStarts } from './slotStarts.js';
import { type ZoneClock, zoneClock } from './timeZone.js';
import type { AvailabilityRequest, ResourceSchedule, Slot } from './types.js';
import { type DayWindow, dayWindow } from './window.js';
import { workingTime } from './workingTime.js';

/**
 * Bookable slots for one service over a window of clinic-local dates. Pure: no I/O, no clock; `now`
 * comes in the request. Sorted by start, one entry per distinct start.
 *
 * - Working time: per local date, the exception's intervals if there is one for that date, else the
 *   weekly intervals of its ISO weekday; converted to instants in `timeZone`, DST-correct (a skipped
 *   wall time maps to the first instant after the gap; a repeated one maps to the earlier instant as an
 *   interval start and the later one as an end). Overlapping or touching intervals join.
 * - Candidate starts: per local date of the window, the wall-clock times at multiples of
 *   `rules.slotStepMinutes` from local midnight, as instants (both instants of a repeated wall time).
 *   A slot belongs to the local date of its start, so the result for a window is the concatenation of
 *   the results for any split of it into consecutive windows.
 * - A resource is free for a start `s` when `[s, s + duration)` lies inside its working time and
 *   `[s − bufferBefore, s + duration + bufferAfter)` meets none of its busy spans. A slot is offered when
 *   at least one practitioner is free and, unless `rooms` is `null`, at least one room is free; it lists
 *   every free one of each, in request order.
 * - Rules: `now + max(0, minNotice) <= s <= now + maxAdvanceDays × 24 h`; nothing before `now`.
 *
 * Throws `AvailabilityWindowError` for a window that is malformed, reversed or longer than
 * `MAX_WINDOW_DAYS` dates, and `RangeError` for malformed data (unknown zone, bad times, a duration or
 * step that is not a positive whole number of minutes, negative buffers, non-finite instants).
 */
export function computeAvailability(request: AvailabilityRequest): Slot[] {
  const window = dayWindow(request.from, request.to);
  const { rules } = request;
  wholeMinutes('durationMinutes', request.durationMinutes, 1);
  wholeMinutes('slotStepMinutes', rules.slotStepMinutes, 1);
  wholeMinutes('bufferBeforeMinutes', request.bufferBeforeMinutes, 0);
  wholeMinutes('bufferAfterMinutes', request.bufferAfterMinutes, 0);
  if (!Number.isFinite(request.now) || !Number.isFinite(rules.minNoticeMinutes) || !Number.isFinite(rules.maxAdvanceDays)) {
    throw new RangeError('now, minNoticeMinutes and maxAdvanceDays must be finite');
  }
  const clock = zoneClock(request.timeZone);
  if (request.practitioners.length === 0 || request.rooms?.length === 0) return [];

  const earliest = request.now + Math.max(0, rules.minNoticeMinutes) * MINUTE_MS;
  const latest = request.now + rules.maxAdvanceDays * DAY_MS;
  const starts = slotStarts(clock, window, rules.slotStepMinutes, earliest, latest);
  if (starts.length === 0) return [];

  const fit: Fit = {
    clock,
    starts,
    // A start on the window's first date may lie in working time that the previous date's intervals
    // reach (the union joins across midnight); a service that starts on the last date may end dates later.
    firstDay: window.firstDay - 1,
    lastDay: window.lastDay + Math.ceil(request.durationMinutes / MINUTES_PER_DAY) + 1,
    durationMs: request.durationMinutes * MINUTE_MS,
    beforeMs: request.bufferBeforeMinutes * MINUTE_MS,
    afterMs: request.bufferAfterMinutes * MINUTE_MS,
  };
  const practitioners = request.practitioners.map((resource) => freeFor(resource, fit));
  const rooms = request.rooms?.map((resource) => freeFor(resource, fit)) ?? null;

  const slots: Slot[] = [];
  for (let i = 0; i < starts.length; i++) {
    const practitionerIds = idsFreeAt(request.practitioners, practitioners, i);
    if (practitionerIds.length === 0) continue;
    let roomIds: string[] = [];
    if (request.rooms && rooms) {
      roomIds = idsFreeAt(request.rooms, rooms, i);
      if (roomIds.length === 0) continue;
    }
    const start = starts[i]!;
    slots.push({ start, end: start + fit.durationMs, practitionerIds, roomIds });
  }
  return slots;
}

type Fit = DayWindow & { clock: ZoneClock; starts: Float64Array; durationMs: number; beforeMs: number; afterMs: number };

function freeFor(resource: ResourceSchedule, fit: Fit): Uint8Array {
  const working = workingTime(resource, fit.clock, fit.firstDay, fit.lastDay);
  // Only busy time that can meet some buffered span matters.
  const from = fit.starts[0]! - fit.beforeMs;
  const until = fit.starts[fit.starts.length - 1]! + fit.durationMs + fit.afterMs;
  return freeStarts(fit.starts, working, busyTime(resource.busy, from, until), fit.durationMs, fit.beforeMs, fit.afterMs);
}

function idsFreeAt(resources: readonly ResourceSchedule[], free: readonly Uint8Array[], index: number): string[] {
  const ids: string[] = [];
  for (let r = 0; r < resources.length; r++) {
    if (free[r]![index] === 1) ids.push(resources[r]!.resourceId);
  }
  return ids;
}

function wholeMinutes(name: string, value: number, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum) throw new RangeError(`${name} must be a whole number of minutes, at least ${minimum}`);
}
