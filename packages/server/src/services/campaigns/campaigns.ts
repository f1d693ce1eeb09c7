import { type CreateCampaignInput, tenantPreferencesSchema, type UpdateCampaignInput } from '@hetki/shared';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { campaigns, tenants } from '../../db/schema/index.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/uuid.js';
import { smsSegments, unknownMergeFields, withStopInstruction } from '../../messages/index.js';
import { appendAudit } from '../audit/auditLog.js';
import type { Member } from '../team/team.js';
import { audienceCondition } from './audience.js';

export type Campaign = typeof campaigns.$inferSelect;

function assertMergeFields(...templates: (string | null | undefined)[]): void {
  const unknown = templates.flatMap((template) => (template ? unknownMergeFields(template) : []));
  if (unknown.length > 0) {
    throw new DomainError('BAD_REQUEST', 'UNKNOWN_MERGE_FIELD', `Unknown merge field: ${[...new Set(unknown)].join(', ')}`);
  }
}

async function getCampaign(tx: Tx, tenantId: string, id: string, lock = false): Promise<Campaign> {
  const query = tx
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('Campaign');
  return row;
}

export async function createCampaign(tx: Tx, tenantId: string, member: Member, input: CreateCampaignInput): Promise<Campaign> {
  assertMergeFields(input.subject, input.body);
  const [row] = await tx
    .insert(campaigns)
    .values({ tenantId, id: newId(), ...input, subject: input.channel === 'email' ? input.subject : null, createdBy: member.id })
    .returning();
  await appendAudit(tx, tenantId, member, { action: 'create', entity: 'campaign', entityId: row?.id });
  return row as Campaign;
}

export async function updateCampaign(tx: Tx, tenantId: string, member: Member, input: UpdateCampaignInput): Promise<Campaign> {
  const current = await getCampaign(tx, tenantId, input.id, true);
  if (current.status !== 'draft') throw new DomainError('CONFLICT', 'CAMPAIGN_NOT_EDITABLE', 'Only a draft can be changed');
  const { id, ...changes } = input;
  const next = { ...current, ...changes };
  assertMergeFields(next.subject, next.body);
  if (next.channel === 'email' && !next.subject) {
    throw new DomainError('BAD_REQUEST', 'INVALID_INPUT', 'An email campaign needs a subject');
  }
  const [row] = await tx
    .update(campaigns)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.id, id)))
    .returning();
  await appendAudit(tx, tenantId, member, {
    action: 'update',
    entity: 'campaign',
    entityId: id,
    details: { fields: Object.keys(changes) },
  });
  return row as Campaign;
}

export function listCampaigns(tx: Tx, tenantId: string): Promise<Campaign[]> {
  return tx.select().from(campaigns).where(eq(campaigns.tenantId, tenantId)).orderBy(desc(campaigns.createdAt)).limit(200);
}

/** How many people a campaign would reach now, and what one SMS costs in segments. */
export async function previewCampaign(tx: Tx, tenantId: string, id: string, now: Date) {
  const campaign = await getCampaign(tx, tenantId, id);
  const [counted] = await tx.execute<{ recipients: number }>(
    sql`select count(*)::int as recipients from marketing_contacts c where ${audienceCondition(tenantId, campaign.channel, campaign.audience, now)}`,
  );
  const sms = campaign.channel === 'sms' ? smsSegments(withStopInstruction(campaign.body, 'fi')) : null;
  return { recipients: counted?.recipients ?? 0, sms };
}

/** Schedules a draft (null: now). The worker materialises its recipients when it falls due. */
export async function scheduleCampaign(tx: Tx, tenantId: string, member: Member, id: string, sendAt: Date): Promise<Campaign> {
  const current = await getCampaign(tx, tenantId, id, true);
  if (current.status !== 'draft') throw new DomainError('CONFLICT', 'CAMPAIGN_NOT_EDITABLE', 'This campaign was already scheduled or sent');
  const [row] = await tx
    .update(campaigns)
    .set({ status: 'scheduled', scheduledAt: sendAt, updatedAt: new Date() })
    .where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.id, id)))
    .returning();
  await appendAudit(tx, tenantId, member, {
    action: 'schedule',
    entity: 'campaign',
    entityId: id,
    details: { sendAt: sendAt.toISOString() },
  });
  return row as Campaign;
}

/** Stops a scheduled or running campaign: messages not yet sent are cancelled. */
export async function cancelCampaign(tx: Tx, tenantId: string, member: Member, id: string): Promise<Campaign> {
  const current = await getCampaign(tx, tenantId, id, true);
  if (current.status !== 'scheduled' && current.status !== 'sending') {
    throw new DomainError('CONFLICT', 'CAMPAIGN_NOT_EDITABLE', 'Only a scheduled or running campaign can be cancelled');
  }
  const [row] = await tx
    .update(campaigns)
    .set({ status: 'cancelled', finishedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.id, id)))
    .returning();
  await tx.execute(sql`update outbox_messages set status = 'cancelled', updated_at = now()
    where tenant_id = ${tenantId} and campaign_id = ${id} and status = 'pending'`);
  await appendAudit(tx, tenantId, member, { action: 'cancel', entity: 'campaign', entityId: id });
  return row as Campaign;
}

export type CampaignProgress = {
  status: Campaign['status'];
  recipients: number | null;
  pending: number;
  sent: number;
  failed: number;
  skipped: Record<string, number>;
};

export async function campaignProgress(tx: Tx, tenantId: string, id: string): Promise<CampaignProgress> {
  const campaign = await getCampaign(tx, tenantId, id);
  const rows = await tx.execute<{ status: string; skip_reason: string | null; count: number }>(sql`
    select status, skip_reason, count(*)::int as count from outbox_messages
    where tenant_id = ${tenantId} and campaign_id = ${id} group by status, skip_reason`);
  const progress: CampaignProgress = {
    status: campaign.status,
    recipients: campaign.recipientCount,
    pending: 0,
    sent: 0,
    failed: 0,
    skipped: {},
  };
  for (const row of rows) {
    if (row.status === 'pending' || row.status === 'sending') progress.pending += row.count;
    else if (row.status === 'sent') progress.sent += row.count;
    else if (row.status === 'failed') progress.failed += row.count;
    else if (row.status === 'skipped') progress.skipped[row.skip_reason ?? 'other'] = row.count;
    else if (row.status === 'cancelled') progress.skipped.campaign_cancelled = (progress.skipped.campaign_cancelled ?? 0) + row.count;
  }
  return progress;
}

/**
 * Turns a due campaign into one outbox row per consented recipient, in one transaction, spaced by
 * the clinic's send rate. Returns the rows to enqueue; none when the campaign is not due or was
 * already started (so running it twice is harmless).
 */
export async function materialiseCampaign(tx: Tx, tenantId: string, id: string, now: Date): Promise<{ id: string; dueAt: Date }[]> {
  const [campaign] = await tx
    .update(campaigns)
    .set({ status: 'sending', startedAt: now, updatedAt: now })
    .where(
      and(
        eq(campaigns.tenantId, tenantId),
        eq(campaigns.id, id),
        eq(campaigns.status, 'scheduled'),
        sql`${campaigns.scheduledAt} <= ${now.toISOString()}::timestamptz`,
      ),
    )
    .returning();
  if (!campaign) return [];
  const [tenant] = await tx.select({ preferences: tenants.preferences }).from(tenants).where(eq(tenants.id, tenantId));
  const { sendRatePerMinute } = tenantPreferencesSchema.parse(tenant?.preferences ?? {}).marketing;
  const spacingMs = 60_000 / sendRatePerMinute;
  const recipient = campaign.channel === 'email' ? sql`c.email` : sql`c.phone`;
  const rows = await tx.execute<{ id: string; due_at: string }>(sql`
    insert into outbox_messages (tenant_id, id, kind, channel, recipient, locale, due_at, campaign_id, contact_id)
    select ${tenantId}, gen_random_uuid(), 'campaign', ${campaign.channel}, ${recipient}, c.locale,
      ${now.toISOString()}::timestamptz + (row_number() over (order by c.id) - 1) * ${spacingMs}::float8 * interval '1 millisecond',
      ${id}, c.id
    from marketing_contacts c
    where ${audienceCondition(tenantId, campaign.channel, campaign.audience, now)}
    returning id, due_at`);
  await tx
    .update(campaigns)
    .set({ recipientCount: rows.length })
    .where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.id, id)));
  await appendAudit(
    tx,
    tenantId,
    { type: 'system', id: null, ip: null },
    {
      action: 'start',
      entity: 'campaign',
      entityId: id,
      details: { recipients: rows.length },
    },
  );
  return rows.map((row) => ({ id: row.id, dueAt: new Date(row.due_at) }));
}

/** A running campaign with nothing left to send is finished. */
export async function finishCampaignIfDone(tx: Tx, tenantId: string, id: string, now: Date): Promise<boolean> {
  const finished = await tx.execute(sql`
    update campaigns set status = 'sent', finished_at = ${now.toISOString()}::timestamptz, updated_at = now()
    where tenant_id = ${tenantId} and id = ${id} and status = 'sending'
      and not exists (select 1 from outbox_messages o where o.tenant_id = ${tenantId} and o.campaign_id = ${id}
                      and o.status in ('pending', 'sending'))
    returning id`);
  return finished.length > 0;
}
