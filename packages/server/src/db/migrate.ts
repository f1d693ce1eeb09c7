import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { connect } from './connections.js';
import { ensureRuntimeRoles } from './roles.js';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** Runs pending migrations as the owner and (re)sets the runtime roles' logins. */
export async function migrateDatabase(
  ownerUrl: string,
  passwords: { app: string; system: string },
  options: { migrationsFolder?: string } = {},
): Promise<void> {
  const owner = connect(ownerUrl, { max: 1, name: 'hetki-migrate' });
  try {
    await ensureRuntimeRoles(owner.sql, passwords);
    await migrate(owner.db, { migrationsFolder: options.migrationsFolder ?? MIGRATIONS_FOLDER });
  } finally {
    await owner.close();
  }
}

/** Creates the database named in the URL when it is missing (connecting to `postgres` to do so). */
export async function ensureDatabaseExists(ownerUrl: string): Promise<void> {
  const url = new URL(ownerUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres';
  if (!/^[a-zA-Z0-9_]+$/.test(name)) throw new Error('Database name may only contain letters, digits and _');
  url.pathname = '/postgres';
  const admin = connect(url.toString(), { max: 1, name: 'hetki-bootstrap' });
  try {
    const [exists] = await admin.sql`select 1 from pg_database where datname = ${name}`;
    if (!exists) await admin.sql.unsafe(`create database ${name}`);
  } finally {
    await admin.close();
  }
}
