import { lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/connections.js';
import { cookieConsents, requestLog, sessions } from '../db/schema/index.js';

/** Deletes request-log rows (IP addresses) older than the retention period. Runs as hetki_system. */
export async function pruneRequestLog(systemDb: Db, retentionDays: number): Promise<number> {
  const deleted = await systemDb
    .delete(requestLog)
    .where(lt(requestLog.at, sql`now() - make_interval(days => ${retentionDays})`))
    .returning({ id: requestLog.id });
  return deleted.length;
}

/** Deletes sessions past their absolute expiry or idle longer than allowed. Runs as hetki_system. */
export async function pruneSessions(systemDb: Db, idleMinutes: number): Promise<number> {
  const deleted = await systemDb
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, sql`now()`), lt(sessions.lastSeenAt, sql`now() - make_interval(mins => ${idleMinutes})`)))
    .returning({ userId: sessions.userId });
  return deleted.length;
}

/**
 * Deletes cookie-consent records older than the retention period, in every clinic. Runs as
 * hetki_system: the app role may only add to the ledger. A visitor's decision stands for a year
 * (the loader asks again after it), and the retention period is longer, so a decision in force keeps its proof.
 */
export async function pruneCookieConsents(systemDb: Db, retentionDays: number): Promise<number> {
  const deleted = await systemDb
    .delete(cookieConsents)
    .where(lt(cookieConsents.decidedAt, sql`now() - make_interval(days => ${retentionDays})`))
    .returning({ id: cookieConsents.id });
  return deleted.length;
}
