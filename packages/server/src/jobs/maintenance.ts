import { Queue, Worker } from 'bullmq';
import { lt, or, sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Db } from '../db/connections.js';
import { requestLog, sessions } from '../db/schema/index.js';
import type { Env } from '../env.js';
import { logger } from '../lib/logger.js';

export const MAINTENANCE_QUEUE = 'maintenance';

export type MaintenanceJob = 'prune-request-log' | 'prune-sessions';

/** Deletes request-log rows (IP addresses) older than the retention period. Runs as hetki_system. */
export async function pruneRequestLog(systemDb: Db, retentionDays: number): Promise<number> {
  const deleted = await systemDb
    .delete(requestLog)
    .where(lt(requestLog.at, sql`now() - make_interval(days => ${retentionDays})`))
    .returning({ id: requestLog.id });
  return deleted.length;
}

/** Deletes sessions past their absolute expiry or idle longer than allowed. Runs as hetki_system. */
export async function pruneSessions(systemDb: Db, idleMinutes: number): Promise<number> {
  const deleted = await systemDb
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, sql`now()`), lt(sessions.lastSeenAt, sql`now() - make_interval(mins => ${idleMinutes})`)))
    .returning({ userId: sessions.userId });
  return deleted.length;
}

export type MaintenanceRuntime = { queue: Queue; worker: Worker; close: () => Promise<void> };

/** Registers the recurring sweeps as BullMQ job schedulers and starts the worker that runs them. */
export async function startMaintenance(options: { env: Env; systemDb: Db; connection: Redis }): Promise<MaintenanceRuntime> {
  const { env, systemDb, connection } = options;
  const queue = new Queue(MAINTENANCE_QUEUE, { connection, prefix: env.REDIS_PREFIX });
  await queue.upsertJobScheduler('prune-request-log', { pattern: '17 3 * * *' }, { name: 'prune-request-log' });
  await queue.upsertJobScheduler('prune-sessions', { every: 60 * 60 * 1000 }, { name: 'prune-sessions' });

  const worker = new Worker(
    MAINTENANCE_QUEUE,
    async (job) => {
      const name = job.name as MaintenanceJob;
      const removed =
        name === 'prune-request-log'
          ? await pruneRequestLog(systemDb, env.REQUEST_LOG_RETENTION_DAYS)
          : await pruneSessions(systemDb, env.SESSION_IDLE_MINUTES);
      logger.info('maintenance done', { job: name, removed });
      return { removed };
    },
    { connection, prefix: env.REDIS_PREFIX, concurrency: 1 },
  );
  worker.on('failed', (job, error) => logger.error('maintenance failed', { job: job?.name, error: error.name }));
  return {
    queue,
    worker,
    close: async () => {
      await worker.close();
      await queue.close();
    },
  };
}
