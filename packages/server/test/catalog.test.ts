import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { APP_ROLE, SYSTEM_ROLE } from '../src/db/connections.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { TEST_ROLE_PASSWORDS } from './testEnv.js';

const owner = postgres(inject('ownerUrl'), { max: 1, onnotice: () => {} });
afterAll(() => owner.end());

describe('database catalog', () => {
  it('every table with a tenant_id column has row security enabled and forced', async () => {
    const rows = await owner<{ table: string; enabled: boolean; forced: boolean }[]>`
      select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)`;
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect(row, row.table).toMatchObject({ enabled: true, forced: true });
  });

  it('every application table, tenant-owned or global, has row security enabled and forced', async () => {
    const rows = await owner<{ table: string }[]>`
      select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and not (c.relrowsecurity and c.relforcerowsecurity)`;
    expect(rows.map((row) => row.table)).toEqual([]);
  });

  it('tenant_id leads the primary key, every index and every foreign key of tenant-owned tables', async () => {
    const indexes = await owner<{ index: string; first: string }[]>`
      select i.indexrelid::regclass::text as index, a.attname as first
      from pg_index i
      join pg_class c on c.oid = i.indrelid
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum = i.indkey[0]
      where n.nspname = 'public'
        and exists (select 1 from pg_attribute t where t.attrelid = c.oid and t.attname = 'tenant_id')`;
    expect(indexes.length).toBeGreaterThan(0);
    for (const index of indexes) expect(index.first, index.index).toBe('tenant_id');

    const foreignKeys = await owner<{ name: string; first: string }[]>`
      select con.conname as name, a.attname as first
      from pg_constraint con
      join pg_class c on c.oid = con.conrelid
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum = con.conkey[1]
      where con.contype = 'f' and n.nspname = 'public'
        and exists (select 1 from pg_attribute t where t.attrelid = c.oid and t.attname = 'tenant_id')
        and (con.confrelid = 'tenants'::regclass
             or exists (select 1 from pg_attribute r where r.attrelid = con.confrelid and r.attname = 'tenant_id'))`;
    for (const foreignKey of foreignKeys) expect(foreignKey.first, foreignKey.name).toBe('tenant_id');
  });

  it('the runtime roles are not superusers, cannot bypass RLS and own nothing', async () => {
    const roles = await owner<
      { rolname: string; rolsuper: boolean; rolbypassrls: boolean; rolcreaterole: boolean; rolcreatedb: boolean }[]
    >`
      select rolname, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb from pg_roles where rolname in (${APP_ROLE}, ${SYSTEM_ROLE})`;
    expect(roles).toHaveLength(2);
    for (const role of roles) {
      expect(role).toMatchObject({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false });
    }
    const owned = await owner<{ name: string }[]>`
      select c.relname as name from pg_class c join pg_roles r on r.oid = c.relowner
      where r.rolname in (${APP_ROLE}, ${SYSTEM_ROLE})`;
    expect(owned).toEqual([]);
  });

  it('the app role may only insert and read the audit log, and only write the request log', async () => {
    const privileges = await owner<{ table: string; privilege: string }[]>`
      select table_name as table, privilege_type as privilege from information_schema.role_table_grants
      where grantee = ${APP_ROLE} and table_name in ('audit_log', 'request_log') order by 1, 2`;
    expect(privileges).toEqual([
      { table: 'audit_log', privilege: 'INSERT' },
      { table: 'audit_log', privilege: 'SELECT' },
      { table: 'request_log', privilege: 'INSERT' },
    ]);
  });

  // Last in this file on purpose: it flips a server-wide role attribute for a moment.
  it('migrations refuse to run when a runtime role could bypass row-level security', async () => {
    await owner.unsafe(`alter role ${SYSTEM_ROLE} bypassrls`);
    try {
      await expect(migrateDatabase(inject('ownerUrl'), TEST_ROLE_PASSWORDS)).rejects.toThrow(/BYPASSRLS/);
    } finally {
      await owner.unsafe(`alter role ${SYSTEM_ROLE} nobypassrls`);
    }
  });
});
