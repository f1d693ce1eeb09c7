import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { logger } from '../lib/logger.js';

export const OUTBOX_QUEUE = 'outbox';

/** Ids only: the row holds everything else, and personal data never enters Redis. */
export type OutboxJob = { tenantId: string; messageId: string };
export type OutboxRef = OutboxJob & { dueAt: Date };

/** Retries for temporary failures (SMTP 4xx, timeouts); the row records each attempt. */
export const DELIVERY_ATTEMPTS = 6;

/**
 * Adds delivery jobs. The job id is the outbox row's id, so adding a row twice (after a commit,
 * and again by the reconciler) leaves one job. Finished jobs are removed: the row is the record,
 * and a removed job lets the reconciler add the row again if it is still pending.
 */
export const CONTROL_QUEUE = 'outbox-control';

export class OutboxDispatcher {
  readonly queue: Queue<OutboxJob>;
  /** Reconciling, campaign starts and retention: work about rows rather than one row. */
  readonly control: Queue;

  constructor(connection: Redis, prefix: string) {
    this.queue = new Queue<OutboxJob>(OUTBOX_QUEUE, { connection, prefix });
    this.control = new Queue(CONTROL_QUEUE, { connection, prefix });
  }

  /** A scheduled campaign starts at its time; the reconciler starts it too if this job is lost. */
  async startCampaignAt(tenantId: string, campaignId: string, at: Date): Promise<void> {
    try {
      await this.control.add(
        'start-campaign',
        { tenantId, campaignId },
        { jobId: `campaign-${campaignId}`, delay: Math.max(0, at.getTime() - Date.now()), removeOnComplete: true, removeOnFail: true },
      );
    } catch (error) {
      logger.warn('campaign start job not added; the reconciler will start it', { error: (error as Error).name });
    }
  }

  async enqueue(refs: OutboxRef[], now = Date.now()): Promise<void> {
    for (let start = 0; start < refs.length; start += 1000) {
      const chunk = refs.slice(start, start + 1000);
      await this.queue.addBulk(
        chunk.map((ref) => ({
          name: 'deliver',
          data: { tenantId: ref.tenantId, messageId: ref.messageId },
          opts: {
            jobId: ref.messageId,
            delay: Math.max(0, ref.dueAt.getTime() - now),
            attempts: DELIVERY_ATTEMPTS,
            backoff: { type: 'exponential', delay: 5_000 },
            removeOnComplete: true,
            removeOnFail: true,
          },
        })),
      );
    }
  }

  /** After a commit: a failure here is not the caller's failure, the reconciler will add the rows. */
  async enqueueAfterCommit(refs: OutboxRef[]): Promise<void> {
    try {
      await this.enqueue(refs);
    } catch (error) {
      logger.warn('outbox enqueue failed; the reconciler will retry', { count: refs.length, error: (error as Error).name });
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.queue.close(), this.control.close()]);
  }
}
