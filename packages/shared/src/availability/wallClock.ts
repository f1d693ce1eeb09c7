import { DAY_MS, MINUTE_MS } from './localDate.js';
import { zoneClock } from './timeZone.js';

/** A local wall-clock time in a zone: days since 1970-01-01 and minutes into that day. */
export type WallTime = { dayNumber: number; minute: number };

export function wallTimeAt(instant: Date, timeZone: string): WallTime {
  const wall = instant.getTime() + zoneClock(timeZone).offsetAt(instant.getTime());
  const dayNumber = Math.floor(wall / DAY_MS);
  return { dayNumber, minute: Math.floor((wall - dayNumber * DAY_MS) / MINUTE_MS) };
}

/** The instant of a wall time (the earlier one where the autumn change repeats it). */
export function instantAtWall(wall: WallTime, timeZone: string): Date {
  const dayNumber = wall.dayNumber + Math.floor(wall.minute / 1440);
  const minute = ((wall.minute % 1440) + 1440) % 1440;
  return new Date(zoneClock(timeZone).instantsOf(dayNumber, minute).earlier);
}

/**
 * The instant whose local time is `hours` of wall-clock time before `instant`'s: a reminder
 * 24 hours before a 10:00 visit goes out at 10:00 the day before, even across a DST change.
 */
export function wallClockHoursBefore(instant: Date, hours: number, timeZone: string): Date {
  const wall = wallTimeAt(instant, timeZone);
  return instantAtWall({ dayNumber: wall.dayNumber, minute: wall.minute - hours * 60 }, timeZone);
}

/**
 * Null when `instant` lies within the daily local window [fromHour, untilHour); otherwise the
 * next instant the window opens.
 */
export function nextWindowOpening(instant: Date, timeZone: string, fromHour: number, untilHour: number): Date | null {
  const wall = wallTimeAt(instant, timeZone);
  if (wall.minute >= fromHour * 60 && wall.minute < untilHour * 60) return null;
  const day = wall.minute < fromHour * 60 ? wall.dayNumber : wall.dayNumber + 1;
  return instantAtWall({ dayNumber: day, minute: fromHour * 60 }, timeZone);
}
