import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/connections.js';

/**
 * Rows one delete statement removes at most. A sweep after an outage (or the first one on a big
 * table) then runs as many short statements instead of one long transaction that holds back
 * vacuum, and no deleted row is sent back to the worker.
 */
const DELETE_BATCH = 10_000;

/** Deletes the rows of `table` that match `condition`, a batch at a time, by their key; returns how many went. */
async function deleteInBatches(db: Db, table: SQL, key: SQL, condition: SQL): Promise<number> {
  let total = 0;
  for (;;) {
    const [row] = await db.execute<{ n: number }>(sql`
      with gone as (
        delete from ${table} where (${key}) in (select ${key} from ${table} where ${condition} limit ${DELETE_BATCH})
        returning 1
      )
      select count(*)::int as n from gone`);
    const removed = row?.n ?? 0;
    total += removed;
    if (removed < DELETE_BATCH) return total;
  }
}

/** Deletes request-log rows (IP addresses) older than the retention period. Runs as hetki_system. */
export function pruneRequestLog(systemDb: Db, retentionDays: number): Promise<number> {
  return deleteInBatches(systemDb, sql`request_log`, sql`id`, sql`at < now() - make_interval(days => ${retentionDays})`);
}

/** Deletes sessions past their absolute expiry or idle longer than allowed. Runs as hetki_system. */
export function pruneSessions(systemDb: Db, idleMinutes: number): Promise<number> {
  return deleteInBatches(
    systemDb,
    sql`sessions`,
    sql`token_hash`,
    sql`expires_at < now() or last_seen_at < now() - make_interval(mins => ${idleMinutes})`,
  );
}

/**
 * Deletes cookie-consent records older than the retention period, in every clinic. Runs as
 * hetki_system: the app role may only add to the ledger. A visitor's decision stands for a year
 * (the loader asks again after it), and the retention period is longer, so a decision in force keeps its proof.
 */
export function pruneCookieConsents(systemDb: Db, retentionDays: number): Promise<number> {
  return deleteInBatches(
    systemDb,
    sql`cookie_consents`,
    sql`tenant_id, id`,
    sql`decided_at < now() - make_interval(days => ${retentionDays})`,
  );
}
