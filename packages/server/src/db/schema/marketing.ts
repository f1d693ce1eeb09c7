import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  inet,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { clients } from './clients.js';
import { MESSAGE_CHANNELS } from './outbox.js';
import { tenants } from './tenants.js';

/**
 * The marketing register, kept apart from the client register as clinics' notices promise: a
 * person joins it by consent and leaves it by themselves. A contact may link to a client.
 */
export const marketingContacts = pgTable(
  'marketing_contacts',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    /** E.164, e.g. +358401234567. */
    phone: text('phone'),
    locale: text('locale', { enum: ['fi', 'sv', 'en'] })
      .notNull()
      .default('fi'),
    clientId: uuid('client_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    uniqueIndex('marketing_contacts_email_key').on(table.tenantId, table.email).where(sql`email is not null`),
    uniqueIndex('marketing_contacts_phone_key').on(table.tenantId, table.phone).where(sql`phone is not null`),
    index('marketing_contacts_client_idx').on(table.tenantId, table.clientId),
    index('marketing_contacts_name_idx').on(table.tenantId, table.name),
    foreignKey({ columns: [table.tenantId], foreignColumns: [tenants.id], name: 'marketing_contacts_tenant_fk' }).onDelete('cascade'),
    foreignKey({
      columns: [table.tenantId, table.clientId],
      foreignColumns: [clients.tenantId, clients.id],
      name: 'marketing_contacts_client_fk',
    }),
  ],
);

export const MARKETING_CONSENT_SOURCES = [
  'booking_form',
  'widget',
  'portal',
  'web_form',
  'staff_verbal',
  'unsubscribe_link',
  'sms_stop',
] as const;

/** A ledger per contact and channel: the latest row is the state; rows are never changed. */
export const marketingConsents = pgTable(
  'marketing_consents',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    contactId: uuid('contact_id').notNull(),
    channel: text('channel', { enum: MESSAGE_CHANNELS }).notNull(),
    granted: boolean('granted').notNull(),
    source: text('source', { enum: MARKETING_CONSENT_SOURCES }).notNull(),
    noticeVersion: text('notice_version').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
    ip: inet('ip'),
    staffActorId: uuid('staff_actor_id'),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    index('marketing_consents_latest_idx').on(table.tenantId, table.contactId, table.channel, table.recordedAt),
    foreignKey({
      columns: [table.tenantId, table.contactId],
      foreignColumns: [marketingContacts.tenantId, marketingContacts.id],
      name: 'marketing_consents_contact_fk',
    }).onDelete('cascade'),
  ],
);

/** Email double opt-in: a subscription waits here until its confirmation link is opened. */
export const pendingSubscriptions = pgTable(
  'pending_subscriptions',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    contactId: uuid('contact_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    noticeVersion: text('notice_version').notNull(),
    ip: inet('ip'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    uniqueIndex('pending_subscriptions_token_key').on(table.tenantId, table.tokenHash),
    index('pending_subscriptions_expiry_idx').on(table.tenantId, table.expiresAt),
    foreignKey({
      columns: [table.tenantId, table.contactId],
      foreignColumns: [marketingContacts.tenantId, marketingContacts.id],
      name: 'pending_subscriptions_contact_fk',
    }).onDelete('cascade'),
  ],
);

export type CampaignAudience =
  | { kind: 'all' }
  | { kind: 'service'; serviceIds: string[] }
  | { kind: 'last_visit'; from: string | null; to: string | null };

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'sending', 'sent', 'cancelled'] as const;

export const campaigns = pgTable(
  'campaigns',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    channel: text('channel', { enum: MESSAGE_CHANNELS }).notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    audience: jsonb('audience').$type<CampaignAudience>().notNull(),
    status: text('status', { enum: CAMPAIGN_STATUSES }).notNull().default('draft'),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    recipientCount: integer('recipient_count'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    index('campaigns_tenant_created_idx').on(table.tenantId, table.createdAt),
    index('campaigns_scheduled_idx').on(table.tenantId, table.scheduledAt).where(sql`status in ('scheduled', 'sending')`),
    foreignKey({ columns: [table.tenantId], foreignColumns: [tenants.id], name: 'campaigns_tenant_fk' }).onDelete('cascade'),
  ],
);
