import { locale } from './i18n';

// A subpath: the package's index would bring its schemas (and zod) into the widget's bundle.
export { addDays, laterDate, mondayOf } from '@hetki/shared/calendarWeek';

/** Clinic-local calendar dates as 'YYYY-MM-DD' and times shown in the clinic's zone, whatever the visitor's is. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string, options: Intl.DateTimeFormatOptions, lang = locale()): Intl.DateTimeFormat {
  const key = `${lang}|${zone}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { ...options, timeZone: zone });
    formatters.set(key, found);
  }
  return found;
}

/** The calendar date in `zone` at `instant`. */
export function dateIn(zone: string, instant: Date | string): string {
  const parts = formatter(zone, { year: 'numeric', month: '2-digit', day: '2-digit' }, 'en').formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function timeIn(zone: string, instant: string): string {
  return formatter(zone, { hour: '2-digit', minute: '2-digit' }).format(new Date(instant));
}

/** '1.12.' style day label for a clinic-local date, with the weekday. */
export function dayLabel(date: string, long = false): string {
  return formatter(
    'UTC',
    long ? { weekday: 'long', day: 'numeric', month: 'long' } : { weekday: 'short', day: 'numeric', month: 'numeric' },
  ).format(new Date(`${date}T12:00:00Z`));
}

export function dateTimeIn(zone: string, instant: string): string {
  return formatter(zone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(
    new Date(instant),
  );
}

export function visitorZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Whether the visitor's clock shows other times than the clinic's (now, and so for the times shown). */
export function zoneDiffers(zone: string): boolean {
  if (visitorZone() === zone) return false;
  const now = new Date();
  const local = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
  return local.format(now) !== formatter(zone, { hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }, 'en').format(now);
}
