import { z } from 'zod';
import { MAX_WINDOW_DAYS } from '../availability/errors.js';
import { calendarDateSchema, emailSchema, instantSchema, localDateSchema, localeSchema, phoneSchema, text, uuidSchema } from './common.js';

/** At most this many clinic-local dates per availability query (the engine's own limit). */
export const MAX_AVAILABILITY_DAYS = MAX_WINDOW_DAYS;

export const publicSlugInput = z.object({ slug: z.string().trim().toLowerCase().min(1).max(40) }).strict();

export const availabilityInput = z
  .object({
    slug: z.string().trim().toLowerCase().min(1).max(40),
    serviceId: uuidSchema,
    practitionerId: uuidSchema.optional(),
    from: calendarDateSchema,
    to: calendarDateSchema,
  })
  .strict()
  .refine((value) => value.from <= value.to, { message: 'The window ends before it starts', path: ['to'] })
  .refine((value) => (Date.parse(value.to) - Date.parse(value.from)) / 86_400_000 < MAX_AVAILABILITY_DAYS, {
    message: `Ask for at most ${MAX_AVAILABILITY_DAYS} days at a time`,
    path: ['to'],
  });

export const clientDetailsSchema = z
  .object({
    firstName: text(80),
    lastName: text(80),
    email: emailSchema,
    phone: phoneSchema,
    birthDate: localDateSchema.optional(),
    birthYear: z.number().int().min(1900).max(2100).optional(),
    gender: z.string().trim().max(40).optional(),
    language: localeSchema.optional(),
    address: z
      .object({
        street: text(200),
        postalCode: z.string().trim().min(2).max(10),
        city: text(100),
        country: z.string().trim().length(2).toUpperCase().default('FI'),
      })
      .strict()
      .optional(),
    guardian: z
      .object({ name: text(120), phone: phoneSchema, email: emailSchema.optional() })
      .strict()
      .optional(),
  })
  .strict();
export type ClientDetails = z.infer<typeof clientDetailsSchema>;

export const bookingConsentsSchema = z
  .object({
    marketingEmail: z.boolean().default(false),
    marketingSms: z.boolean().default(false),
    photoVideo: z.boolean().default(false),
    /** The privacy-notice version the person was shown. */
    noticeVersion: z.string().trim().min(1).max(40),
  })
  .strict();

export const createBookingInput = z
  .object({
    slug: z.string().trim().toLowerCase().min(1).max(40),
    serviceId: uuidSchema,
    /** Omit for "anyone": the first free practitioner is chosen. */
    practitionerId: uuidSchema.optional(),
    start: instantSchema,
    client: clientDetailsSchema,
    consents: bookingConsentsSchema,
    language: localeSchema.default('fi'),
    /** Random, chosen by the browser per booking attempt: a retry with the same key returns the same booking. */
    idempotencyKey: z
      .string()
      .trim()
      .min(16)
      .max(80)
      .regex(/^[A-Za-z0-9_-]+$/),
  })
  .strict();
export type CreateBookingInput = z.infer<typeof createBookingInput>;

export const manageTokenInput = z
  .object({ slug: z.string().trim().toLowerCase().min(1).max(40), token: z.string().trim().min(30).max(100) })
  .strict();
export const rescheduleInput = z
  .object({
    slug: z.string().trim().toLowerCase().min(1).max(40),
    token: z.string().trim().min(30).max(100),
    start: instantSchema,
  })
  .strict();

export type PublicBooking = {
  id: string;
  status: string;
  start: string;
  end: string;
  service: { id: string; name: Record<string, string | undefined> };
  practitioner: { id: string; name: string };
  clinic: { slug: string; name: string; timeZone: string };
  canChangeUntil: string;
};

/** A booking as its manage link shows it. */
export type ManagedBooking = PublicBooking & {
  /**
   * The client may move it online (until `canChangeUntil`, as for cancelling): its service offers
   * free times online (active and bookable online, still performed by its practitioner, who is still
   * active). Staff may book other services; the client moves those by contacting the clinic.
   */
  movable: boolean;
};
