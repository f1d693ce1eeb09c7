import { z } from 'zod';
import { emailSchema, instantSchema, localeSchema, phoneSchema, text, uuidSchema } from './common.js';

export const messageChannelSchema = z.enum(['email', 'sms']);
export type MessageChannel = z.infer<typeof messageChannelSchema>;

export const campaignAudienceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('service'), serviceIds: z.array(uuidSchema).min(1).max(50) }).strict(),
  z
    .object({
      kind: z.literal('last_visit'),
      from: instantSchema.nullable(),
      to: instantSchema.nullable(),
    })
    .strict(),
]);
export type CampaignAudienceInput = z.infer<typeof campaignAudienceSchema>;

const campaignFields = z
  .object({
    name: text(120),
    channel: messageChannelSchema,
    /** Email only. */
    subject: z.string().trim().min(1).max(200).nullable().default(null),
    body: z.string().trim().min(1).max(10_000),
    audience: campaignAudienceSchema,
  })
  .strict();

const subjectForEmail = (value: { channel: MessageChannel; subject: string | null }) => value.channel === 'sms' || value.subject !== null;
const SUBJECT_MESSAGE = { message: 'An email campaign needs a subject', path: ['subject'] };

export const createCampaignInput = campaignFields.refine(subjectForEmail, SUBJECT_MESSAGE);
export type CreateCampaignInput = z.infer<typeof createCampaignInput>;

// No defaults on update: a field left out stays as it is (zod applies `.default` even in `.partial()`).
export const updateCampaignInput = campaignFields
  .extend({ subject: z.string().trim().min(1).max(200).nullable().optional() })
  .partial()
  .extend({ id: uuidSchema })
  .strict();
export type UpdateCampaignInput = z.infer<typeof updateCampaignInput>;

export const campaignIdInput = z.object({ id: uuidSchema }).strict();

export const scheduleCampaignInput = z
  .object({
    id: uuidSchema,
    /** Null sends now. */
    sendAt: instantSchema.nullable(),
  })
  .strict();

export const listContactsInput = z
  .object({
    search: z.string().trim().max(100).optional(),
    limit: z.number().int().min(1).max(200).default(50),
    offset: z.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

export const createContactInput = z
  .object({
    name: text(200),
    email: emailSchema.nullable().default(null),
    phone: phoneSchema.nullable().default(null),
    /** The language of their messages; the clinic's default language when not given. */
    locale: localeSchema.optional(),
  })
  .strict()
  .refine((value) => value.email !== null || value.phone !== null, { message: 'Give an email or a phone number', path: ['email'] });

export const contactIdInput = z.object({ id: uuidSchema }).strict();

/** Staff record what a person said: a verbal grant or withdrawal. */
export const recordContactConsentInput = z.object({ contactId: uuidSchema, channel: messageChannelSchema, granted: z.boolean() }).strict();

/** A clinic's own newsletter form: email with double opt-in. */
export const subscribeInput = z
  .object({
    slug: z.string().trim().toLowerCase().min(1).max(40),
    name: text(200),
    email: emailSchema,
    locale: localeSchema.default('fi'),
    noticeVersion: z.string().trim().min(1).max(40),
  })
  .strict();
export type SubscribeInput = z.infer<typeof subscribeInput>;

export const confirmSubscriptionInput = z
  .object({ slug: z.string().trim().toLowerCase().min(1).max(40), token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) })
  .strict();
