import { STAFF_ROLES } from '@hetki/shared';
import { foreignKey, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants.js';

export const invitations = pgTable(
  'invitations',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    email: text('email').notNull(),
    role: text('role', { enum: STAFF_ROLES }).notNull(),
    /** sha256 of the one-time token; the token itself is only ever in the accept link. */
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** The outbox row of the invitation email (its token is derived again from this row's id). */
    messageId: uuid('message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    uniqueIndex('invitations_tenant_token_key').on(table.tenantId, table.tokenHash),
    index('invitations_tenant_email_idx').on(table.tenantId, table.email),
    foreignKey({ columns: [table.tenantId], foreignColumns: [tenants.id], name: 'invitations_tenant_fk' }).onDelete('cascade'),
  ],
);
