import { DAY_MS, MINUTE_MS, MINUTES_PER_DAY } from './localDate.js';
import type { ZoneClock } from './timeZone.js';
import type { DayWindow } from './window.js';

/**
 * Candidate slot starts. On each local date of the window they are the wall-clock times at multiples of
 * `stepMinutes` from local midnight (00:00, 00:15, … before 24:00), converted to instants: a repeated
 * wall time (the autumn overlap) gives both of its instants, a skipped one (the spring gap) gives the
 * first instant after the gap, which is usually a candidate already. A start belongs to the local date
 * it was made from, so the candidates of a date never depend on the rest of the window.
 *
 * Only starts in `[earliest, latest]` are kept. Returned sorted ascending, without duplicates.
 */
export function slotStarts(clock: ZoneClock, window: DayWindow, stepMinutes: number, earliest: number, latest: number): Float64Array {
  const perDay = Math.ceil(MINUTES_PER_DAY / stepMinutes);
  const starts = new Float64Array((window.lastDay - window.firstDay + 1) * perDay * 2);
  let count = 0;
  let sorted = true;
  const keep = (start: number) => {
    if (start < earliest || start > latest) return;
    if (count > 0 && start <= starts[count - 1]!) sorted = false;
    starts[count++] = start;
  };
  for (let day = window.firstDay; day <= window.lastDay; day++) {
    const steady = clock.steadyOffsetOn(day);
    if (steady !== null) {
      // The usual day: one offset, so the wall times map to instants by plain arithmetic.
      const midnight = day * DAY_MS - steady;
      if (midnight + DAY_MS <= earliest || midnight > latest) continue;
      for (let minute = 0; minute < MINUTES_PER_DAY; minute += stepMinutes) keep(midnight + minute * MINUTE_MS);
      continue;
    }
    for (let minute = 0; minute < MINUTES_PER_DAY; minute += stepMinutes) {
      const { earlier, later } = clock.instantsOf(day, minute);
      keep(earlier);
      if (later !== earlier) keep(later);
    }
  }
  const result = starts.subarray(0, count);
  if (sorted) return result;
  result.sort();
  let unique = 0;
  for (let i = 0; i < result.length; i++) {
    if (i === 0 || result[i] !== result[unique - 1]) result[unique++] = result[i]!;
  }
  return result.subarray(0, unique);
}
