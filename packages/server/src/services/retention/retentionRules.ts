import { PORTAL_SESSION_IDLE_MINUTES } from '@hetki/shared';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import type { Env } from '../../env.js';
import { FREQUENCY_CAP_DAYS } from '../../outbox/compose/campaignMessage.js';

/**
 * One kind of data a clinic keeps for a limited time. A rule deletes, inside the clinic's own
 * transaction, what has passed its period and says how many rows went. The privacy issue adds
 * per-category rules for client data by appending to RETENTION_RULES.
 */
export type RetentionRule = {
  name: string;
  sweep: (tx: Tx, tenantId: string, now: Date, env: Env) => Promise<number>;
};

/**
 * A sent campaign message counts towards the person's yearly cap: it is kept as long as the cap
 * looks back (and a day more) whatever OUTBOX_RETENTION_DAYS says, or the cap would forget it.
 */
const CAMPAIGN_CAP_DAYS = FREQUENCY_CAP_DAYS + 1;

async function deleted(tx: Tx, query: ReturnType<typeof sql>): Promise<number> {
  const rows = await tx.execute(query);
  return rows.length;
}

export const RETENTION_RULES: RetentionRule[] = [
  {
    name: 'finished_outbox_messages',
    sweep: (tx, tenantId, now, env) =>
      deleted(
        tx,
        sql`delete from outbox_messages where tenant_id = ${tenantId}
          and status in ('sent', 'failed', 'skipped', 'cancelled')
          and updated_at < ${now.toISOString()}::timestamptz - make_interval(days => ${env.OUTBOX_RETENTION_DAYS})
          and not (kind = 'campaign' and status = 'sent'
                   and sent_at >= ${now.toISOString()}::timestamptz - make_interval(days => ${CAMPAIGN_CAP_DAYS}))
          returning id`,
      ),
  },
  {
    // Someone signed an address up on the newsletter form and never confirmed: the person never
    // joined, so the name and address go once every request for them has expired. (Before the
    // requests themselves are swept, below, which are what shows how the contact came to be.)
    name: 'unconfirmed_newsletter_contacts',
    sweep: (tx, tenantId, now) =>
      deleted(
        tx,
        sql`delete from marketing_contacts c where c.tenant_id = ${tenantId} and c.client_id is null
          and exists (select from pending_subscriptions p where p.tenant_id = c.tenant_id and p.contact_id = c.id)
          and not exists (select from pending_subscriptions p where p.tenant_id = c.tenant_id and p.contact_id = c.id
                          and (p.confirmed_at is not null or p.expires_at >= ${now.toISOString()}::timestamptz))
          and not exists (select from marketing_consents m where m.tenant_id = c.tenant_id and m.contact_id = c.id)
          returning c.id`,
      ),
  },
  {
    name: 'expired_subscription_requests',
    sweep: (tx, tenantId, now) =>
      deleted(
        tx,
        sql`delete from pending_subscriptions where tenant_id = ${tenantId}
          and (expires_at < ${now.toISOString()}::timestamptz or confirmed_at is not null)
          returning id`,
      ),
  },
  {
    name: 'expired_invitations',
    sweep: (tx, tenantId, now) =>
      deleted(
        tx,
        sql`delete from invitations where tenant_id = ${tenantId}
          and expires_at < ${now.toISOString()}::timestamptz returning token_hash`,
      ),
  },
  {
    name: 'spent_portal_sign_in_links',
    sweep: (tx, tenantId, now) =>
      deleted(
        tx,
        sql`delete from portal_sign_in_links where tenant_id = ${tenantId}
          and (expires_at < ${now.toISOString()}::timestamptz or used_at is not null) returning id`,
      ),
  },
  {
    name: 'expired_client_sessions',
    sweep: (tx, tenantId, now) =>
      deleted(
        tx,
        sql`delete from client_sessions where tenant_id = ${tenantId}
          and (expires_at < ${now.toISOString()}::timestamptz
            or last_seen_at < ${now.toISOString()}::timestamptz - make_interval(mins => ${PORTAL_SESSION_IDLE_MINUTES}))
          returning token_hash`,
      ),
  },
];
