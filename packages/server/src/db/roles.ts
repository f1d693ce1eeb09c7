import type postgres from 'postgres';
import { APP_ROLE, SYSTEM_ROLE } from './connections.js';

/**
 * Makes sure the two runtime roles exist and can log in with the configured passwords.
 * Runs as the owner before and after migrations; safe to run again.
 */
export async function ensureRuntimeRoles(owner: postgres.Sql, passwords: { app: string; system: string }): Promise<void> {
  for (const [role, password] of [
    [APP_ROLE, passwords.app],
    [SYSTEM_ROLE, passwords.system],
  ] as const) {
    const [existing] = await owner`select 1 from pg_roles where rolname = ${role}`;
    if (!existing) {
      await owner.unsafe(`create role ${role} nologin nosuperuser nobypassrls nocreatedb nocreaterole noinherit`);
    }
    // Identifiers cannot be parameters; the role names are constants and the password is a literal.
    await owner.unsafe(`alter role ${role} with login nosuperuser nobypassrls password ${quoteLiteral(password)}`);
  }
}

function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
