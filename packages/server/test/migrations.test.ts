import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { APP_ROLE, connect, SYSTEM_ROLE, urlForRole } from '../src/db/connections.js';
import { withTenant } from '../src/db/context.js';
import { MIGRATIONS_FOLDER, migrateDatabase } from '../src/db/migrate.js';
import { newId } from '../src/lib/uuid.js';
import { chainHash, GENESIS_HASH } from '../src/services/audit/auditChain.js';
import { appendAudit } from '../src/services/audit/auditLog.js';
import { verifyTenantAudit } from '../src/services/audit/verifyAudit.js';
import { TEST_ROLE_PASSWORDS } from './testEnv.js';

const superuser = postgres(inject('ownerUrl'), { max: 1, onnotice: () => {} });
const suffix = `${process.pid}_${Date.now().toString(36)}`;
const ownerRole = `hetki_owner_${suffix}`;
const database = `hetki_managed_${suffix}`;
const upgraded = `hetki_upgraded_${suffix}`;
const copiedFolders: string[] = [];

afterAll(async () => {
  await superuser.unsafe(`drop database if exists ${database} with (force)`);
  await superuser.unsafe(`drop database if exists ${upgraded} with (force)`);
  await superuser.unsafe(`drop role if exists ${ownerRole}`);
  await superuser.end();
  for (const folder of copiedFolders) rmSync(folder, { recursive: true, force: true });
});

/** The owner's URL for `name`, a database it owns; the role is made (not a superuser) on first use. */
async function managedDatabase(name: string): Promise<URL> {
  const [role] = await superuser`select 1 from pg_roles where rolname = ${ownerRole}`;
  if (!role) {
    await superuser.unsafe(`create role ${ownerRole} login createrole nosuperuser password 'owner-test-password'`);
    // On a managed server the owner creates the runtime roles itself and so administers them.
    await superuser.unsafe(`grant ${APP_ROLE}, ${SYSTEM_ROLE} to ${ownerRole} with admin option`);
  }
  await superuser.unsafe(`create database ${name} owner ${ownerRole}`);
  const ownerUrl = new URL(inject('ownerUrl'));
  ownerUrl.username = ownerRole;
  ownerUrl.password = 'owner-test-password';
  ownerUrl.pathname = `/${name}`;
  return ownerUrl;
}

/** A copy of the migrations folder holding only those before `tag`, as an older release shipped them. */
function migrationsBefore(tag: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'hetki-migrations-'));
  copiedFolders.push(folder);
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const index = journal.entries.findIndex((entry) => entry.tag === tag);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, index) }));
  return folder;
}

describe('migrations', () => {
  it('run for an owner that is not a superuser (managed PostgreSQL), and the app role then works', async () => {
    const ownerUrl = await managedDatabase(database);

    await migrateDatabase(ownerUrl.toString(), TEST_ROLE_PASSWORDS);
    await migrateDatabase(ownerUrl.toString(), TEST_ROLE_PASSWORDS); // a second run changes nothing

    const inspectUrl = new URL(inject('ownerUrl'));
    inspectUrl.pathname = `/${database}`;
    const inspect = postgres(inspectUrl.toString(), { max: 1, onnotice: () => {} });
    try {
      const tables = await inspect<{ owner: string; forced: boolean }[]>`
        select r.rolname as owner, c.relforcerowsecurity as forced from pg_class c
        join pg_namespace n on n.oid = c.relnamespace join pg_roles r on r.oid = c.relowner
        where n.nspname = 'public' and c.relkind = 'r' and c.relname <> '__drizzle_migrations'`;
      expect(tables.length).toBeGreaterThanOrEqual(7);
      for (const table of tables) expect(table).toEqual({ owner: ownerRole, forced: true });
    } finally {
      await inspect.end();
    }

    const app = connect(urlForRole(ownerUrl.toString(), APP_ROLE, TEST_ROLE_PASSWORDS.app), { max: 1, name: 'test-managed' });
    try {
      expect(await app.db.execute(sql`select count(*)::int as n from tenants`)).toEqual([{ n: 0 }]);
    } finally {
      await app.close();
    }
  });

  it('carry each clinic’s audit chain on from an older release (0012 finds the chain ends even for such an owner)', async () => {
    const ownerUrl = await managedDatabase(upgraded);
    await migrateDatabase(ownerUrl.toString(), TEST_ROLE_PASSWORDS, { migrationsFolder: migrationsBefore('0012_audit_heads') });

    // A clinic with three audit rows, chained as the older release appended them.
    const tenantId = newId();
    const asSuperuser = new URL(inject('ownerUrl'));
    asSuperuser.pathname = `/${upgraded}`;
    const seed = postgres(asSuperuser.toString(), { max: 1, onnotice: () => {} });
    try {
      await seed`insert into tenants (id, slug, name) values (${tenantId}, ${`upgraded-${suffix}`}, 'Upgraded clinic')`;
      let prevHash = GENESIS_HASH;
      for (let seq = 1; seq <= 3; seq += 1) {
        const row = {
          tenantId,
          seq,
          occurredAt: new Date(Date.UTC(2026, 0, seq)),
          actorType: 'system',
          actorId: null,
          action: 'update',
          entity: 'tenant',
          entityId: tenantId,
          ip: null,
          details: { fields: ['name'] },
        };
        const hash = chainHash(prevHash, row);
        await seed`
          insert into audit_log (tenant_id, seq, occurred_at, actor_type, action, entity, entity_id, details, prev_hash, hash)
          values (${tenantId}, ${seq}, ${row.occurredAt}, 'system', 'update', 'tenant', ${tenantId}, ${seed.json(row.details)}, ${prevHash}, ${hash})`;
        prevHash = hash;
      }
    } finally {
      await seed.end();
    }

    await migrateDatabase(ownerUrl.toString(), TEST_ROLE_PASSWORDS);
    const app = connect(urlForRole(ownerUrl.toString(), APP_ROLE, TEST_ROLE_PASSWORDS.app), { max: 1, name: 'test-upgraded' });
    try {
      for (const action of ['view', 'update']) {
        await withTenant(app.db, tenantId, (tx) =>
          appendAudit(tx, tenantId, { type: 'system', id: null, ip: null }, { action, entity: 'tenant' }),
        );
      }
      expect(await verifyTenantAudit(app.db, tenantId)).toMatchObject({ rows: 5, problems: [] });
    } finally {
      await app.close();
    }
  });
});
