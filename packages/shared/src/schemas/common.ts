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
