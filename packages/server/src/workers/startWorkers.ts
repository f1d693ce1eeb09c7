import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Deps } from '../deps.js';
import { publicBaseUrl } from '../env.js';
import { logger } from '../lib/logger.js';
import { SmtpMailer } from '../mail/smtpMailer.js';
import type { DeliveryTools } from '../outbox/deliverMessage.js';
import { CONTROL_QUEUE, type OutboxDispatcher } from '../outbox/outboxQueue.js';
import { startOutboxWorker } from '../outbox/outboxWorker.js';
import { reconcileOutbox, startCampaign } from '../outbox/reconciler.js';
import { SenderProfiles } from '../outbox/senderProfile.js';
import { runRetentionSweep } from '../services/retention/retentionSweep.js';
import { createSmsSender } from '../sms/smsSender.js';

export type ControlJob = { name: 'reconcile' } | { name: 'retention' } | { name: 'start-campaign'; tenantId: string; campaignId: string };

export type Workers = { dispatcher: OutboxDispatcher; close: () => Promise<void> };

function parseFrom(mailFrom: string): { name: string | null; address: string } {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(mailFrom);
  return match ? { name: match[1]?.replace(/^"|"$/g, '') || null, address: match[2] as string } : { name: null, address: mailFrom.trim() };
}

/**
 * The background side of Hetki: outbox delivery, the reconciler, campaign starts and the daily
 * retention sweep, each a BullMQ worker; the recurring ones are job schedulers. Schedulers are
 * re-asserted every minute, so they come back by themselves after Redis loses its data.
 */
export async function startWorkers(deps: Deps, options: { smtpUrl: string; connection: Redis }): Promise<Workers> {
  const { env } = deps;
  const { connection } = options;
  const dispatcher = deps.outbox;
  const mailer = new SmtpMailer(options.smtpUrl, env.SMTP_POOL_SIZE);
  const tools: DeliveryTools = {
    deps,
    mailer,
    sms: createSmsSender(env),
    profiles: new SenderProfiles(),
    unsubscribeTokens: deps.unsubscribeTokens,
    subscriptionTokens: deps.subscriptionTokens,
    baseUrl: publicBaseUrl(env),
    mailFrom: parseFrom(env.MAIL_FROM),
  };
  const outbox = startOutboxWorker(tools, connection, { concurrency: env.WORKER_CONCURRENCY, smtpPoolSize: env.SMTP_POOL_SIZE });

  const control = dispatcher.control;
  const assertSchedulers = async () => {
    // BullMQ keeps finished jobs unless told otherwise: a reconcile a minute would pile up in Redis.
    const kept = { removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } };
    await control.upsertJobScheduler('reconcile', { every: env.OUTBOX_RECONCILE_SECONDS * 1000 }, { name: 'reconcile', opts: kept });
    await control.upsertJobScheduler('retention', { pattern: '17 3 * * *' }, { name: 'retention', opts: kept });
  };
  await assertSchedulers();
  const watchdog = setInterval(() => void assertSchedulers().catch(() => {}), 60_000);
  watchdog.unref();

  const controlWorker = new Worker(
    CONTROL_QUEUE,
    async (job) => {
      if (job.name === 'reconcile') return reconcileOutbox(deps, dispatcher);
      if (job.name === 'retention') {
        const report = await runRetentionSweep(deps);
        const summary = {
          tenants: report.tenants,
          requestLog: report.requestLog,
          sessions: report.sessions,
          cookieConsents: report.cookieConsents,
          failedSteps: report.failed.length,
        };
        if (report.failed.length > 0) logger.error('retention sweep incomplete', summary);
        else logger.info('retention sweep done', summary);
        return report;
      }
      if (job.name === 'start-campaign') {
        const { tenantId, campaignId } = job.data as { tenantId: string; campaignId: string };
        return startCampaign(deps, dispatcher, tenantId, campaignId);
      }
      return null;
    },
    { connection, prefix: env.REDIS_PREFIX, concurrency: 1 },
  );
  controlWorker.on('failed', (job, error) =>
    logger.error('control job failed', { job: job?.name, error: error.name, pgCode: (error as { code?: string }).code }),
  );

  return {
    dispatcher,
    close: async () => {
      clearInterval(watchdog);
      const deadline = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), env.WORKER_SHUTDOWN_SECONDS * 1000).unref());
      const closing = Promise.all([outbox.close(), controlWorker.close()]);
      if ((await Promise.race([closing, deadline])) === 'late') {
        logger.warn('workers did not finish in time; stopping them', { seconds: env.WORKER_SHUTDOWN_SECONDS });
        await Promise.all([outbox.close(true), controlWorker.close(true)]);
      }
      await mailer.close();
    },
  };
}
