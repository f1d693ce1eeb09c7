import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash, findChainProblems, GENESIS_HASH } from './auditChain.js';

function chain(count: number) {
  const rows = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq += 1) {
    const row = {
      tenantId: '00000000-0000-4000-8000-000000000001',
      seq,
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)),
      actorType: 'staff',
      actorId: null,
      action: 'update',
      entity: 'tenant',
      entityId: null,
      ip: '127.0.0.1',
      details: { fields: ['name'], n: seq } as Record<string, unknown>,
    };
    const hash = chainHash(prevHash, row);
    rows.push({ ...row, prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

describe('audit chain', () => {
  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  });
  it('an intact chain has no problems', () => {
    expect(findChainProblems(chain(5))).toEqual([]);
  });
  it('finds a changed row, a removed row and a relinked row', () => {
    const changed = chain(5);
    changed[2] = { ...changed[2]!, details: { fields: ['email'] } };
    expect(findChainProblems(changed)).toEqual([{ seq: 3, problem: 'hash_mismatch' }]);

    const removed = chain(5).filter((row) => row.seq !== 3);
    expect(findChainProblems(removed).map((p) => p.problem)).toEqual(['gap', 'prev_hash_mismatch']);
  });
});
