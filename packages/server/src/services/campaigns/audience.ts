import { type SQL, sql } from 'drizzle-orm';
import type { CampaignAudience } from '../../db/schema/index.js';
import { consentGrantedSql, type MarketingChannel } from '../marketing/marketingConsents.js';

const VISITED = sql.raw(`('completed', 'confirmed')`);

/**
 * The contacts a campaign reaches, as a condition on `c` (marketing_contacts): an address for the
 * channel, a latest consent that is a grant, and the audience filter. Filters by service or last
 * visit look at the linked client's bookings (visits already made), never at health data.
 */
export function audienceCondition(tenantId: string, channel: MarketingChannel, audience: CampaignAudience, now: Date): SQL {
  const address = channel === 'email' ? sql`c.email is not null` : sql`c.phone is not null`;
  const consented = consentGrantedSql({ tenantId: sql`c.tenant_id`, id: sql`c.id` }, channel);
  const parts: SQL[] = [sql`c.tenant_id = ${tenantId}`, address, consented];
  const pastVisits = sql`b.tenant_id = c.tenant_id and b.client_id = c.client_id and b.status in ${VISITED}
      and b.starts_at < ${now.toISOString()}::timestamptz`;
  if (audience.kind === 'service') {
    parts.push(sql`exists (select 1 from bookings b where ${pastVisits}
      and b.service_id in (${sql.join(
        audience.serviceIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}))`);
  }
  if (audience.kind === 'last_visit') {
    const lastVisit = sql`(select max(b.starts_at) from bookings b where ${pastVisits})`;
    if (audience.from) parts.push(sql`${lastVisit} >= ${audience.from}::timestamptz`);
    if (audience.to) parts.push(sql`${lastVisit} < ${audience.to}::timestamptz`);
    if (!audience.from && !audience.to) parts.push(sql`${lastVisit} is not null`);
  }
  return sql.join(parts, sql` and `);
}
