import { STAFF_ROLES } from '@hetki/shared';
import { foreignKey, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { staffUsers } from './staffUsers.js';
import { tenants } from './tenants.js';

export const memberships = pgTable(
  'memberships',
  {
    tenantId: uuid('tenant_id').notNull(),
    userId: uuid('user_id').notNull(),
    role: text('role', { enum: STAFF_ROLES }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.userId] }),
    foreignKey({ columns: [table.tenantId], foreignColumns: [tenants.id], name: 'memberships_tenant_fk' }).onDelete('cascade'),
    foreignKey({ columns: [table.userId], foreignColumns: [staffUsers.id], name: 'memberships_user_fk' }).onDelete('cascade'),
  ],
);
