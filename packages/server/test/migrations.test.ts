import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { APP_ROLE, connect, SYSTEM_ROLE, urlForRole } from '../src/db/connections.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { TEST_ROLE_PASSWORDS } from './testEnv.js';

const superuser = postgres(inject('ownerUrl'), { max: 1, onnotice: () => {} });
const suffix = `${process.pid}_${Date.now().toString(36)}`;
const ownerRole = `hetki_owner_${suffix}`;
const database = `hetki_managed_${suffix}`;

afterAll(async () => {
  await superuser.unsafe(`drop database if exists ${database} with (force)`);
  await superuser.unsafe(`drop role if exists ${ownerRole}`);
  await superuser.end();
});

describe('migrations', () => {
  it('run for an owner that is not a superuser (managed PostgreSQL), and the app role then works', async () => {
    await superuser.unsafe(`create role ${ownerRole} login createrole nosuperuser password 'owner-test-password'`);
    // On a managed server the owner creates the runtime roles itself and so administers them.
    await superuser.unsafe(`grant ${APP_ROLE}, ${SYSTEM_ROLE} to ${ownerRole} with admin option`);
    await superuser.unsafe(`create database ${database} owner ${ownerRole}`);
    const ownerUrl = new URL(inject('ownerUrl'));
    ownerUrl.username = ownerRole;
    ownerUrl.password = 'owner-test-password';
    ownerUrl.pathname = `/${database}`;

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
});
