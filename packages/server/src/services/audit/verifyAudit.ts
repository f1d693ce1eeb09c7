import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connections.js';
import { withTenant } from '../../db/context.js';
import { type ChainProblem, findChainProblems } from './auditChain.js';

export type TenantAuditReport = { tenantId: string; rows: number; headHash: string | null; problems: ChainProblem[] };

/** Re-computes one tenant's chain, reading as the app role inside that tenant's transaction. */
export async function verifyTenantAudit(db: Db, tenantId: string): Promise<TenantAuditReport> {
  return withTenant(db, tenantId, async (tx) => {
    // The head first, then the rows up to it: appends that commit meanwhile (each statement sees
    // the latest commits) fall outside the check instead of looking like a missing tail.
    const [head] = await tx.execute<{ seq: string; hash: string }>(sql`select seq, hash from audit_heads where tenant_id = ${tenantId}`);
    const rows = await tx.execute<{
      seq: string;
      occurred_at: Date | string;
      actor_type: string;
      actor_id: string | null;
      action: string;
      entity: string;
      entity_id: string | null;
      ip: string | null;
      details: Record<string, unknown>;
      prev_hash: string;
      hash: string;
    }>(sql`
      select seq, occurred_at, actor_type, actor_id, action, entity, entity_id, host(ip) as ip,
             details, prev_hash, hash
      from audit_log where tenant_id = ${tenantId} ${head ? sql`and seq <= ${head.seq}::bigint` : sql``} order by seq`);
    const chained = rows.map((row) => ({
      tenantId,
      seq: Number(row.seq),
      occurredAt: new Date(row.occurred_at),
      actorType: row.actor_type,
      actorId: row.actor_id,
      action: row.action,
      entity: row.entity,
      entityId: row.entity_id,
      ip: row.ip,
      details: row.details,
      prevHash: row.prev_hash,
      hash: row.hash,
    }));
    return {
      tenantId,
      rows: chained.length,
      headHash: chained.at(-1)?.hash ?? null,
      problems: findChainProblems(chained, head ? { seq: Number(head.seq), hash: head.hash } : null),
    };
  });
}
