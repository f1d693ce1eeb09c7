import { z } from 'zod';
import { isValidPersonalIdentityCode } from '../domain/personalIdentityCode.js';
import { emailSchema, localDateSchema, localeSchema, phoneSchema, text, uuidSchema } from './common.js';
import { addressSchema } from './tenant.js';

export * from '../domain/personalIdentityCode.js';

export const MAX_NOTE_LENGTH = 20_000;
export const MAX_CLIENT_PAGE = 100;

export const CLIENT_CONSENT_PURPOSES = ['marketing_email', 'marketing_sms', 'photo_video'] as const;
export const clientConsentPurposeSchema = z.enum(CLIENT_CONSENT_PURPOSES);
export type ClientConsentPurpose = z.infer<typeof clientConsentPurposeSchema>;

export const guardianSchema = z
  .object({
    name: text(120),
    phone: phoneSchema.nullable().default(null),
    email: emailSchema.nullable().default(null),
  })
  .strict()
  .refine((guardian) => guardian.phone !== null || guardian.email !== null, {
    message: "Give the guardian's phone or email",
    path: ['phone'],
  });
export type GuardianInput = z.infer<typeof guardianSchema>;

export const clientAddressSchema = addressSchema.strict();

export const personalIdentityCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .max(11)
  .refine(isValidPersonalIdentityCode, 'Enter a valid Finnish personal identity code, e.g. 131052-308T');

/** Every field of a client that staff may set; null clears an optional one. */
const clientShape = {
  firstName: text(80),
  lastName: text(80),
  email: emailSchema.nullable(),
  phone: phoneSchema.nullable(),
  birthDate: localDateSchema.refine((value) => value >= '1880-01-01', 'Not a plausible birth date').nullable(),
  birthYear: z.number().int().min(1880).max(2100).nullable(),
  gender: z.string().trim().min(1).max(40).nullable(),
  language: localeSchema.nullable(),
  address: clientAddressSchema.nullable(),
  guardian: guardianSchema.nullable(),
  /** Accepted only when the clinic's settings say it must keep one (`requirePersonalIdentityCode`). */
  personalIdentityCode: personalIdentityCodeSchema.nullable(),
};

export const createClientInput = z
  .object({
    firstName: clientShape.firstName,
    lastName: clientShape.lastName,
    email: clientShape.email.default(null),
    phone: clientShape.phone.default(null),
    birthDate: clientShape.birthDate.default(null),
    birthYear: clientShape.birthYear.default(null),
    gender: clientShape.gender.default(null),
    language: clientShape.language.default(null),
    address: clientShape.address.default(null),
    guardian: clientShape.guardian.default(null),
    personalIdentityCode: clientShape.personalIdentityCode.default(null),
  })
  .strict();
export type CreateClientInput = z.infer<typeof createClientInput>;

/** Only the fields sent change; null clears an optional field. */
export const updateClientInput = z.object(clientShape).partial().extend({ id: uuidSchema }).strict();
export type UpdateClientInput = z.infer<typeof updateClientInput>;

export const clientListInput = z
  .object({
    /** Matches first name, last name, email or phone: case-insensitive, partial, every word must match. */
    query: z.string().trim().max(100).optional(),
    limit: z.number().int().min(1).max(MAX_CLIENT_PAGE).default(50),
    /** The id of the last client of the previous page (`nextCursor`). */
    cursor: uuidSchema.optional(),
  })
  .strict();
export type ClientListInput = z.infer<typeof clientListInput>;

export const clientIdInput = z.object({ id: uuidSchema }).strict();

export const recordClientConsentInput = z
  .object({
    clientId: uuidSchema,
    purpose: clientConsentPurposeSchema,
    granted: z.boolean(),
    /** The privacy-notice version the person was told about. */
    noticeVersion: text(40),
  })
  .strict();
export type RecordClientConsentInput = z.infer<typeof recordClientConsentInput>;

export const noteBodySchema = text(MAX_NOTE_LENGTH);

export const createVisitNoteInput = z
  .object({ clientId: uuidSchema, bookingId: uuidSchema.nullable().default(null), body: noteBodySchema })
  .strict();
export type CreateVisitNoteInput = z.infer<typeof createVisitNoteInput>;

export const updateVisitNoteInput = z.object({ id: uuidSchema, body: noteBodySchema }).strict();
export type UpdateVisitNoteInput = z.infer<typeof updateVisitNoteInput>;

export const listVisitNotesInput = z
  .object({
    clientId: uuidSchema,
    limit: z.number().int().min(1).max(MAX_CLIENT_PAGE).default(50),
    /** The id of the last note of the previous page (`nextCursor`). */
    cursor: uuidSchema.optional(),
  })
  .strict();
export type ListVisitNotesInput = z.infer<typeof listVisitNotesInput>;

export const clientHealthInfoInput = z.object({ clientId: uuidSchema }).strict();
/** An empty body clears the health information. */
export const putClientHealthInfoInput = z.object({ clientId: uuidSchema, body: z.string().trim().max(MAX_NOTE_LENGTH) }).strict();
export type PutClientHealthInfoInput = z.infer<typeof putClientHealthInfoInput>;

// Outputs

export type ClientListItem = {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  /** Start of the latest booking that has begun, cancelled ones left out. */
  lastBookingAt: string | null;
  /** Start of the next booking, cancelled ones left out. */
  nextBookingAt: string | null;
};
export type ClientListPage = { clients: ClientListItem[]; nextCursor: string | null };

export type ClientRecord = {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  birthDate: string | null;
  birthYear: number | null;
  gender: string | null;
  language: z.infer<typeof localeSchema> | null;
  address: z.infer<typeof clientAddressSchema> | null;
  guardian: { name: string; phone: string | null; email: string | null } | null;
  /** Masked ("131052-***T"); the full code only through revealPersonalIdentityCode, for owners. */
  personalIdentityCode: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ClientConsentState = Record<ClientConsentPurpose, { granted: boolean; recordedAt: string; source: string } | null>;
export type ClientConsentEntry = {
  id: string;
  purpose: ClientConsentPurpose;
  granted: boolean;
  source: string;
  noticeVersion: string;
  recordedAt: string;
  staffActorId: string | null;
  /** Whether the person acted from an address of their own (the address itself is not shown here). */
  fromIp: boolean;
};

export type ClientBookingSummary = {
  id: string;
  start: string;
  end: string;
  status: string;
  service: { id: string; name: { fi?: string; sv?: string; en?: string } };
  practitioner: { id: string; name: string };
};

export type VisitNote = {
  id: string;
  clientId: string;
  bookingId: string | null;
  author: { id: string; name: string | null };
  body: string;
  createdAt: string;
  updatedAt: string;
  /** Only the author may edit a note. */
  editable: boolean;
};
export type VisitNotePage = { notes: VisitNote[]; nextCursor: string | null };

export type ClientHealthInfo = {
  clientId: string;
  body: string;
  updatedBy: { id: string; name: string | null };
  updatedAt: string;
};

export type ClientProfile = ClientRecord & {
  /** Whether this clinic keeps personal identity codes. */
  personalIdentityCodeRequired: boolean;
  /** The newest bookings first (at most 200). */
  bookings: ClientBookingSummary[];
  consents: { current: ClientConsentState; history: ClientConsentEntry[] };
  /** Health information and the newest visit notes: only for practitioners and owners, null for other roles. */
  clinical: { healthInfo: ClientHealthInfo | null; notes: VisitNotePage } | null;
};
