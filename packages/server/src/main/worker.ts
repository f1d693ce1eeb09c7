import { env } from '../env.js';
import { startWorkers } from '../workers/startWorkers.js';
import { openRuntime } from './runtime.js';

/**
 * `pnpm worker`: the background workers as their own process (outbox delivery, reconciler,
 * campaigns, retention). SMTP_URL is required here: the development sink lives in `pnpm start`.
 * SIGTERM or SIGINT stops taking jobs and waits up to WORKER_SHUTDOWN_SECONDS for running ones.
 */
const say = (line: string) => console.log(`[hetki-worker] ${line}`);
const current = env();
if (!current.SMTP_URL) {
  console.error('[hetki-worker] Set SMTP_URL (pnpm start runs a development mail sink of its own).');
  process.exit(1);
}
const runtime = await openRuntime(current);
const workers = await startWorkers(runtime.deps, { smtpUrl: current.SMTP_URL, connection: runtime.deps.redis });
say(`Ready: concurrency ${current.WORKER_CONCURRENCY}, reconciler every ${current.OUTBOX_RECONCILE_SECONDS} s`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  say(`${signal}: finishing running jobs`);
  // The workers stop taking jobs at once and wait WORKER_SHUTDOWN_SECONDS for running ones; should
  // closing still hang (a long reconcile on a slow database), exit anyway: every row not marked
  // done is still pending in PostgreSQL and the next worker's reconciler picks it up.
  setTimeout(
    () => {
      console.error('[hetki-worker] Shutdown took too long; exiting anyway.');
      process.exit(1);
    },
    (current.WORKER_SHUTDOWN_SECONDS + 5) * 1000,
  ).unref();
  await workers.close();
  await runtime.deps.outbox.close();
  await runtime.close();
  say('Stopped cleanly.');
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void shutdown(signal));
}
