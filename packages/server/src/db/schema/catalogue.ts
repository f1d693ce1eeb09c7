import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants.js';

export type LocalizedText = { fi?: string; sv?: string; en?: string };
export type BookingRuleOverrides = {
  minNoticeMinutes?: number;
  maxAdvanceDays?: number;
  slotStepMinutes?: number;
  cancellationWindowHours?: number;
};

export const services = pgTable(
  'services',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    description: jsonb('description').$type<LocalizedText>().notNull().default(sql`'{}'::jsonb`),
    category: text('category'),
    durationMinutes: integer('duration_minutes').notNull(),
    priceCents: integer('price_cents').notNull(),
    currency: text('currency').notNull().default('EUR'),
    bufferBeforeMinutes: integer('buffer_before_minutes').notNull().default(0),
    bufferAfterMinutes: integer('buffer_after_minutes').notNull().default(0),
    bookableOnline: boolean('bookable_online').notNull().default(true),
    needsRoom: boolean('needs_room').notNull().default(false),
    rules: jsonb('rules').$type<BookingRuleOverrides>().notNull().default(sql`'{}'::jsonb`),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    foreignKey({ columns: [table.tenantId], foreignColumns: [tenants.id], name: 'services_tenant_fk' }).onDelete('cascade'),
  ],
);

export const RESOURCE_KINDS = ['practitioner', 'room'] as const;

/** Practitioners and rooms: anything a booking holds. A practitioner may be a staff member. */
export const resources = pgTable(
  'resources',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    kind: text('kind', { enum: RESOURCE_KINDS }).notNull(),
    name: text('name').notNull(),
    staffUserId: uuid('staff_user_id'),
    /** WeeklyHours: ISO weekday -> [{ start: 'HH:MM', end: 'HH:MM' }] in the clinic's zone. */
    weeklyHours: jsonb('weekly_hours').$type<Record<string, { start: string; end: string }[]>>().notNull().default(sql`'{}'::jsonb`),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    index('resources_tenant_kind_idx').on(table.tenantId, table.kind),
    foreignKey({ columns: [table.tenantId], foreignColumns: [tenants.id], name: 'resources_tenant_fk' }).onDelete('cascade'),
  ],
);

/** Which practitioners perform which service. */
export const servicePractitioners = pgTable(
  'service_practitioners',
  {
    tenantId: uuid('tenant_id').notNull(),
    serviceId: uuid('service_id').notNull(),
    resourceId: uuid('resource_id').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.serviceId, table.resourceId] }),
    index('service_practitioners_resource_idx').on(table.tenantId, table.resourceId),
    foreignKey({
      columns: [table.tenantId, table.serviceId],
      foreignColumns: [services.tenantId, services.id],
      name: 'service_practitioners_service_fk',
    }).onDelete('cascade'),
    foreignKey({
      columns: [table.tenantId, table.resourceId],
      foreignColumns: [resources.tenantId, resources.id],
      name: 'service_practitioners_resource_fk',
    }).onDelete('cascade'),
  ],
);

/** A date on which a resource keeps other hours than its weekly ones; no intervals means closed. */
export const resourceExceptions = pgTable(
  'resource_exceptions',
  {
    tenantId: uuid('tenant_id').notNull(),
    resourceId: uuid('resource_id').notNull(),
    date: text('date').notNull(),
    intervals: jsonb('intervals').$type<{ start: string; end: string }[]>().notNull(),
    note: text('note'),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.resourceId, table.date] }),
    foreignKey({
      columns: [table.tenantId, table.resourceId],
      foreignColumns: [resources.tenantId, resources.id],
      name: 'resource_exceptions_resource_fk',
    }).onDelete('cascade'),
  ],
);
