import { z } from 'zod';

export const LOCALES = ['fi', 'sv', 'en'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

export const uuidSchema = z.uuid();

/** For procedures that take nothing: anything sent is a 400, not silently ignored. */
export const noInput = z.undefined();

/** Trimmed, non-empty, bounded free text. Every string input is bounded: oversized input is a 400. */
export const text = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional();

/** The years a booking, block or campaign may fall in: beyond them dates stop being storable or meaningful. */
export const FIRST_CALENDAR_YEAR = 2000;
export const LAST_CALENDAR_YEAR = 2100;
const inCalendarYears = (epochMs: number) => {
  const year = new Date(epochMs).getUTCFullYear();
  return year >= FIRST_CALENDAR_YEAR && year <= LAST_CALENDAR_YEAR;
};
const outsideCalendarYears = `Choose a time between the years ${FIRST_CALENDAR_YEAR} and ${LAST_CALENDAR_YEAR}`;

/** A point in time with its UTC offset, e.g. 2027-03-28T10:00:00+03:00, within the calendar years. */
export const instantSchema = z.iso.datetime({ offset: true }).refine((value) => inCalendarYears(Date.parse(value)), outsideCalendarYears);

/** A local calendar date, YYYY-MM-DD, that exists. */
export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD')
  .refine(
    (value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    'Not a date',
  );

/** A date in the clinic's calendar (hours, exceptions, availability windows), within the calendar years. */
export const calendarDateSchema = localDateSchema.refine(
  (value) => inCalendarYears(Date.parse(`${value}T12:00:00Z`)),
  outsideCalendarYears,
);

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'Enter a valid email address' }))
  .transform((value) => value.toLowerCase());

export const phoneSchema = z
  .string()
  .trim()
  .max(32)
  .regex(/^\+?[0-9 ()-]{5,31}$/, 'Enter a phone number in international form, e.g. +358 40 123 4567');

export const passwordSchema = z.string().min(10, 'Use at least 10 characters').max(256, 'Use at most 256 characters');

export const isValidTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
};

export const timeZoneSchema = z.string().max(64).refine(isValidTimeZone, 'Unknown IANA time zone');
