import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../lib/crypto.js';
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
  it('hashes the canonical JSON of the whole row after the previous hash, as rows already stored were hashed', () => {
    const row = { ...chain(1)[0]!, seq: 12_345, actorId: 'a"b', entityId: 'ä\n', ip: null, details: { z: [1, 'ö'], a: null } };
    const whole = [
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
    ];
    expect(chainHash('f'.repeat(64), row)).toBe(sha256Hex(`${'f'.repeat(64)}\n${canonicalJson(whole)}`));
  });
  it('an intact chain has no problems', () => {
    const rows = chain(5);
    expect(findChainProblems(rows, { seq: 5, hash: rows[4]!.hash })).toEqual([]);
    expect(findChainProblems([], null)).toEqual([]);
  });
  it('finds rows cut off the end against the head', () => {
    const rows = chain(5);
    expect(findChainProblems(rows.slice(0, 3), { seq: 5, hash: rows[4]!.hash })).toEqual([{ seq: 5, problem: 'missing_tail' }]);
    expect(findChainProblems([], { seq: 5, hash: rows[4]!.hash })).toEqual([{ seq: 5, problem: 'missing_tail' }]);
  });
  it('finds a changed row, a removed row and a relinked row', () => {
    const changed = chain(5);
    changed[2] = { ...changed[2]!, details: { fields: ['email'] } };
    expect(findChainProblems(changed, { seq: 5, hash: changed[4]!.hash })).toEqual([{ seq: 3, problem: 'hash_mismatch' }]);

    const removed = chain(5).filter((row) => row.seq !== 3);
    expect(findChainProblems(removed, { seq: 5, hash: removed[3]!.hash }).map((p) => p.problem)).toEqual(['gap', 'prev_hash_mismatch']);
  });
});
