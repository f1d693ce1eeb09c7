import { ensureDatabaseExists, migrateDatabase } from '../db/migrate.js';
import { env } from '../env.js';

const current = env();
if (!current.DATABASE_URL) {
  console.error('Set DATABASE_URL to migrate an external database. (`pnpm start` migrates the embedded one itself.)');
  process.exit(2);
}
await ensureDatabaseExists(current.DATABASE_URL);
await migrateDatabase(current.DATABASE_URL, { app: current.APP_DB_PASSWORD, system: current.SYSTEM_DB_PASSWORD });
console.log('Migrations applied.');
