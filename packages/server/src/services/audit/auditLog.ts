import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { chainBodyPieces, GENESIS_HASH } from './auditChain.js';

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
 * commits or rolls back with the change it describes. One statement advances the tenant's chain head
 * and inserts the row it describes: the head's row lock serialises a clinic's appends until commit,
 * and ON CONFLICT DO UPDATE always builds on the latest committed head, which keeps the chain linear.
 * Call it last before commit, as the lock is held from here on.
 */
export async function appendAudit(tx: Tx, tenantId: string, actor: Actor, entry: AuditEntry): Promise<void> {
  const row = {
    tenantId,
    occurredAt: new Date(),
    actorType: actor.type,
    actorId: actor.id,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    details: entry.details ?? {},
  };
  const { beforeSeq, beforeIp, afterIp } = chainBodyPieces(row);
  // Staff IPs stay with their actions (security records of who did what from where). A client's or
  // visitor's IP would outlive the request log's retention here, where nothing can prune it without
  // breaking the chain: the request log keeps it for its period, and a consent keeps its own proof.
  const ip = sql`${actor.type === 'staff' ? actor.ip : null}::inet`;
  await tx.execute(sql`
    with head as (
      insert into audit_heads as head (tenant_id, seq, prev_hash, hash)
      values (${tenantId}, 1, ${GENESIS_HASH}, audit_chain_hash(${GENESIS_HASH}, 1, ${beforeSeq}, ${beforeIp}, ${ip}, ${afterIp}))
      on conflict (tenant_id) do update set
        seq = head.seq + 1,
        prev_hash = head.hash,
        hash = audit_chain_hash(head.hash, head.seq + 1, ${beforeSeq}, ${beforeIp}, ${ip}, ${afterIp})
      returning seq, prev_hash, hash
    )
    insert into audit_log (tenant_id, seq, occurred_at, actor_type, actor_id, action, entity, entity_id, ip, details, prev_hash, hash)
    select ${tenantId}, head.seq, ${row.occurredAt.toISOString()}, ${row.actorType}, ${row.actorId}, ${row.action}, ${row.entity},
           ${row.entityId}, ${ip}, ${JSON.stringify(row.details)}::jsonb, head.prev_hash, head.hash
    from head`);
}
