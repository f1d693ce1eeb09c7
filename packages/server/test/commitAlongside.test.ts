import net from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitAlongside } from '../src/db/commitAlongside.js';
import { withTenant } from '../src/db/context.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
let tenantId: string;
beforeAll(async () => {
  h = await startHarness();
  const [tenant] = await h.owner<{ id: string }[]>`select id from tenants limit 1`;
  tenantId = tenant?.id as string;
  // A deferred foreign key is the one way to make a COMMIT itself fail. In a schema of its own, out
  // of the way of the tests that check every application table in public.
  await h.owner`create schema if not exists test_probes`;
  await h.owner`grant usage on schema test_probes to hetki_app`;
  await h.owner`create table test_probes.alongside_probe (id int primary key, ref int references test_probes.alongside_probe (id) deferrable initially deferred)`;
  await h.owner`grant insert, select on test_probes.alongside_probe to hetki_app`;
});
afterAll(async () => {
  await h.owner`drop table if exists test_probes.alongside_probe`;
  await h.close();
});

/**
 * Email delivery rests on this (see deliverMessage): the COMMIT is on PostgreSQL's socket as soon
 * as the call returns from `first`, not queued in postgres.js for a later turn of the event loop. It leans on postgres.js internals, so a
 * postgres.js upgrade that changes them fails here rather than silently widening the window.
 */
describe('commitAlongside', () => {
  it('writes the COMMIT right after first, synchronously, commits, and leaves the connection usable', async () => {
    const writes: string[] = [];
    const originalWrite = net.Socket.prototype.write;
    net.Socket.prototype.write = function (this: net.Socket, chunk: unknown, ...rest: unknown[]) {
      if (Buffer.isBuffer(chunk) && chunk.includes('commit; begin;')) writes.push('commit');
      return (originalWrite as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof originalWrite;
    let seenByFirst: string[] = [];
    let seenRightAfter: string[] = [];
    try {
      await withTenant(h.deps.db, tenantId, async (tx) => {
        await tx.execute(sql`insert into test_probes.alongside_probe values (1, 1)`);
        const committing = commitAlongside(tx, () => {
          seenByFirst = [...writes];
        });
        seenRightAfter = [...writes];
        await committing;
      });
    } finally {
      net.Socket.prototype.write = originalWrite;
    }
    expect(seenByFirst).toEqual([]);
    expect(seenRightAfter).toEqual(['commit']);
    expect(await h.owner`select id from test_probes.alongside_probe`).toEqual([{ id: 1 }]);
    // The pool still works after the early COMMIT (postgres.js did not lose the connection).
    const rows = await Promise.all(
      Array.from({ length: 8 }, () => withTenant(h.deps.db, tenantId, (tx) => tx.execute(sql`select 1 as one`))),
    );
    expect(rows).toHaveLength(8);
  });

  it('a COMMIT that fails rejects, and what the transaction wrote is gone', async () => {
    let firstRan = false;
    await expect(
      withTenant(h.deps.db, tenantId, async (tx) => {
        await tx.execute(sql`insert into test_probes.alongside_probe values (2, 999)`);
        await commitAlongside(tx, () => {
          firstRan = true;
        });
      }),
    ).rejects.toThrow();
    expect(firstRan).toBe(true);
    expect(await h.owner`select id from test_probes.alongside_probe where id = 2`).toHaveLength(0);
    const ok = await withTenant(h.deps.db, tenantId, (tx) => tx.execute(sql`select 1 as one`));
    expect(ok).toHaveLength(1);
  });
});
