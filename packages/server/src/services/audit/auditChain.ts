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

export function chainHash(prevHash: string, row: ChainedFields): string {
  const body = canonicalJson([
    row.tenantId,
    row.seq,
    row.occurredAt.toISOString(),
    row.actorType,
    row.actorId,
    row.action,
    row.entity,
    row.entityId,
    row.ip,
    row.details,
  ]);
  return sha256Hex(`${prevHash}\n${body}`);
}

export type ChainProblem = { seq: number; problem: 'gap' | 'prev_hash_mismatch' | 'hash_mismatch' };

/** Walks one tenant's rows in seq order and reports every place the chain does not hold. */
export function findChainProblems(rows: (ChainedFields & { prevHash: string; hash: string })[]): ChainProblem[] {
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
  return problems;
}
