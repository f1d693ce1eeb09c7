import type postgres from 'postgres';
import type { Tx } from './connections.js';

/**
 * Commits, then opens an empty transaction for postgres.js to commit as usual: a connection that
 * reports itself idle is handed back to the pool under the transaction's feet. Padded beyond
 * postgres.js's write batch (1 KiB) so that it is written to the socket at once rather than on the
 * next setImmediate, which is what lets us know when the COMMIT has left.
 */
const COMMIT_NOW = `commit; begin;${' '.repeat(1024)}`;

/**
 * Runs `first`, which must write to another socket synchronously (the final "." of an email), and
 * writes `tx`'s COMMIT to PostgreSQL's socket right after it, in the same synchronous block, with
 * no turn of the event loop between them. A process killed after both writes still has both
 * delivered by the kernel; one killed before them has neither. Resolves once the COMMIT is
 * acknowledged (a WAL flush later); rejects if it failed. Nothing may use the transaction
 * afterwards: what it wrote is committed, and its context settings are gone.
 */
export async function commitAlongside(tx: Tx, first: () => void): Promise<void> {
  const client = (tx as unknown as { session: { client: postgres.TransactionSql } }).session.client;
  // Unprepared, so that every COMMIT carries its text (a prepared one would be a few bytes).
  const commit = client.unsafe(COMMIT_NOW, [], { prepare: false }) as PendingQuery;
  first();
  // postgres.js hands a query to its connection one microtask after it is first awaited; handing
  // it over here instead writes it now, microseconds after `first`.
  commit.executed = true;
  commit.handler(commit);
  await commit;
}

/** The two fields of postgres.js's Query (3.4) that its own `handle()` uses. */
type PendingQuery = postgres.PendingQuery<postgres.Row[]> & { executed: boolean; handler: (query: unknown) => void };
