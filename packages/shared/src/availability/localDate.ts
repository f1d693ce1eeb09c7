/**
 * Calendar arithmetic on clinic-local dates and times, with no time zone involved. A local date is
 * handled as its day number: whole days since 1970-01-01 on the proleptic Gregorian calendar.
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
export const MINUTES_PER_DAY = 1440;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})$/;

/** The day number of a `'YYYY-MM-DD'` date, or `null` when it is not a real calendar date. */
export function dayNumberOf(date: string): number | null {
  const match = DATE_PATTERN.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  if (utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) return null;
  return Math.round(utc.getTime() / DAY_MS);
}

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekdayOf(dayNumber: number): IsoWeekday {
  return (((((dayNumber + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

/**
 * Minutes from local midnight of an `'HH:MM'` time. `24:00` (1440) is accepted only when `allowEndOfDay`;
 * anything else malformed throws a `RangeError` (schedules are validated when stored, so this is a bug).
 */
export function minutesOf(time: string, allowEndOfDay: boolean): number {
  const match = TIME_PATTERN.exec(time);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (match && minutes < 60 && (hours < 24 || (allowEndOfDay && hours === 24 && minutes === 0))) return hours * 60 + minutes;
  throw new RangeError(`Not a local ${allowEndOfDay ? 'end' : 'start'} time: '${time}'`);
}
