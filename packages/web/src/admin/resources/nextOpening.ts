type Interval = { start: string; end: string };

/** A time input cannot show 24:00, so a day's last minute is the end of an interval added here. */
const DAY_END = 23 * 60 + 59;
const toMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const toTime = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * The interval "+ Open" adds to a day: 08–16 on an empty day; else an hour after the day's latest
 * opening ends (a break), for up to four hours, never past midnight. It must be a valid interval
 * (start before end), or saving fails on a row the user did not type. Null when the day is open
 * until midnight already.
 */
export function nextOpening(intervals: readonly Interval[]): Interval | null {
  if (intervals.length === 0) return { start: '08:00', end: '16:00' };
  // The latest end, not the last row's: rows keep the order they were added in, whatever their times.
  const lastEnd = Math.max(...intervals.map((interval) => toMinutes(interval.end)));
  if (lastEnd >= DAY_END - 14) return null;
  const start = Math.min(lastEnd + 60, DAY_END - 59);
  const from = Math.max(start, lastEnd);
  return { start: toTime(from), end: toTime(Math.min(from + 240, DAY_END)) };
}
