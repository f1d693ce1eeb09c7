import { sql } from 'drizzle-orm';
import { boolean, date, foreignKey, index, inet, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants.js';

export type Guardian = { name: string; phone: string | null; email: string | null };
export type ClientAddress = { street: string; postalCode: string; city: string; country: string };

/** The client register. Special-category data (health, notes) lives apart, encrypted. */
export const clients = pgTable(
  'clients',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    birthDate: date('birth_date'),
    birthYear: integer('birth_year'),
    gender: text('gender'),
    language: text('language'),
    address: jsonb('address').$type<ClientAddress>(),
    guardian: jsonb('guardian').$type<Guardian>(),
    /** Finnish personal identity code, only where the law requires one; AES-256-GCM under the tenant key. */
    personalIdentityCode: text('personal_identity_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    index('clients_tenant_email_idx').on(table.tenantId, table.email),
    index('clients_tenant_name_idx').on(table.tenantId, table.lastName, table.firstName),
    foreignKey({ columns: [table.tenantId], foreignColumns: [tenants.id], name: 'clients_tenant_fk' }).onDelete('cascade'),
  ],
);

export const CONSENT_PURPOSES = ['marketing_email', 'marketing_sms', 'photo_video'] as const;
export const CONSENT_SOURCES = ['widget', 'portal', 'staff_verbal', 'web_form', 'booking_form', 'unsubscribe_link', 'sms_stop'] as const;

/** A ledger: every grant or withdrawal is a new row; the current state is the latest row per purpose. */
export const consents = pgTable(
  'consents',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    clientId: uuid('client_id').notNull(),
    purpose: text('purpose', { enum: CONSENT_PURPOSES }).notNull(),
    granted: boolean('granted').notNull(),
    source: text('source', { enum: CONSENT_SOURCES }).notNull(),
    noticeVersion: text('notice_version').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().default(sql`now()`),
    ip: inet('ip'),
    staffActorId: uuid('staff_actor_id'),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    index('consents_client_purpose_idx').on(table.tenantId, table.clientId, table.purpose, table.recordedAt),
    foreignKey({
      columns: [table.tenantId, table.clientId],
      foreignColumns: [clients.tenantId, clients.id],
      name: 'consents_client_fk',
    }).onDelete('cascade'),
  ],
);
