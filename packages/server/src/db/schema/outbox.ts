import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants.js';

export const MESSAGE_CHANNELS = ['email', 'sms'] as const;
export const MESSAGE_KINDS = [
  'booking_confirmation',
  'booking_reminder',
  'booking_cancelled',
  'booking_rescheduled',
  'staff_new_booking',
  'subscribe_confirmation',
  'campaign',
  'portal_sign_in',
  'staff_invitation',
] as const;
/**
 * pending: waiting to be sent; sending: an SMS handed to the provider whose outcome is not yet
 * recorded (never retried blindly: a message is sent at most once per row); sent; failed after
 * its retries; skipped at send time (reason in skip_reason); cancelled before it was due.
 */
export const MESSAGE_STATUSES = ['pending', 'sending', 'sent', 'failed', 'skipped', 'cancelled'] as const;

/**
 * The outbox: every message to send is first a row here, written in the same transaction as its
 * cause. A BullMQ job whose id is the row's id delivers it; the row, not the queue, is the truth.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    kind: text('kind', { enum: MESSAGE_KINDS }).notNull(),
    channel: text('channel', { enum: MESSAGE_CHANNELS }).notNull(),
    /** An email address or an E.164 phone number. */
    recipient: text('recipient').notNull(),
    locale: text('locale', { enum: ['fi', 'sv', 'en'] }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: MESSAGE_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    providerId: text('provider_id'),
    /** Provider-reported state after sending (Twilio: delivered, undelivered, failed...). */
    deliveryStatus: text('delivery_status'),
    /** A short code and message from the provider; never personal data. */
    error: text('error'),
    skipReason: text('skip_reason'),
    bookingId: uuid('booking_id'),
    campaignId: uuid('campaign_id'),
    contactId: uuid('contact_id'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    index('outbox_open_due_idx').on(table.tenantId, table.dueAt).where(sql`status in ('pending', 'sending')`),
    index('outbox_tenant_campaign_idx').on(table.tenantId, table.campaignId, table.status),
    index('outbox_tenant_booking_idx').on(table.tenantId, table.bookingId),
    index('outbox_tenant_contact_sent_idx')
      .on(table.tenantId, table.contactId, table.channel, table.sentAt)
      .where(sql`kind = 'campaign' and status = 'sent'`),
    index('outbox_tenant_finished_idx').on(table.tenantId, table.updatedAt),
    foreignKey({ columns: [table.tenantId], foreignColumns: [tenants.id], name: 'outbox_tenant_fk' }).onDelete('cascade'),
  ],
);
