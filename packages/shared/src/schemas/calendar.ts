import { z } from 'zod';
import { instantSchema, uuidSchema } from './common.js';

const instant = instantSchema;

export const calendarRangeInput = z
  .object({ from: instant, to: instant, resourceIds: z.array(uuidSchema).max(50).optional() })
  .strict()
  .refine((value) => Date.parse(value.to) > Date.parse(value.from), { message: 'The range ends before it starts', path: ['to'] });

export const staffBookingInput = z
  .object({
    clientId: uuidSchema,
    serviceId: uuidSchema,
    practitionerId: uuidSchema,
    roomId: uuidSchema.nullable().optional(),
    start: instant,
  })
  .strict();

export const moveBookingInput = z
  .object({ bookingId: uuidSchema, start: instant, practitionerId: uuidSchema.optional(), roomId: uuidSchema.nullable().optional() })
  .strict();

export const bookingIdInput = z.object({ bookingId: uuidSchema }).strict();
export const visitOutcomeInput = z.object({ bookingId: uuidSchema, outcome: z.enum(['completed', 'no_show']) }).strict();

export const blockTimeInput = z
  .object({ resourceId: uuidSchema, start: instant, end: instant, note: z.string().trim().max(200).nullable().optional() })
  .strict()
  .refine((value) => Date.parse(value.end) > Date.parse(value.start), { message: 'The end must be after the start', path: ['end'] })
  .refine((value) => Date.parse(value.end) - Date.parse(value.start) <= 31 * 86_400_000, {
    message: 'Block at most 31 days at a time',
    path: ['end'],
  });

export const blockIdInput = z.object({ blockId: uuidSchema }).strict();
