import { foreignKey, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { clients } from './clients.js';
import { tenants } from './tenants.js';

/**
 * One-time sign-in links of the client portal. The token in the emailed link is derived from the
 * row (see PortalLinkTokens); only its sha256 is kept. A link is spent by setting `used_at`.
 */
export const portalSignInLinks = pgTable(
  'portal_sign_in_links',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    clientId: uuid('client_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The outbox message that carries the link. */
    messageId: uuid('message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    uniqueIndex('portal_sign_in_links_token_key').on(table.tenantId, table.tokenHash),
    index('portal_sign_in_links_message_idx').on(table.tenantId, table.messageId),
    index('portal_sign_in_links_client_idx').on(table.tenantId, table.clientId, table.expiresAt),
    foreignKey({ columns: [table.tenantId], foreignColumns: [tenants.id], name: 'portal_sign_in_links_tenant_fk' }).onDelete('cascade'),
    foreignKey({
      columns: [table.tenantId, table.clientId],
      foreignColumns: [clients.tenantId, clients.id],
      name: 'portal_sign_in_links_client_fk',
    }).onDelete('cascade'),
  ],
);

/** Client portal sessions, per clinic. The cookie holds a random token; only its sha256 is stored. */
export const clientSessions = pgTable(
  'client_sessions',
  {
    tenantId: uuid('tenant_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    clientId: uuid('client_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.tokenHash] }),
    index('client_sessions_client_idx').on(table.tenantId, table.clientId),
    foreignKey({ columns: [table.tenantId], foreignColumns: [tenants.id], name: 'client_sessions_tenant_fk' }).onDelete('cascade'),
    foreignKey({
      columns: [table.tenantId, table.clientId],
      foreignColumns: [clients.tenantId, clients.id],
      name: 'client_sessions_client_fk',
    }).onDelete('cascade'),
  ],
);
