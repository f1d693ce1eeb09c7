import type { ClientHealthInfo, PutClientHealthInfoInput } from '@hetki/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { clientHealthInfo, clientHealthInfoRevisions, staffUsers } from '../../db/schema/index.js';
import { type Actor, appendAudit } from '../audit/auditLog.js';
import { assertClientExists, findClient } from '../clients/clients.js';
import type { TenantCipher } from '../keys/tenantKeys.js';

/**
 * "Health information that affects treatment": one text per client, sealed under the clinic's
 * data key (bound to the client's id). Only practitioners and owners reach this service; every
 * read and write is audited.
 */
const PURPOSE = 'health_info.body' as const;

/** The client's health information, or null when none was written. The look is audited either way. */
export async function getHealthInfo(
  tx: Tx,
  tenantId: string,
  actor: Actor,
  cipher: TenantCipher,
  clientId: string,
): Promise<ClientHealthInfo | null> {
  await assertClientExists(tx, tenantId, clientId);
  const [row] = await tx
    .select({
      body: clientHealthInfo.body,
      updatedBy: clientHealthInfo.updatedBy,
      updatedAt: clientHealthInfo.updatedAt,
      updatedByName: staffUsers.name,
    })
    .from(clientHealthInfo)
    .leftJoin(staffUsers, eq(staffUsers.id, clientHealthInfo.updatedBy))
    .where(and(eq(clientHealthInfo.tenantId, tenantId), eq(clientHealthInfo.clientId, clientId)));
  await appendAudit(tx, tenantId, actor, { action: 'view', entity: 'health_info', entityId: clientId, details: { present: Boolean(row) } });
  if (!row) return null;
  return {
    clientId,
    body: await cipher.open(PURPOSE, clientId, row.body),
    updatedBy: { id: row.updatedBy, name: row.updatedByName },
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Writes (or replaces) the client's health information; an empty body clears it. The text being
 * replaced is kept as a revision, as it was written: a change never erases the record.
 */
export async function putHealthInfo(
  tx: Tx,
  tenantId: string,
  actor: Actor & { id: string },
  cipher: TenantCipher,
  input: PutClientHealthInfoInput,
  now: Date,
): Promise<ClientHealthInfo> {
  // The client's row lock serialises two writes, so each numbers its revision after the other's.
  await findClient(tx, tenantId, input.clientId, { lock: true });
  const [kept] = await tx.execute<{ revision: number }>(sql`
    insert into client_health_info_revisions (tenant_id, client_id, revision, body, author_id, written_at, replaced_at)
    select h.tenant_id, h.client_id,
           coalesce((select max(r.revision) from client_health_info_revisions r
                     where r.tenant_id = h.tenant_id and r.client_id = h.client_id), 0) + 1,
           h.body, h.updated_by, h.updated_at, ${now.toISOString()}
    from client_health_info h where h.tenant_id = ${tenantId} and h.client_id = ${input.clientId}
    returning revision`);
  const body = await cipher.seal(PURPOSE, input.clientId, input.body);
  const [row] = await tx
    .insert(clientHealthInfo)
    .values({ tenantId, clientId: input.clientId, body, updatedBy: actor.id, updatedAt: now })
    .onConflictDoUpdate({
      target: [clientHealthInfo.tenantId, clientHealthInfo.clientId],
      set: { body, updatedBy: actor.id, updatedAt: now },
    })
    .returning({ inserted: sql<boolean>`(xmax = 0)` });
  await appendAudit(tx, tenantId, actor, {
    action: row?.inserted ? 'create' : 'update',
    entity: 'health_info',
    entityId: input.clientId,
    details: { fields: ['body'], cleared: input.body === '', ...(kept ? { revision: kept.revision } : {}) },
  });
  const [author] = await tx.select({ name: staffUsers.name }).from(staffUsers).where(eq(staffUsers.id, actor.id));
  return {
    clientId: input.clientId,
    body: input.body,
    updatedBy: { id: actor.id, name: author?.name ?? null },
    updatedAt: now.toISOString(),
  };
}

export type HealthInfoRevision = {
  revision: number;
  body: string;
  author: { id: string; name: string | null };
  writtenAt: string;
  replacedAt: string;
};

/** Every earlier text of the client's health information, oldest first. Reading them is audited. */
export async function listHealthInfoRevisions(
  tx: Tx,
  tenantId: string,
  actor: Actor,
  cipher: TenantCipher,
  clientId: string,
): Promise<HealthInfoRevision[]> {
  await assertClientExists(tx, tenantId, clientId);
  const rows = await tx
    .select({
      revision: clientHealthInfoRevisions.revision,
      body: clientHealthInfoRevisions.body,
      authorId: clientHealthInfoRevisions.authorId,
      authorName: staffUsers.name,
      writtenAt: clientHealthInfoRevisions.writtenAt,
      replacedAt: clientHealthInfoRevisions.replacedAt,
    })
    .from(clientHealthInfoRevisions)
    .leftJoin(staffUsers, eq(staffUsers.id, clientHealthInfoRevisions.authorId))
    .where(and(eq(clientHealthInfoRevisions.tenantId, tenantId), eq(clientHealthInfoRevisions.clientId, clientId)))
    .orderBy(clientHealthInfoRevisions.revision);
  await appendAudit(tx, tenantId, actor, {
    action: 'view',
    entity: 'health_info_revisions',
    entityId: clientId,
    details: { count: rows.length },
  });
  return Promise.all(
    rows.map(async (row) => ({
      revision: row.revision,
      body: await cipher.open(PURPOSE, clientId, row.body),
      author: { id: row.authorId, name: row.authorName },
      writtenAt: row.writtenAt.toISOString(),
      replacedAt: row.replacedAt.toISOString(),
    })),
  );
}
