import type { CookieBannerText, Locale } from '@hetki/shared';
import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants.js';

/** One row per clinic that has changed its widget settings; a clinic without one uses the defaults. */
export const widgetSettings = pgTable(
  'widget_settings',
  {
    tenantId: uuid('tenant_id').notNull(),
    allowedOrigins: text('allowed_origins').array().notNull().default(sql`'{}'::text[]`),
    cookieBannerEnabled: boolean('cookie_banner_enabled').notNull().default(false),
    cookieBannerTexts: jsonb('cookie_banner_texts').$type<Partial<Record<Locale, CookieBannerText>>>().notNull().default(sql`'{}'::jsonb`),
    privacyNoticeUrl: text('privacy_notice_url'),
    askPhotoVideoConsent: boolean('ask_photo_video_consent').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId], name: 'widget_settings_pkey' }),
    foreignKey({ columns: [table.tenantId], foreignColumns: [tenants.id], name: 'widget_settings_tenant_fk' }).onDelete('cascade'),
  ],
);

/**
 * Cookie-consent decisions made on clinics' sites: append-only. The visitor is a random id their
 * browser keeps; the IP address is stored only as a keyed hash.
 */
export const cookieConsents = pgTable(
  'cookie_consents',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    visitorId: uuid('visitor_id').notNull(),
    analytics: boolean('analytics').notNull(),
    marketing: boolean('marketing').notNull(),
    noticeVersion: text('notice_version').notNull(),
    siteOrigin: text('site_origin'),
    ipHash: text('ip_hash'),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    index('cookie_consents_visitor_idx').on(table.tenantId, table.visitorId, table.decidedAt),
    foreignKey({ columns: [table.tenantId], foreignColumns: [tenants.id], name: 'cookie_consents_tenant_fk' }).onDelete('cascade'),
  ],
);
