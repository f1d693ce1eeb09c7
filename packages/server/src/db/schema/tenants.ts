import type { Address, TenantPreferences } from '@hetki/shared';
import { sql } from 'drizzle-orm';
import { jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const tenants = pgTable(
  'tenants',
  {
    id: uuid('id').primaryKey(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    businessId: text('business_id'),
    address: jsonb('address').$type<Address>(),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    timeZone: text('time_zone').notNull().default('Europe/Helsinki'),
    defaultLocale: text('default_locale', { enum: ['fi', 'sv', 'en'] })
      .notNull()
      .default('fi'),
    preferences: jsonb('preferences').$type<Partial<TenantPreferences>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('tenants_slug_key').on(table.slug)],
);
