import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { auditLog } from '../../db/schema/index.js';
import { chainHash, GENESIS_HASH } from './auditChain.js';

export type Actor = { type: 'staff' | 'client' | 'public' | 'system'; id: string | null; ip: string | null };

export type AuditEntry = {
  action: string;
  entity: string;
  entityId?: string | null;
  /** Field names and ids only: what changed, never the personal data itself. */
  details?: Record<string, unknown>;
};

/**
 * Appends one row to the tenant's audit chain inside the caller's transaction, so the record
 * commits or rolls back with the change it describes. Appends for one tenant are serialised by a
 * transaction-scoped advisory lock, which keeps the chain linear.
 */
export async function appendAudit(tx: Tx, tenantId: string, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`audit:${tenantId}`}, 0))`);
  const head = await tx.execute<{ ip: string | null; seq: string | null; hash: string | null }>(sql`
    select host(${actor.ip}::inet) as ip, last.seq, last.hash
    from (select 1) as one
    left join lateral (
      select seq, hash from audit_log where tenant_id = ${tenantId} order by seq desc limit 1
    ) as last on true`);
  const current = head[0];
  const row = {
    tenantId,
    seq: Number(current?.seq ?? 0) + 1,
    occurredAt: new Date(),
    actorType: actor.type,
    actorId: actor.id,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    ip: current?.ip ?? null,
    details: entry.details ?? {},
  };
  const prevHash = current?.hash ?? GENESIS_HASH;
  await tx.insert(auditLog).values({ ...row, prevHash, hash: chainHash(prevHash, row) });
}
