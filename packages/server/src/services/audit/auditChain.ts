import { sha256Hex } from '../../lib/crypto.js';

export const GENESIS_HASH = '0'.repeat(64);

export type ChainedFields = {
  tenantId: string;
  seq: number;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
};

/** JSON with object keys sorted at every level: jsonb does not keep key order, the hash must not care. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, entry]) => entry !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
}

/**
 * The hashed JSON of a row, `[tenantId, seq, occurredAt, actorType, actorId, action, entity, entityId,
 * ip, details]`, in the three pieces around seq and ip: appends send these pieces and the database fills
 * in the seq it assigns and the IP as it normalises it (audit_chain_hash in migration 0012).
 */
export function chainBodyPieces(row: Omit<ChainedFields, 'seq' | 'ip'>): { beforeSeq: string; beforeIp: string; afterIp: string } {
  const middle = [row.occurredAt.toISOString(), row.actorType, row.actorId, row.action, row.entity, row.entityId];
  return {
    beforeSeq: `[${canonicalJson(row.tenantId)},`,
    beforeIp: `,${middle.map(canonicalJson).join(',')},`,
    afterIp: `,${canonicalJson(row.details)}]`,
  };
}

export function chainHash(prevHash: string, row: ChainedFields): string {
  const { beforeSeq, beforeIp, afterIp } = chainBodyPieces(row);
  return sha256Hex(`${prevHash}\n${beforeSeq}${row.seq}${beforeIp}${canonicalJson(row.ip)}${afterIp}`);
}

export type ChainProblem = { seq: number; problem: 'gap' | 'prev_hash_mismatch' | 'hash_mismatch' | 'missing_tail' };

/** Where the tenant's chain head says the chain ends (null when it has never been appended to). */
export type ChainHead = { seq: number; hash: string } | null;

/**
 * Walks one tenant's rows in seq order and reports every place the chain does not hold, including
 * rows missing after the last one present (the head records where the chain really ends).
 */
export function findChainProblems(rows: (ChainedFields & { prevHash: string; hash: string })[], head: ChainHead): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let expectedSeq = 1;
  let previousHash = GENESIS_HASH;
  for (const row of rows) {
    if (row.seq !== expectedSeq) problems.push({ seq: row.seq, problem: 'gap' });
    if (row.prevHash !== previousHash) problems.push({ seq: row.seq, problem: 'prev_hash_mismatch' });
    if (chainHash(row.prevHash, row) !== row.hash) problems.push({ seq: row.seq, problem: 'hash_mismatch' });
    expectedSeq = row.seq + 1;
    previousHash = row.hash;
  }
  const last = rows.at(-1);
  if (head && (last?.seq !== head.seq || last.hash !== head.hash)) problems.push({ seq: head.seq, problem: 'missing_tail' });
  return problems;
}
