import { unionOf } from './intervals.js';
import { dayNumberOf, isoWeekdayOf, minutesOf } from './localDate.js';
import type { ZoneClock } from './timeZone.js';
import type { ResourceSchedule, WorkingInterval } from './types.js';

/**
 * A resource's working time as absolute instants.
 *
 * On each local date it is the intervals of the exception for that date, if there is one, else the
 * weekly intervals of that date's ISO weekday. Each interval's start maps to the earlier instant of its
 * wall time and its end to the later one (a skipped wall time maps to the first instant after the gap).
 * The result is the union of all those intervals: overlapping or touching intervals (08:00–12:00 and
 * 12:00–16:00; or 22:00–24:00 and the next date's 00:00–02:00) are one stretch of working time.
 */

/** Intervals as `[startMinute, endMinute]` pairs, flattened. */
type MinuteIntervals = number[];

function minuteIntervals(intervals: readonly WorkingInterval[]): MinuteIntervals {
  const flat: number[] = [];
  for (const interval of intervals) {
    const start = minutesOf(interval.start, false);
    const end = minutesOf(interval.end, true);
    if (start >= end) throw new RangeError(`A working interval must end after it starts: ${interval.start}–${interval.end}`);
    flat.push(start, end);
  }
  return flat;
}

/**
 * Working time of `resource` on local dates `firstDay..lastDay` (day numbers), as sorted, disjoint,
 * non-empty `[start, end)` instant pairs, flattened.
 */
export function workingTime(resource: ResourceSchedule, clock: ZoneClock, firstDay: number, lastDay: number): number[] {
  const exceptions = new Map<number, MinuteIntervals>();
  for (const exception of resource.exceptions) {
    const day = dayNumberOf(exception.date);
    if (day === null) throw new RangeError(`Not a local date: '${exception.date}'`);
    if (day < firstDay || day > lastDay) continue;
    const intervals = minuteIntervals(exception.intervals);
    const earlier = exceptions.get(day);
    exceptions.set(day, earlier ? earlier.concat(intervals) : intervals);
  }
  const weekly = new Map<number, MinuteIntervals>();
  const pairs: [number, number][] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    let intervals = exceptions.get(day);
    if (!intervals) {
      const weekday = isoWeekdayOf(day);
      intervals = weekly.get(weekday);
      if (!intervals) {
        intervals = minuteIntervals(resource.weekly[weekday] ?? []);
        weekly.set(weekday, intervals);
      }
    }
    for (let i = 0; i < intervals.length; i += 2) {
      const start = clock.instantsOf(day, intervals[i]!).earlier;
      const end = clock.instantsOf(day, intervals[i + 1]!).later;
      if (start < end) pairs.push([start, end]);
    }
  }
  return unionOf(pairs);
}
