import { tenants } from '../db/schema/index.js';
import type { Deps } from '../deps.js';
import { env } from '../env.js';
import { type TenantAuditReport, verifyTenantAudit } from '../services/audit/verifyAudit.js';
import { openRuntime } from './runtime.js';

/** Checks every clinic's audit chain. Tenants are listed by hetki_system; each chain is read as hetki_app. */
export async function verifyAllAuditChains(deps: Deps): Promise<TenantAuditReport[]> {
  const all = await deps.systemDb.select({ id: tenants.id }).from(tenants).orderBy(tenants.id);
  const reports: TenantAuditReport[] = [];
  for (const tenant of all) reports.push(await verifyTenantAudit(deps.db, tenant.id));
  return reports;
}

export function formatReports(reports: TenantAuditReport[]): { ok: boolean; text: string } {
  const broken = reports.filter((report) => report.problems.length > 0);
  const lines = broken.flatMap((report) =>
    report.problems.map((problem) => `TAMPERED tenant ${report.tenantId} seq ${problem.seq}: ${problem.problem}`),
  );
  const rows = reports.reduce((sum, report) => sum + report.rows, 0);
  lines.push(
    `${reports.length} tenants, ${rows} audit rows checked: ${broken.length === 0 ? 'all chains intact' : `${broken.length} chain(s) broken`}`,
  );
  return { ok: broken.length === 0, text: lines.join('\n') };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const runtime = await openRuntime(env());
  try {
    const { ok, text } = formatReports(await verifyAllAuditChains(runtime.deps));
    console.log(text);
    process.exitCode = ok ? 0 : 1;
  } finally {
    await runtime.close();
  }
}
