import { and, eq, inArray, sql } from 'drizzle-orm';
import { withTenant } from '../db/context.js';
import { outboxMessages } from '../db/schema/index.js';
import type { Deps } from '../deps.js';
import { finishCampaignIfDone, materialiseCampaign } from '../services/campaigns/campaigns.js';
import type { OutboxDispatcher } from './outboxQueue.js';

/** Rows a reconciler run re-adds at most; a backlog larger than this drains over several runs. */
const BATCH = 20_000;
/** An SMS handed to the provider without a recorded answer for this long is given up as unknown. */
const SENDING_TIMEOUT_MINUTES = 15;

export type ReconcileReport = { requeued: number; campaignsStarted: number; campaignsFinished: number; unknownOutcomes: number };

/**
 * PostgreSQL is the truth, Redis only carries work: this puts back what Redis lost. As the system
 * role it only finds ids (due pending rows, due campaigns); each change is made in its tenant's
 * own transaction as the app role. Re-adding a row whose job still exists does nothing (the job
 * id is the row id), so running it often is harmless.
 */
export async function reconcileOutbox(deps: Deps, dispatcher: OutboxDispatcher): Promise<ReconcileReport> {
  const report: ReconcileReport = { requeued: 0, campaignsStarted: 0, campaignsFinished: 0, unknownOutcomes: 0 };
  const now = deps.now();

  const dueCampaigns = await deps.systemDb.execute<{ tenant_id: string; id: string }>(sql`
    select tenant_id, id from campaigns where status = 'scheduled' and scheduled_at <= ${now.toISOString()}::timestamptz`);
  for (const campaign of dueCampaigns) {
    if (await startCampaign(deps, dispatcher, campaign.tenant_id, campaign.id)) report.campaignsStarted++;
  }

  const due = await deps.systemDb.execute<{ tenant_id: string; id: string; due_at: string }>(sql`
    select tenant_id, id, due_at from outbox_messages
    where status = 'pending' and due_at <= ${now.toISOString()}::timestamptz
    order by due_at limit ${BATCH}`);
  await dispatcher.enqueue(
    due.map((row) => ({ tenantId: row.tenant_id, messageId: row.id, dueAt: new Date(row.due_at) })),
    now.getTime(),
  );
  report.requeued = due.length;

  const stuck = await deps.systemDb.execute<{ tenant_id: string; id: string }>(sql`
    select tenant_id, id from outbox_messages
    where status = 'sending' and updated_at < ${now.toISOString()}::timestamptz - make_interval(mins => ${SENDING_TIMEOUT_MINUTES})`);
  const stuckByTenant = new Map<string, string[]>();
  for (const row of stuck) stuckByTenant.set(row.tenant_id, [...(stuckByTenant.get(row.tenant_id) ?? []), row.id]);
  for (const [tenantId, ids] of stuckByTenant) {
    await withTenant(deps.db, tenantId, (tx) =>
      tx
        .update(outboxMessages)
        .set({ status: 'failed', error: 'outcome_unknown', updatedAt: sql`now()` })
        .where(and(eq(outboxMessages.tenantId, tenantId), inArray(outboxMessages.id, ids), eq(outboxMessages.status, 'sending'))),
    );
    report.unknownOutcomes += ids.length;
  }

  const running = await deps.systemDb.execute<{ tenant_id: string; id: string }>(
    sql`select tenant_id, id from campaigns where status = 'sending'`,
  );
  for (const campaign of running) {
    if (await withTenant(deps.db, campaign.tenant_id, (tx) => finishCampaignIfDone(tx, campaign.tenant_id, campaign.id, now))) {
      report.campaignsFinished++;
    }
  }
  return report;
}

/** Materialises a due campaign and enqueues its rows. False when it was not due or already started. */
export async function startCampaign(deps: Deps, dispatcher: OutboxDispatcher, tenantId: string, campaignId: string): Promise<boolean> {
  const rows = await withTenant(deps.db, tenantId, (tx) => materialiseCampaign(tx, tenantId, campaignId, deps.now()));
  if (rows.length === 0) return false;
  await dispatcher.enqueue(
    rows.map((row) => ({ tenantId, messageId: row.id, dueAt: row.dueAt })),
    deps.now().getTime(),
  );
  return true;
}
