import { foreignKey, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bookings } from './bookings.js';
import { clients } from './clients.js';
import { tenants } from './tenants.js';

/** Each clinic's data key, wrapped (AES-256-GCM) by the master key from the environment. */
export const tenantKeys = pgTable(
  'tenant_keys',
  {
    tenantId: uuid('tenant_id').notNull(),
    version: text('version').notNull(),
    wrappedKey: text('wrapped_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.version] }),
    foreignKey({ columns: [table.tenantId], foreignColumns: [tenants.id], name: 'tenant_keys_tenant_fk' }).onDelete('cascade'),
  ],
);

/** Treatment and examination notes per visit: special-category data, encrypted under the tenant key. */
export const visitNotes = pgTable(
  'visit_notes',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    clientId: uuid('client_id').notNull(),
    bookingId: uuid('booking_id'),
    authorId: uuid('author_id').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    foreignKey({
      columns: [table.tenantId, table.clientId],
      foreignColumns: [clients.tenantId, clients.id],
      name: 'visit_notes_client_fk',
    }).onDelete('cascade'),
    foreignKey({
      columns: [table.tenantId, table.bookingId],
      foreignColumns: [bookings.tenantId, bookings.id],
      name: 'visit_notes_booking_fk',
    }),
  ],
);

/**
 * Earlier texts of a corrected visit note: patient records keep what was written. Each row holds the
 * ciphertext exactly as it was (sealed to the note), so a revision decrypts like the note did.
 * The app role may only insert and read here.
 */
export const visitNoteRevisions = pgTable(
  'visit_note_revisions',
  {
    tenantId: uuid('tenant_id').notNull(),
    noteId: uuid('note_id').notNull(),
    revision: integer('revision').notNull(),
    body: text('body').notNull(),
    authorId: uuid('author_id').notNull(),
    writtenAt: timestamp('written_at', { withTimezone: true }).notNull(),
    replacedAt: timestamp('replaced_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.noteId, table.revision] }),
    foreignKey({
      columns: [table.tenantId, table.noteId],
      foreignColumns: [visitNotes.tenantId, visitNotes.id],
      name: 'visit_note_revisions_note_fk',
    }).onDelete('cascade'),
  ],
);

/** "Health information that affects treatment", one encrypted text per client. */
export const clientHealthInfo = pgTable(
  'client_health_info',
  {
    tenantId: uuid('tenant_id').notNull(),
    clientId: uuid('client_id').notNull(),
    body: text('body').notNull(),
    updatedBy: uuid('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.clientId] }),
    foreignKey({
      columns: [table.tenantId, table.clientId],
      foreignColumns: [clients.tenantId, clients.id],
      name: 'client_health_info_client_fk',
    }).onDelete('cascade'),
  ],
);

/** Every earlier text of a client's health information, sealed as it was: a change never erases the record. */
export const clientHealthInfoRevisions = pgTable(
  'client_health_info_revisions',
  {
    tenantId: uuid('tenant_id').notNull(),
    clientId: uuid('client_id').notNull(),
    revision: integer('revision').notNull(),
    body: text('body').notNull(),
    authorId: uuid('author_id').notNull(),
    writtenAt: timestamp('written_at', { withTimezone: true }).notNull(),
    replacedAt: timestamp('replaced_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ name: 'client_health_info_revisions_pk', columns: [table.tenantId, table.clientId, table.revision] }),
    foreignKey({
      columns: [table.tenantId, table.clientId],
      foreignColumns: [clients.tenantId, clients.id],
      name: 'client_health_info_revisions_client_fk',
    }).onDelete('cascade'),
  ],
);
