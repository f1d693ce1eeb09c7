import { instantAtWall, type Locale, wallTimeAt } from '@hetki/shared';

/** Clinic-local calendar arithmetic: a day is its day number (days since 1970-01-01), a time its minute of the day. */
const DAY_MS = 86_400_000;

export const todayIn = (timeZone: string): number => wallTimeAt(new Date(), timeZone).dayNumber;

/** The instant of a clinic-local day and minute (minute may run past midnight). */
export const instantAt = (dayNumber: number, minute: number, timeZone: string): Date => instantAtWall({ dayNumber, minute }, timeZone);

export const wallOf = (instant: string | Date, timeZone: string) => wallTimeAt(new Date(instant), timeZone);

/** 1 = Monday … 7 = Sunday. */
export const isoWeekday = (dayNumber: number): number => ((((dayNumber + 3) % 7) + 7) % 7) + 1;
export const mondayOf = (dayNumber: number): number => dayNumber - (isoWeekday(dayNumber) - 1);

/** ISO 8601 week number of a day. */
export function isoWeekNumber(dayNumber: number): number {
  const thursday = dayNumber - isoWeekday(dayNumber) + 4;
  const yearStart = Date.UTC(new Date(thursday * DAY_MS).getUTCFullYear(), 0, 1) / DAY_MS;
  return Math.floor((thursday - yearStart) / 7) + 1;
}

export const isoDateOf = (dayNumber: number): string => new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);

export function dayNumberOfIsoDate(date: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const time = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(time) ? null : Math.round(time / DAY_MS);
}

export const minuteLabel = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

export function minuteOfLabel(label: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(label);
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, options);
    formatters.set(key, cached);
  }
  return cached;
}

/** "Mon 3 Mar" style label of a clinic-local day. */
export const formatDay = (dayNumber: number, locale: Locale, long = false): string =>
  formatter(locale, { timeZone: 'UTC', weekday: long ? 'long' : 'short', day: 'numeric', month: long ? 'long' : 'numeric' }).format(
    new Date(dayNumber * DAY_MS),
  );

export const formatTime = (instant: string | Date, timeZone: string, locale: Locale): string =>
  formatter(locale, { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(instant));

export const formatDateTime = (instant: string | Date, timeZone: string, locale: Locale): string =>
  formatter(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant));
