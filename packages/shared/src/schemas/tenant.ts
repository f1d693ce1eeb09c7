import { z } from 'zod';
import { isValidFinnishBusinessId } from '../domain/businessId.js';
import { slugProblem } from '../domain/slug.js';
import { totpCodeSchema } from './auth.js';
import { bookingRulesSchema, DEFAULT_BOOKING_RULES } from './catalogue.js';
import { emailSchema, localeSchema, phoneSchema, text, timeZoneSchema } from './common.js';

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(40)
  .superRefine((slug, ctx) => {
    const problem = slugProblem(slug);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const businessIdSchema = z.string().trim().max(9).refine(isValidFinnishBusinessId, 'Enter a Finnish business ID such as 1234567-8');

export const addressSchema = z.object({
  street: text(200),
  postalCode: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z -]{2,10}$/, 'Enter a postal code'),
  city: text(100),
  country: z.string().trim().length(2).toUpperCase().default('FI'),
});
export type Address = z.infer<typeof addressSchema>;

/** Per-tenant switches that are not columns of their own. */
export const tenantPreferencesSchema = z.object({
  enabledLocales: z.array(localeSchema).min(1).max(3).default(['fi', 'sv', 'en']),
  /** The privacy notice may limit free copies of a person's data to this many a year. */
  dataAccessRequestsPerYear: z.number().int().min(1).max(12).default(2),
  /** Clinic-wide booking rules; a service may override each of them. */
  bookingRules: bookingRulesSchema.default(DEFAULT_BOOKING_RULES),
  /** Optional client fields the booking form asks for. */
  clientFields: z
    .object({ birthDate: z.boolean(), address: z.boolean(), language: z.boolean(), gender: z.boolean(), birthYear: z.boolean() })
    .strict()
    .default({ birthDate: false, address: false, language: true, gender: false, birthYear: false }),
  /** The version of the privacy notice that booking forms show; consents record it. */
  privacyNoticeVersion: z.string().trim().min(1).max(40).default('1'),
  /** Booking messages: reminders, SMS, staff notifications. */
  messaging: z
    .object({
      /** Reminder this many hours before, in clinic wall-clock time; 0 sends none. */
      reminderHoursBefore: z.number().int().min(0).max(168),
      /** Also send booking confirmations and reminders by SMS where the client gave a phone number. */
      bookingSms: z.boolean(),
      /** Email the clinic (and the practitioner's own account) about each new online booking. */
      notifyStaffOfBookings: z.boolean(),
    })
    .strict()
    .default({ reminderHoursBefore: 24, bookingSms: false, notifyStaffOfBookings: true }),
  /** Marketing limits that the clinic's notice promises. */
  marketing: z
    .object({
      /** Campaign messages per person per channel in any 365 days. */
      frequencyCapPerYear: z.number().int().min(1).max(52),
      /** Campaign SMS go out only between these clinic-time hours (from inclusive, until exclusive). */
      smsFromHour: z.number().int().min(0).max(23),
      smsUntilHour: z.number().int().min(1).max(24),
      /** Campaign messages per minute for this clinic. */
      sendRatePerMinute: z.number().int().min(1).max(1_000_000),
    })
    .strict()
    .refine((value) => value.smsFromHour < value.smsUntilHour, {
      message: 'The SMS window must start before it ends',
      path: ['smsUntilHour'],
    })
    .default({ frequencyCapPerYear: 12, smsFromHour: 8, smsUntilHour: 20, sendRatePerMinute: 6000 }),
  /** Keep clients' Finnish personal identity codes (only where the law requires the clinic to). */
  requirePersonalIdentityCode: z.boolean().default(false),
});
export type TenantPreferences = z.infer<typeof tenantPreferencesSchema>;

export const tenantSettingsSchema = z.object({
  name: text(120),
  businessId: businessIdSchema.nullable(),
  address: addressSchema.nullable(),
  contactEmail: emailSchema.nullable(),
  contactPhone: phoneSchema.nullable(),
  timeZone: timeZoneSchema,
  defaultLocale: localeSchema,
  preferences: tenantPreferencesSchema,
});
export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

/**
 * A preferences change: only the switches sent. No defaults here (zod applies `.default` even inside
 * `.partial()`), or changing one switch would quietly reset every other one.
 */
const preferencesShape = tenantPreferencesSchema.shape;
export const tenantPreferencesUpdateSchema = z
  .object({
    enabledLocales: preferencesShape.enabledLocales.unwrap().optional(),
    dataAccessRequestsPerYear: preferencesShape.dataAccessRequestsPerYear.unwrap().optional(),
    bookingRules: preferencesShape.bookingRules.unwrap().optional(),
    clientFields: preferencesShape.clientFields.unwrap().optional(),
    privacyNoticeVersion: preferencesShape.privacyNoticeVersion.unwrap().optional(),
    messaging: preferencesShape.messaging.unwrap().optional(),
    marketing: preferencesShape.marketing.unwrap().optional(),
    requirePersonalIdentityCode: preferencesShape.requirePersonalIdentityCode.unwrap().optional(),
  })
  .strict();

export const updateTenantSettingsInput = tenantSettingsSchema.extend({ preferences: tenantPreferencesUpdateSchema }).partial().strict();
export type UpdateTenantSettingsInput = z.infer<typeof updateTenantSettingsInput>;

export const publicProfileInput = z.object({ slug: z.string().trim().toLowerCase().min(1).max(40) }).strict();

export type PublicProfile = {
  slug: string;
  name: string;
  businessId: string | null;
  address: Address | null;
  contactEmail: string | null;
  contactPhone: string | null;
  timeZone: string;
  defaultLocale: z.infer<typeof localeSchema>;
  enabledLocales: z.infer<typeof localeSchema>[];
};

export const signUpInput = z
  .object({
    clinic: z.object({ name: text(120), slug: slugSchema }).strict(),
    owner: z
      .object({
        name: text(120),
        email: emailSchema,
        password: z.string().min(1).max(256),
        /** For an email that already has an account with two-step sign-in on. */
        totpCode: totpCodeSchema.optional(),
      })
      .strict(),
  })
  .strict();
export type SignUpInput = z.infer<typeof signUpInput>;
