import { z } from 'zod';
import { calendarDateSchema, text, uuidSchema } from './common.js';

const localText = (max: number) =>
  z
    .object({
      fi: z.string().trim().max(max).optional(),
      sv: z.string().trim().max(max).optional(),
      en: z.string().trim().max(max).optional(),
    })
    .strict();

export const localizedNameSchema = localText(120).refine(
  (value) => Boolean(value.fi || value.sv || value.en),
  'Give the name in at least one language',
);

export const bookingRulesSchema = z
  .object({
    minNoticeMinutes: z
      .number()
      .int()
      .min(0)
      .max(60 * 24 * 30),
    maxAdvanceDays: z.number().int().min(1).max(730),
    slotStepMinutes: z.number().int().min(5).max(240),
    cancellationWindowHours: z
      .number()
      .int()
      .min(0)
      .max(24 * 14),
  })
  .strict();
export type BookingRules = z.infer<typeof bookingRulesSchema>;
export const DEFAULT_BOOKING_RULES: BookingRules = {
  minNoticeMinutes: 120,
  maxAdvanceDays: 90,
  slotStepMinutes: 15,
  cancellationWindowHours: 24,
};

/** Service fields as stored; create fills in defaults, update takes any subset. */
const serviceShape = {
  name: localizedNameSchema,
  description: localText(2_000),
  category: z.string().trim().max(80).nullable(),
  durationMinutes: z.number().int().min(5).max(720),
  priceCents: z.number().int().min(0).max(10_000_000),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Z]{3}$/, 'Use a three-letter currency code'),
  bufferBeforeMinutes: z.number().int().min(0).max(240),
  bufferAfterMinutes: z.number().int().min(0).max(240),
  bookableOnline: z.boolean(),
  needsRoom: z.boolean(),
  rules: bookingRulesSchema.partial(),
  practitionerIds: z.array(uuidSchema).max(200),
};
export const createServiceInput = z
  .object({
    ...serviceShape,
    description: serviceShape.description.default({}),
    category: serviceShape.category.default(null),
    currency: serviceShape.currency.default('EUR'),
    bufferBeforeMinutes: serviceShape.bufferBeforeMinutes.default(0),
    bufferAfterMinutes: serviceShape.bufferAfterMinutes.default(0),
    bookableOnline: serviceShape.bookableOnline.default(true),
    needsRoom: serviceShape.needsRoom.default(false),
    rules: serviceShape.rules.default({}),
    practitionerIds: serviceShape.practitionerIds.default([]),
  })
  .strict();
export const updateServiceInput = z.object(serviceShape).partial().extend({ id: uuidSchema, active: z.boolean().optional() }).strict();
export type CreateServiceInput = z.infer<typeof createServiceInput>;
export type UpdateServiceInput = z.infer<typeof updateServiceInput>;

const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Use HH:MM');
export const workingIntervalSchema = z
  .object({ start: localTime, end: localTime })
  .strict()
  .refine((interval) => interval.start < interval.end, 'The end must be after the start');

const intervalList = z
  .array(workingIntervalSchema)
  .max(8)
  .refine((list) => {
    const sorted = [...list].sort((a, b) => (a.start < b.start ? -1 : 1));
    return sorted.every((interval, index) => index === 0 || (sorted[index - 1] as { end: string }).end <= interval.start);
  }, 'Intervals on one day must not overlap');

export const weeklyHoursSchema = z
  .object({ 1: intervalList, 2: intervalList, 3: intervalList, 4: intervalList, 5: intervalList, 6: intervalList, 7: intervalList })
  .partial()
  .strict();

export const RESOURCE_KIND_VALUES = ['practitioner', 'room'] as const;
export const createResourceInput = z
  .object({
    kind: z.enum(RESOURCE_KIND_VALUES),
    name: text(120),
    staffUserId: uuidSchema.nullable().default(null),
    weeklyHours: weeklyHoursSchema.default({}),
  })
  .strict();
export const updateResourceInput = z
  .object({
    id: uuidSchema,
    name: text(120).optional(),
    staffUserId: uuidSchema.nullable().optional(),
    weeklyHours: weeklyHoursSchema.optional(),
    active: z.boolean().optional(),
  })
  .strict();
export const setExceptionInput = z
  .object({
    resourceId: uuidSchema,
    date: calendarDateSchema,
    intervals: intervalList,
    note: z.string().trim().max(200).nullable().default(null),
  })
  .strict();
export const removeExceptionInput = z.object({ resourceId: uuidSchema, date: calendarDateSchema }).strict();
export const idInput = z.object({ id: uuidSchema }).strict();
