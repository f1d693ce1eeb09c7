import { AvailabilityWindowError, MAX_WINDOW_DAYS } from './errors.js';
import { dayNumberOf } from './localDate.js';

/** The requested dates as day numbers, `firstDay <= lastDay`, at most `MAX_WINDOW_DAYS` of them. */
export type DayWindow = { firstDay: number; lastDay: number };

/** Checks the `from`/`to` window; throws `AvailabilityWindowError` when it cannot be served. */
export function dayWindow(from: string, to: string): DayWindow {
  const firstDay = dayNumberOf(from);
  const lastDay = dayNumberOf(to);
  if (firstDay === null || lastDay === null) throw new AvailabilityWindowError('INVALID_DATE', 'The window needs dates as YYYY-MM-DD');
  if (lastDay < firstDay) throw new AvailabilityWindowError('REVERSED', 'The window ends before it starts');
  if (lastDay - firstDay + 1 > MAX_WINDOW_DAYS) {
    throw new AvailabilityWindowError('TOO_LONG', `Ask for at most ${MAX_WINDOW_DAYS} days at a time`);
  }
  return { firstDay, lastDay };
}
