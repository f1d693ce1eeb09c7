import { z } from 'zod';
import { type Locale, text, uuidSchema } from './common.js';

/** At most this many sites may embed one clinic's widget. */
export const MAX_WIDGET_ORIGINS = 20;

const ORIGIN_PATTERN = /^(https?):\/\/([a-z0-9]([a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(?::(\d{1,5}))?\/?$/i;
const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443' };

/** `https://Clinic.example:443/` → `https://clinic.example`, the way a browser writes it in `Origin`; null if it is not a bare origin. */
export function normaliseSiteOrigin(value: string): string | null {
  const match = ORIGIN_PATTERN.exec(value.trim());
  if (!match) return null;
  const scheme = (match[1] as string).toLowerCase();
  const host = (match[2] as string).toLowerCase();
  const port = match[4];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return null;
  return port === undefined || port === DEFAULT_PORTS[scheme] ? `${scheme}://${host}` : `${scheme}://${host}:${Number(port)}`;
}

/**
 * A site that may embed the widget, as a browser names it in `Origin`: scheme, host and port only
 * (`https://clinic.example`). Anything else (a path, credentials, another scheme) is refused.
 */
export const siteOriginSchema = z
  .string()
  .trim()
  .max(200)
  .refine((value) => normaliseSiteOrigin(value) !== null, 'Enter only the scheme, host and port, e.g. https://clinic.example')
  .transform((value) => normaliseSiteOrigin(value) as string);

export const cookieBannerTextSchema = z.object({ title: text(120), body: text(1200) }).strict();
export type CookieBannerText = z.infer<typeof cookieBannerTextSchema>;

export const widgetSettingsSchema = z
  .object({
    /** Sites (origins) allowed to embed the widget and call the public API for this clinic. */
    allowedOrigins: z
      .array(siteOriginSchema)
      .max(MAX_WIDGET_ORIGINS)
      .refine((origins) => new Set(origins).size === origins.length, 'Each site only once'),
    cookieBanner: z
      .object({
        /** Show the cookie-consent banner on the clinic's own site where the loader runs. */
        enabled: z.boolean(),
        /** The clinic's own wording per language; languages left out use Hetki's default text. */
        texts: z
          .object({ fi: cookieBannerTextSchema.optional(), sv: cookieBannerTextSchema.optional(), en: cookieBannerTextSchema.optional() })
          .strict(),
      })
      .strict(),
    /** The clinic's privacy notice, linked from the booking form. */
    privacyNoticeUrl: z
      .url({ protocol: /^https?$/, message: 'Enter an http(s) address' })
      .max(500)
      .nullable(),
    /** Ask for consent to photos and video for therapy on the booking form. */
    askPhotoVideoConsent: z.boolean(),
  })
  .strict();
export type WidgetSettings = z.infer<typeof widgetSettingsSchema>;

export const DEFAULT_WIDGET_SETTINGS: WidgetSettings = {
  allowedOrigins: [],
  cookieBanner: { enabled: false, texts: {} },
  privacyNoticeUrl: null,
  askPhotoVideoConsent: false,
};

/** Fields left out stay as they are. */
export const updateWidgetSettingsInput = widgetSettingsSchema.partial().strict();
export type UpdateWidgetSettingsInput = z.infer<typeof updateWidgetSettingsInput>;

export const widgetConfigInput = z.object({ slug: z.string().trim().toLowerCase().min(1).max(40) }).strict();

/** What the widget page and the loader need to know about a clinic; nothing private. */
export type WidgetConfig = {
  slug: string;
  name: string;
  timeZone: string;
  defaultLocale: Locale;
  enabledLocales: Locale[];
  clientFields: { birthDate: boolean; address: boolean; language: boolean; gender: boolean; birthYear: boolean };
  privacyNoticeUrl: string | null;
  privacyNoticeVersion: string;
  askPhotoVideoConsent: boolean;
  cookieBanner: { enabled: boolean; texts: Partial<Record<Locale, CookieBannerText>> };
};

export const COOKIE_CATEGORIES = ['necessary', 'analytics', 'marketing'] as const;

export const recordCookieConsentInput = z
  .object({
    slug: z.string().trim().toLowerCase().min(1).max(40),
    /** Random, made by the visitor's browser and kept on the clinic's site: no person behind it is known. */
    visitorId: uuidSchema,
    analytics: z.boolean(),
    marketing: z.boolean(),
    noticeVersion: z.string().trim().min(1).max(40),
  })
  .strict();
export type RecordCookieConsentInput = z.infer<typeof recordCookieConsentInput>;
