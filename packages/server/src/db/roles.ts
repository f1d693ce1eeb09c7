import type postgres from 'postgres';
import { APP_ROLE, SYSTEM_ROLE } from './connections.js';

/**
 * Makes sure the two runtime roles exist and can log in with the configured passwords, then checks
 * that neither can escape row-level security. Needs CREATEROLE, not a superuser, so it also works on
 * managed PostgreSQL. Runs as the owner before migrations; safe to run again.
 */
export async function ensureRuntimeRoles(owner: postgres.Sql, passwords: { app: string; system: string }): Promise<void> {
  for (const [role, password] of [
    [APP_ROLE, passwords.app],
    [SYSTEM_ROLE, passwords.system],
  ] as const) {
    const [existing] = await owner`select 1 from pg_roles where rolname = ${role}`;
    // Identifiers cannot be parameters: the role names are constants and the password a quoted literal.
    if (!existing) {
      await owner.unsafe(
        `create role ${role} login nosuperuser nobypassrls nocreatedb nocreaterole noinherit password ${quoteLiteral(password)}`,
      );
    } else {
      await owner.unsafe(`alter role ${role} with login password ${quoteLiteral(password)}`);
    }
    const [attributes] = await owner<{ rolsuper: boolean; rolbypassrls: boolean }[]>`
      select rolsuper, rolbypassrls from pg_roles where rolname = ${role}`;
    if (attributes?.rolsuper || attributes?.rolbypassrls) {
      throw new Error(`Role ${role} is a superuser or has BYPASSRLS: row-level security would not apply. Remove those attributes.`);
    }
  }
}

function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
