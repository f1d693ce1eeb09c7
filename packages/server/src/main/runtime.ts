import { Redis } from 'ioredis';
import { APP_ROLE, connect, type DbHandle, SYSTEM_ROLE, urlForRole } from '../db/connections.js';
import { ensureDatabaseExists, migrateDatabase } from '../db/migrate.js';
import { buildDeps, type Deps } from '../deps.js';
import type { Env } from '../env.js';
import { startEmbeddedPostgres } from './embeddedPostgres.js';
import { ensureRedis } from './localRedis.js';
import { DATA_DIR } from './paths.js';

export type Runtime = {
  deps: Deps;
  ownerUrl: string;
  embeddedPostgres: boolean;
  redisStarted: boolean;
  close: () => Promise<void>;
};

/**
 * Brings up everything the server and workers need: PostgreSQL (DATABASE_URL, or an embedded one
 * under .data/pg), the schema (migrated as the owner), the app and system pools, and Redis.
 */
export async function openRuntime(env: Env, log: (line: string) => void = () => {}): Promise<Runtime> {
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => {});
  };
  try {
    let ownerUrl = env.DATABASE_URL;
    if (!ownerUrl) {
      log(`No DATABASE_URL: starting embedded PostgreSQL (data in .data/pg, port ${env.EMBEDDED_PG_PORT})`);
      const embedded = await startEmbeddedPostgres({ dataDir: `${DATA_DIR}/pg`, port: env.EMBEDDED_PG_PORT, database: 'hetki' });
      closers.push(embedded.stop);
      ownerUrl = embedded.ownerUrl;
    }
    await ensureDatabaseExists(ownerUrl);
    await migrateDatabase(ownerUrl, { app: env.APP_DB_PASSWORD, system: env.SYSTEM_DB_PASSWORD });

    const redisAvailability = await ensureRedis(env.REDIS_URL, `${DATA_DIR}/redis`);
    closers.push(redisAvailability.stop);

    const app: DbHandle = connect(urlForRole(ownerUrl, APP_ROLE, env.APP_DB_PASSWORD), { max: env.DB_POOL_SIZE, name: 'hetki-app' });
    closers.push(app.close);
    const system: DbHandle = connect(urlForRole(ownerUrl, SYSTEM_ROLE, env.SYSTEM_DB_PASSWORD), { max: 2, name: 'hetki-system' });
    closers.push(system.close);
    const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
    closers.push(async () => {
      redis.disconnect();
    });

    return {
      deps: buildDeps({ env, db: app.db, systemDb: system.db, redis }),
      ownerUrl,
      embeddedPostgres: !env.DATABASE_URL,
      redisStarted: redisAvailability.startedHere,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
