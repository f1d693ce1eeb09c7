import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { resources, services } from './catalogue.js';
import { clients } from './clients.js';
import { tenants } from './tenants.js';

export const BOOKING_STATUSES = ['pending_payment', 'confirmed', 'cancelled', 'completed', 'no_show'] as const;
export const LIVE_BOOKING_STATUSES = ['pending_payment', 'confirmed', 'completed', 'no_show'] as const;

/** A PostgreSQL tstzrange, read and written as its text form '[from,to)'. */
export const tstzrange = customType<{ data: string; driverData: string }>({ dataType: () => 'tstzrange' });

export const bookings = pgTable(
  'bookings',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    clientId: uuid('client_id').notNull(),
    serviceId: uuid('service_id').notNull(),
    practitionerId: uuid('practitioner_id').notNull(),
    roomId: uuid('room_id'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: BOOKING_STATUSES }).notNull(),
    source: text('source', { enum: ['widget', 'staff'] }).notNull(),
    priceCents: integer('price_cents').notNull(),
    currency: text('currency').notNull(),
    language: text('language').notNull().default('fi'),
    /** Client-chosen key: a retried or double-clicked booking creates one booking. */
    idempotencyKey: text('idempotency_key'),
    /** sha256 of the manage token; the token itself only ever reaches the client. */
    manageTokenHash: text('manage_token_hash'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    uniqueIndex('bookings_tenant_idempotency_key').on(table.tenantId, table.idempotencyKey),
    uniqueIndex('bookings_tenant_manage_token_key').on(table.tenantId, table.manageTokenHash),
    index('bookings_tenant_starts_idx').on(table.tenantId, table.startsAt),
    index('bookings_tenant_client_idx').on(table.tenantId, table.clientId, table.startsAt),
    foreignKey({ columns: [table.tenantId], foreignColumns: [tenants.id], name: 'bookings_tenant_fk' }).onDelete('cascade'),
    foreignKey({ columns: [table.tenantId, table.clientId], foreignColumns: [clients.tenantId, clients.id], name: 'bookings_client_fk' }),
    foreignKey({
      columns: [table.tenantId, table.serviceId],
      foreignColumns: [services.tenantId, services.id],
      name: 'bookings_service_fk',
    }),
    foreignKey({
      columns: [table.tenantId, table.practitionerId],
      foreignColumns: [resources.tenantId, resources.id],
      name: 'bookings_practitioner_fk',
    }),
    foreignKey({ columns: [table.tenantId, table.roomId], foreignColumns: [resources.tenantId, resources.id], name: 'bookings_room_fk' }),
  ],
);

/**
 * What a booking or a block holds: one row per resource, over the time including buffers. An
 * exclusion constraint (custom migration) forbids two live rows for one resource from overlapping.
 */
export const allocations = pgTable(
  'allocations',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    resourceId: uuid('resource_id').notNull(),
    bookingId: uuid('booking_id'),
    kind: text('kind', { enum: ['booking', 'block'] }).notNull(),
    during: tstzrange('during').notNull(),
    /**
     * The bounds of `during`, stored for reading. Under row-level security PostgreSQL only uses an
     * index for leakproof operators, and range && is not one: queries compare these instead.
     */
    heldFrom: timestamp('held_from', { withTimezone: true }).generatedAlwaysAs(sql`lower(during)`),
    heldUntil: timestamp('held_until', { withTimezone: true }).generatedAlwaysAs(sql`upper(during)`),
    /** False once the booking is cancelled or the block removed: only live rows hold time. */
    live: boolean('live').notNull().default(true),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    index('allocations_tenant_booking_idx').on(table.tenantId, table.bookingId),
    index('allocations_live_resource_time_idx').on(table.tenantId, table.resourceId, table.heldUntil, table.heldFrom).where(sql`live`),
    foreignKey({
      columns: [table.tenantId, table.resourceId],
      foreignColumns: [resources.tenantId, resources.id],
      name: 'allocations_resource_fk',
    }),
    foreignKey({
      columns: [table.tenantId, table.bookingId],
      foreignColumns: [bookings.tenantId, bookings.id],
      name: 'allocations_booking_fk',
    }).onDelete('cascade'),
  ],
);
