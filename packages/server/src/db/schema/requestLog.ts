import { bigserial, index, inet, integer, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';

/** Visitors' IPs for security and debugging: method, route, status and latency, never bodies. */
export const requestLog = pgTable(
  'request_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    ip: inet('ip'),
    method: text('method').notNull(),
    route: text('route').notNull(),
    status: smallint('status').notNull(),
    latencyMs: integer('latency_ms').notNull(),
  },
  (table) => [index('request_log_at_idx').on(table.at)],
);
