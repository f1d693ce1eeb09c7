import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { logger } from '../lib/logger.js';
import { SmtpDeliveryError } from '../mail/smtpMailer.js';
import { type DeliveryTools, deliverBatch, RetryableDeliveryError, recordAttemptFailure } from './deliverMessage.js';
import { DeliveryBatcher } from './deliveryBatcher.js';
import { OUTBOX_QUEUE, type OutboxJob } from './outboxQueue.js';

/**
 * A job's lock lapses this long after its worker dies; BullMQ then hands the job to a live worker.
 * Short, because a delivery takes milliseconds and the lock is renewed while it runs.
 */
const LOCK_MS = 10_000;

/** A lone job waits this long for others of its clinic to share its transaction (see DeliveryBatcher). */
const BATCH_WINDOW_MS = 3;

export function startOutboxWorker(
  tools: DeliveryTools,
  connection: Redis,
  options: { concurrency: number; smtpPoolSize: number },
): Worker<OutboxJob> {
  const { concurrency, smtpPoolSize } = options;
  const { deps } = tools;
  const batcher = new DeliveryBatcher((tenantId, jobs) => deliverBatch(tools, tenantId, jobs), {
    // Half the pool, so that a second batch can be at the SMTP server while one is in the database.
    maxBatch: Math.max(1, Math.floor(smtpPoolSize / 2)),
    capacity: smtpPoolSize,
    windowMs: BATCH_WINDOW_MS,
  });
  const worker = new Worker<OutboxJob>(
    OUTBOX_QUEUE,
    async (job: Job<OutboxJob>, token?: string) => {
      try {
        const outcome = await batcher.submit(job.data);
        if (outcome.kind === 'not_due') {
          await job.moveToDelayed(outcome.dueAt.getTime(), token);
          throw new DelayedError();
        }
        return outcome.kind;
      } catch (error) {
        if (error instanceof DelayedError) throw error;
        const permanent = error instanceof SmtpDeliveryError && error.permanent;
        const code = error instanceof RetryableDeliveryError || error instanceof SmtpDeliveryError ? error.code : (error as Error).name;
        const final = permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        await recordAttemptFailure(deps, job.data, code, final).catch(() => {});
        throw permanent ? new UnrecoverableError(code) : error;
      }
    },
    {
      connection,
      prefix: deps.env.REDIS_PREFIX,
      concurrency,
      lockDuration: LOCK_MS,
      stalledInterval: LOCK_MS / 2,
      // A job stalls only when its worker dies; the row stays pending, so trying again is safe.
      maxStalledCount: 100,
    },
  );
  worker.on('failed', (job, error) => {
    if (error instanceof DelayedError) return;
    logger.warn('outbox delivery failed', { messageId: job?.data.messageId, error: error.name });
  });
  worker.on('error', (error) => logger.error('outbox worker error', { error: error.name }));
  return worker;
}
