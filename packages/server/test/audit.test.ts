import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { APP_ROLE, connect, type DbHandle, urlForRole } from '../src/db/connections.js';
import { withTenant } from '../src/db/context.js';
import { appendAudit } from '../src/services/audit/auditLog.js';
import { verifyTenantAudit } from '../src/services/audit/verifyAudit.js';
import { type Harness, newClinic, startHarness } from './harness.js';
import { TEST_ROLE_PASSWORDS } from './testEnv.js';

let h: Harness;
let app: DbHandle;
beforeAll(async () => {
  h = await startHarness();
  app = connect(urlForRole(inject('ownerUrl'), APP_ROLE, TEST_ROLE_PASSWORDS.app), { max: 1, name: 'test-audit' });
});
afterAll(async () => {
  await app.close();
  await h.close();
});

type AuditRow = {
  seq: string;
  actor_type: string;
  actor_id: string;
  action: string;
  entity: string;
  entity_id: string;
  ip: string;
  details: unknown;
};

describe('audit log', () => {
  it('records who changed what, when and from where, naming fields but not their values', async () => {
    const { client, me } = await newClinic(h.baseUrl);
    const tenantId = me.tenant?.tenantId as string;
    await client.mutate('staff.settings.update', { contactEmail: 'reception@clinic.example', contactPhone: '+358 40 765 4321' });
    const rows = await h.owner<AuditRow[]>`
      select seq, actor_type, actor_id, action, entity, entity_id, host(ip) as ip, details from audit_log
      where tenant_id = ${tenantId} order by seq`;
    expect(rows.map((row) => `${row.action}:${row.entity}`)).toEqual(['create:tenant', 'create:membership', 'update:tenant']);
    expect(rows[2]).toMatchObject({ actor_type: 'staff', actor_id: me.user.id, entity_id: tenantId, ip: '127.0.0.1' });
    expect(rows[2]?.details).toEqual({ fields: ['contactEmail', 'contactPhone'] });
    expect(JSON.stringify(rows)).not.toContain('reception@clinic.example');
  });

  it('the app role cannot update, delete or truncate audit rows, even in its own tenant', async () => {
    const { me } = await newClinic(h.baseUrl);
    const tenantId = me.tenant?.tenantId as string;
    for (const statement of [
      sql`update audit_log set action = 'nothing' where tenant_id = ${tenantId}`,
      sql`delete from audit_log where tenant_id = ${tenantId}`,
      sql`truncate audit_log`,
    ]) {
      await expect(withTenant(app.db, tenantId, (tx) => tx.execute(statement))).rejects.toMatchObject({ cause: { code: '42501' } });
    }
    const [count] = await h.owner<{ n: number }[]>`select count(*)::int as n from audit_log where tenant_id = ${tenantId}`;
    expect(count?.n).toBe(2);
  });

  it('keeps one unbroken chain under concurrent writes', async () => {
    const { client, me } = await newClinic(h.baseUrl);
    await Promise.all(Array.from({ length: 20 }, (_, index) => client.mutate('staff.settings.update', { name: `Clinic ${index}` })));
    const report = await verifyTenantAudit(h.deps.db, me.tenant?.tenantId as string);
    expect(report).toMatchObject({ rows: 22, problems: [] });
  });

  it("a clinic's first appends, racing on separate connections, start one chain", async () => {
    const { me } = await newClinic(h.baseUrl);
    const tenantId = me.tenant?.tenantId as string;
    // As if the clinic had never written: no rows, no head.
    await h.owner`delete from audit_log where tenant_id = ${tenantId}`;
    await h.owner`delete from audit_heads where tenant_id = ${tenantId}`;
    const pool = connect(urlForRole(inject('ownerUrl'), APP_ROLE, TEST_ROLE_PASSWORDS.app), { max: 8, name: 'test-audit-race' });
    try {
      await Promise.all(
        Array.from({ length: 8 }, (_, index) =>
          withTenant(pool.db, tenantId, (tx) =>
            appendAudit(tx, tenantId, { type: 'system', id: null, ip: null }, { action: `first-${index}`, entity: 'tenant' }),
          ),
        ),
      );
    } finally {
      await pool.close();
    }
    const seqs = await h.owner<{ seq: string }[]>`select seq from audit_log where tenant_id = ${tenantId} order by seq`;
    expect(seqs.map((row) => Number(row.seq))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await verifyTenantAudit(h.deps.db, tenantId)).toMatchObject({ rows: 8, problems: [] });
  });

  it('chains what the database normalises: IPv6, IPv4-mapped and absent addresses, quotes and non-ASCII details', async () => {
    const { me } = await newClinic(h.baseUrl);
    const tenantId = me.tenant?.tenantId as string;
    for (const ip of ['2001:DB8:0:0::1', '::ffff:10.0.0.1', null, '192.0.2.7']) {
      await withTenant(app.db, tenantId, (tx) =>
        appendAudit(
          tx,
          tenantId,
          { type: 'staff', id: me.user.id, ip },
          { action: 'view', entity: 'booking', details: { note: 'ä "x" \\ ✓', n: [1, 2.5] } },
        ),
      );
    }
    const rows = await h.owner<
      { ip: string | null }[]
    >`select host(ip) as ip from audit_log where tenant_id = ${tenantId} and action = 'view' order by seq`;
    expect(rows.map((row) => row.ip)).toEqual(['2001:db8::1', '::ffff:10.0.0.1', null, '192.0.2.7']);
    expect(await verifyTenantAudit(h.deps.db, tenantId)).toMatchObject({ rows: 6, problems: [] });
  });

  it('a write that rolls back leaves neither a row nor a moved head', async () => {
    const { me } = await newClinic(h.baseUrl);
    const tenantId = me.tenant?.tenantId as string;
    await expect(
      withTenant(app.db, tenantId, async (tx) => {
        await appendAudit(tx, tenantId, { type: 'system', id: null, ip: null }, { action: 'noop', entity: 'tenant' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const [head] = await h.owner<{ seq: string }[]>`select seq from audit_heads where tenant_id = ${tenantId}`;
    expect(Number(head?.seq)).toBe(2);
    expect(await verifyTenantAudit(h.deps.db, tenantId)).toMatchObject({ rows: 2, problems: [] });
  });

  it('`pnpm audit:verify` passes an intact log and reports a changed or removed row', async () => {
    const { client, me } = await newClinic(h.baseUrl);
    const tenantId = me.tenant?.tenantId as string;
    for (const name of ['One', 'Two', 'Three']) await client.mutate('staff.settings.update', { name });

    const runVerify = () =>
      spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../src/main/auditVerify.ts', import.meta.url))], {
        env: {
          ...process.env,
          NODE_ENV: 'test',
          DATABASE_URL: inject('ownerUrl'),
          APP_DB_PASSWORD: TEST_ROLE_PASSWORDS.app,
          SYSTEM_DB_PASSWORD: TEST_ROLE_PASSWORDS.system,
        },
        encoding: 'utf8',
        timeout: 60_000,
      });

    const intact = runVerify();
    expect(intact.stdout).not.toContain(`TAMPERED tenant ${tenantId}`);
    expect(intact.status, intact.stdout + intact.stderr).toBe(0);

    // Tampering happens as the database superuser: the app role could not do it at all.
    await h.owner`update audit_log set details = '{"fields":["name"],"note":"edited"}' where tenant_id = ${tenantId} and seq = 3`;
    const changed = runVerify();
    expect(changed.status).toBe(1);
    expect(changed.stdout).toContain(`TAMPERED tenant ${tenantId} seq 3: hash_mismatch`);

    await h.owner`delete from audit_log where tenant_id = ${tenantId} and seq = 4`;
    const removed = await verifyTenantAudit(h.deps.db, tenantId);
    expect(removed.problems).toContainEqual({ seq: 5, problem: 'gap' });
    expect(removed.problems).toContainEqual({ seq: 5, problem: 'prev_hash_mismatch' });

    // Cutting rows off the end leaves an intact-looking chain; the head still says where it ended.
    await h.owner`delete from audit_log where tenant_id = ${tenantId} and seq >= 4`;
    const cut = await verifyTenantAudit(h.deps.db, tenantId);
    expect(cut.problems).toEqual([
      { seq: 3, problem: 'hash_mismatch' },
      { seq: 5, problem: 'missing_tail' },
    ]);
  }, 120_000);
});
