import { z } from 'zod';
import { clientConsentPurposeSchema } from './clients.js';
import { emailSchema, instantSchema, localeSchema, phoneSchema, text, uuidSchema } from './common.js';

/** How long an emailed sign-in link works, and how long a portal session lives. */
export const PORTAL_LINK_MINUTES = 15;
export const PORTAL_SESSION_IDLE_MINUTES = 30;
export const PORTAL_SESSION_MAX_HOURS = 8;

const slug = z.string().trim().toLowerCase().min(1).max(40);

/** Every portal input names the clinic by its public slug: the session must belong to that clinic. */
export const portalSlugInput = z.object({ slug }).strict();

export const portalRequestLinkInput = z.object({ slug, email: emailSchema, locale: localeSchema.default('fi') }).strict();
export type PortalRequestLinkInput = z.infer<typeof portalRequestLinkInput>;

export const portalSignInInput = z
  .object({
    slug,
    token: z
      .string()
      .trim()
      .min(30)
      .max(100)
      .regex(/^[A-Za-z0-9_-]+$/),
  })
  .strict();

export const portalUpdateProfileInput = z
  .object({
    slug,
    firstName: text(80).optional(),
    lastName: text(80).optional(),
    // No email: it is what signs the client in and links their bookings, so changing it would need the
    // new address proven first. The clinic changes it on request.
    /** null clears the phone number. */
    phone: phoneSchema.nullable().optional(),
    language: localeSchema.optional(),
  })
  .strict();
export type PortalUpdateProfileInput = z.infer<typeof portalUpdateProfileInput>;

export const portalBookingInput = z.object({ slug, bookingId: uuidSchema }).strict();
export const portalRescheduleInput = z.object({ slug, bookingId: uuidSchema, start: instantSchema }).strict();

export const portalConsentInput = z.object({ slug, purpose: clientConsentPurposeSchema, granted: z.boolean() }).strict();
export type PortalConsentInput = z.infer<typeof portalConsentInput>;

// Outputs

export type PortalSession = {
  client: { firstName: string };
  clinic: { slug: string; name: string; timeZone: string };
  csrfToken: string;
};

export type PortalProfile = {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  language: z.infer<typeof localeSchema> | null;
};

export type PortalBooking = {
  id: string;
  status: string;
  start: string;
  end: string;
  service: { id: string; name: Record<string, string | undefined> };
  practitioner: { id: string; name: string };
  /** Until when the client may cancel or move it online; null when it is not live or already past. */
  canChangeUntil: string | null;
  /** The client may change it online now: cancel it, and move it too when `movable`. */
  changeable: boolean;
  /**
   * The client may also move it online now: changeable, and its service offers free times online
   * (active and bookable online, still performed by its practitioner, who is still active). Staff
   * may book other services; the client moves those by contacting the clinic.
   */
  movable: boolean;
};
export type PortalBookings = { upcoming: PortalBooking[]; past: PortalBooking[] };

export type PortalConsentPurpose = z.infer<typeof clientConsentPurposeSchema>;
export type PortalConsents = {
  current: Record<PortalConsentPurpose, { granted: boolean; recordedAt: string; source: string } | null>;
  history: { id: string; purpose: PortalConsentPurpose; granted: boolean; source: string; noticeVersion: string; recordedAt: string }[];
  /** The privacy-notice version a new grant or withdrawal refers to. */
  noticeVersion: string;
};
