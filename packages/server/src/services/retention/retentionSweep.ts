import { sql } from 'drizzle-orm';
import { withTenant } from '../../db/context.js';
import type { Deps } from '../../deps.js';
import { pruneCookieConsents, pruneRequestLog, pruneSessions } from '../../jobs/maintenance.js';
import { appendAudit } from '../audit/auditLog.js';
import { RETENTION_RULES } from './retentionRules.js';

export type RetentionReport = {
  tenants: number;
  removed: Record<string, number>;
  requestLog: number;
  sessions: number;
  cookieConsents: number;
};

/**
 * The daily sweep. Data that belongs to no clinic (the request log of IP addresses, staff
 * sessions) and the append-only cookie-consent records are pruned by the system role; each clinic's own data is swept tenant by tenant in
 * that clinic's transaction, and what went is written to the clinic's audit log.
 */
export async function runRetentionSweep(deps: Deps): Promise<RetentionReport> {
  const now = deps.now();
  const report: RetentionReport = {
    tenants: 0,
    removed: {},
    requestLog: await pruneRequestLog(deps.systemDb, deps.env.REQUEST_LOG_RETENTION_DAYS),
    sessions: await pruneSessions(deps.systemDb, deps.env.SESSION_IDLE_MINUTES),
    cookieConsents: await pruneCookieConsents(deps.systemDb, deps.env.COOKIE_CONSENT_RETENTION_DAYS),
  };
  const tenantRows = await deps.systemDb.execute<{ id: string }>(sql`select id from tenants order by id`);
  for (const { id: tenantId } of tenantRows) {
    report.tenants++;
    await withTenant(deps.db, tenantId, async (tx) => {
      const removed: Record<string, number> = {};
      for (const rule of RETENTION_RULES) {
        const count = await rule.sweep(tx, tenantId, now, deps.env);
        if (count > 0) removed[rule.name] = count;
        report.removed[rule.name] = (report.removed[rule.name] ?? 0) + count;
      }
      if (Object.keys(removed).length > 0) {
        await appendAudit(
          tx,
          tenantId,
          { type: 'system', id: null, ip: null },
          { action: 'retention_sweep', entity: 'retention', details: { removed } },
        );
      }
    });
  }
  return report;
}
