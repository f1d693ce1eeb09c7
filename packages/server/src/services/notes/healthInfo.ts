import type { ClientHealthInfo, PutClientHealthInfoInput } from '@hetki/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { clientHealthInfo, staffUsers } from '../../db/schema/index.js';
import { type Actor, appendAudit } from '../audit/auditLog.js';
import { assertClientExists } from '../clients/clients.js';
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

/** Writes (or replaces) the client's health information; an empty body clears it. */
export async function putHealthInfo(
  tx: Tx,
  tenantId: string,
  actor: Actor & { id: string },
  cipher: TenantCipher,
  input: PutClientHealthInfoInput,
  now: Date,
): Promise<ClientHealthInfo> {
  await assertClientExists(tx, tenantId, input.clientId);
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
    details: { fields: ['body'], cleared: input.body === '' },
  });
  const [author] = await tx.select({ name: staffUsers.name }).from(staffUsers).where(eq(staffUsers.id, actor.id));
  return {
    clientId: input.clientId,
    body: input.body,
    updatedBy: { id: actor.id, name: author?.name ?? null },
    updatedAt: now.toISOString(),
  };
}
