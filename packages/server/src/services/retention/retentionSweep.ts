import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { withTenant } from '../../db/context.js';
import type { Deps } from '../../deps.js';
import { pruneCookieConsents, pruneRequestLog, pruneSessions } from '../../jobs/maintenance.js';
import { logger } from '../../lib/logger.js';
import { appendAudit } from '../audit/auditLog.js';
import { RETENTION_RULES, type RetentionRule } from './retentionRules.js';

export type RetentionReport = {
  tenants: number;
  removed: Record<string, number>;
  requestLog: number;
  sessions: number;
  cookieConsents: number;
  /** Steps that failed (a global prune's name, or a clinic's id): the others still ran; the next sweep tries again. */
  failed: string[];
};

/**
 * The daily sweep. Data that belongs to no clinic (the request log of IP addresses, staff
 * sessions) and the append-only cookie-consent records are pruned by the system role; each
 * clinic's own data is swept tenant by tenant in that clinic's transaction, and what went is
 * written to the clinic's audit log. Each step stands alone: one that fails (a lost connection, a
 * lock timeout) is logged and reported, and does not keep the clinics after it from their sweep.
 */
export async function runRetentionSweep(deps: Deps, rules: readonly RetentionRule[] = RETENTION_RULES): Promise<RetentionReport> {
  const now = deps.now();
  const report: RetentionReport = { tenants: 0, removed: {}, requestLog: 0, sessions: 0, cookieConsents: 0, failed: [] };
  const step = async (name: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      report.failed.push(name);
      logger.error('retention step failed', { step: name, error: (error as Error).name, pgCode: (error as { code?: string }).code });
    }
  };

  await step('request_log', async () => {
    report.requestLog = await pruneRequestLog(deps.systemDb, deps.env.REQUEST_LOG_RETENTION_DAYS);
  });
  await step('sessions', async () => {
    report.sessions = await pruneSessions(deps.systemDb, deps.env.SESSION_IDLE_MINUTES);
  });
  await step('cookie_consents', async () => {
    report.cookieConsents = await pruneCookieConsents(deps.systemDb, deps.env.COOKIE_CONSENT_RETENTION_DAYS);
  });
  const tenantRows = await deps.systemDb.execute<{ id: string }>(sql`select id from tenants order by id`);
  for (const { id: tenantId } of tenantRows) {
    report.tenants++;
    await step(tenantId, async () => {
      const removed = await withTenant(deps.db, tenantId, (tx) => sweepTenant(tx, tenantId, rules, now, deps));
      for (const [name, count] of Object.entries(removed)) report.removed[name] = (report.removed[name] ?? 0) + count;
    });
  }
  return report;
}

/** One clinic's rules in one transaction: all of them, or none if one fails. */
async function sweepTenant(
  tx: Tx,
  tenantId: string,
  rules: readonly RetentionRule[],
  now: Date,
  deps: Deps,
): Promise<Record<string, number>> {
  const removed: Record<string, number> = {};
  for (const rule of rules) {
    const count = await rule.sweep(tx, tenantId, now, deps.env);
    if (count > 0) removed[rule.name] = count;
  }
  if (Object.keys(removed).length > 0) {
    await appendAudit(
      tx,
      tenantId,
      { type: 'system', id: null, ip: null },
      { action: 'retention_sweep', entity: 'retention', details: { removed } },
    );
  }
  return removed;
}
