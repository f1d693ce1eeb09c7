import { type ChildProcess, fork, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Queue, Worker } from 'bullmq';
import postgres from 'postgres';
import { parseEnv } from '../src/env.js';
import { openRuntime } from '../src/main/runtime.js';
import { startCampaign } from '../src/outbox/reconciler.js';

const CONTACTS = Number(process.env.BENCH_CAMPAIGN_CONTACTS ?? 100_000);
const SLUG = 'bench-campaign';
const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const say = (line: string) => console.log(line);
const seconds = (ms: number) => (ms / 1000).toFixed(1);

type SinkCounts = { total: number; unconsented: number; distinct: number; recipients: number; other: number };

/**
 * `pnpm bench campaign`: one email campaign to a clinic of 100,000 marketing contacts, half of
 * them consented, delivered by the real worker process (`pnpm worker`) through SMTP to a sink in
 * another process. Prints messages/s from the campaign's start to its last message at the sink,
 * beside the throughput of no-op BullMQ jobs at the same concurrency on the same Redis, and the
 * number of messages that reached an unconsented contact (must be 0). BENCH_WORKER_PROCESSES runs
 * several worker processes side by side, as a deployment scales out.
 */
export async function benchCampaign(): Promise<void> {
  const concurrency = Number(process.env.WORKER_CONCURRENCY ?? 50);
  const env = parseEnv({ ...process.env, WORKER_CONCURRENCY: String(concurrency) });
  const runtime = await openRuntime(env, say);
  const owner = postgres(runtime.ownerUrl, { max: 2, onnotice: () => {} });
  const sink = await startSinkProcess();
  const workers: ChildProcess[] = [];
  const processes = Number(process.env.BENCH_WORKER_PROCESSES ?? 1);
  try {
    const tenantId = await seedClinic(owner);
    say(`  ${CONTACTS.toLocaleString('en')} contacts, ${(CONTACTS / 2).toLocaleString('en')} consented to email`);

    const bare = await bareBullmqThroughput(runtime.deps.redis, env.REDIS_PREFIX, concurrency, 50_000);
    say(`  bare BullMQ: ${bare.toFixed(0)} no-op jobs/s (50,000 jobs, concurrency ${concurrency})`);

    for (let index = 0; index < processes; index += 1) workers.push(await startWorkerProcess(runtime.ownerUrl, sink.url, concurrency));
    say(`  ${processes} worker process${processes === 1 ? '' : 'es'} (pnpm worker), concurrency ${concurrency} each`);
    const [campaign] = await owner<{ id: string }[]>`
      insert into campaigns (tenant_id, id, name, channel, subject, body, audience, status, scheduled_at)
      values (${tenantId}, gen_random_uuid(), 'Autumn news', 'email', 'Autumn news for {{firstName}}',
        ${'Hello {{firstName}},\n\nOur autumn opening hours and a new massage therapist.\n\nWelcome!'},
        ${owner.json({ kind: 'all' })}, 'scheduled', now())
      returning id`;
    const campaignId = campaign?.id as string;

    const started = Date.now();
    await startCampaign(runtime.deps, runtime.deps.outbox, tenantId, campaignId);
    const [{ recipients } = { recipients: 0 }] = await owner<{ recipients: number }[]>`
      select recipient_count as recipients from campaigns where id = ${campaignId}`;
    say(`  campaign started: ${recipients.toLocaleString('en')} recipients written and enqueued in ${seconds(Date.now() - started)} s`);

    let counts: SinkCounts = { total: 0, unconsented: 0, distinct: 0, recipients: 0, other: 0 };
    let lastReport = Date.now();
    while (counts.total < recipients) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      counts = await sink.count();
      const [open] = await owner<{ n: number }[]>`
        select count(*)::int as n from outbox_messages where tenant_id = ${tenantId} and status in ('pending', 'sending')`;
      if (open?.n === 0 && counts.total < recipients) {
        // Nothing left to send: whatever is missing at the sink failed or was skipped.
        counts = await sink.count();
        break;
      }
      if (Date.now() - lastReport > 5_000) {
        lastReport = Date.now();
        say(`    ${counts.total.toLocaleString('en')} delivered after ${seconds(Date.now() - started)} s`);
      }
      if (Date.now() - started > 15 * 60_000) throw new Error('campaign did not finish in 15 minutes');
    }
    const elapsed = Date.now() - started;
    const statuses = await owner<{ status: string; n: number }[]>`
      select status, count(*)::int as n from outbox_messages where tenant_id = ${tenantId} group by status order by status`;
    const rate = counts.total / (elapsed / 1000);
    say(`  campaign: ${counts.total.toLocaleString('en')} messages at the sink in ${seconds(elapsed)} s = ${rate.toFixed(0)} messages/s`);
    say(
      `  distinct at the sink: ${counts.distinct.toLocaleString('en')} Message-IDs, ${counts.recipients.toLocaleString('en')} recipients`,
    );
    if (counts.other > 0) say(`  also at the sink: ${counts.other.toLocaleString('en')} other clinics' due messages (not counted above)`);
    say(`  campaign outbox rows: ${statuses.map((row) => `${row.status} ${row.n}`).join(', ')}`);
    say(`  messages to unconsented contacts: ${counts.unconsented}`);
    say(`  ratio to bare BullMQ: ${(rate / bare).toFixed(2)}`);
  } finally {
    await Promise.all(workers.map((worker) => stopChild(worker, 'SIGTERM')));
    await sink.close();
    await owner.end();
    await runtime.close();
  }
}

/** One clinic for every run, emptied of the last run's contacts, campaigns and messages first. */
async function seedClinic(owner: postgres.Sql): Promise<string> {
  const preferences = { marketing: { frequencyCapPerYear: 12, smsFromHour: 8, smsUntilHour: 20, sendRatePerMinute: 1_000_000 } };
  const [tenant] = await owner<{ id: string }[]>`
    insert into tenants (id, slug, name, preferences) values (gen_random_uuid(), ${SLUG}, 'Bench Campaign Clinic', ${owner.json(preferences)})
    on conflict (slug) do update set preferences = excluded.preferences
    returning id`;
  const tenantId = tenant?.id as string;
  await owner`delete from outbox_messages where tenant_id = ${tenantId}`;
  await owner`delete from campaigns where tenant_id = ${tenantId}`;
  await owner`delete from marketing_consents where tenant_id = ${tenantId}`;
  await owner`delete from marketing_contacts where tenant_id = ${tenantId}`;
  // Even-numbered contacts consented (c-N), odd ones never did (u-N).
  await owner`
    insert into marketing_contacts (tenant_id, id, name, email, locale)
    select ${tenantId}, gen_random_uuid(), 'Contact ' || n, (case when n % 2 = 0 then 'c-' else 'u-' end) || n || '@bench.test', 'fi'
    from generate_series(1, ${CONTACTS}) as n`;
  await owner`
    insert into marketing_consents (tenant_id, id, contact_id, channel, granted, source, notice_version, recorded_at)
    select tenant_id, gen_random_uuid(), id, 'email', true, 'web_form', '1', now() - interval '1 day'
    from marketing_contacts where tenant_id = ${tenantId} and email like 'c-%'`;
  await owner`analyze marketing_contacts`;
  await owner`analyze marketing_consents`;
  return tenantId;
}

/** No-op jobs through a queue of their own: what BullMQ and Redis alone can do on this machine. */
async function bareBullmqThroughput(
  connection: import('ioredis').Redis,
  prefix: string,
  concurrency: number,
  jobs: number,
): Promise<number> {
  const name = 'bench-noop';
  const queue = new Queue(name, { connection, prefix });
  await queue.obliterate({ force: true });
  for (let start = 0; start < jobs; start += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, jobs - start) }, (_, index) => ({
        name: 'noop',
        data: { n: start + index },
        opts: { jobId: `noop-${start + index}`, removeOnComplete: true, removeOnFail: true },
      })),
    );
  }
  let done = 0;
  let allDone: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    allDone = resolve;
  });
  const started = Date.now();
  const worker = new Worker(name, async () => {}, { connection: connection.duplicate(), prefix, concurrency });
  worker.on('completed', () => {
    if (++done === jobs) allDone();
  });
  await finished;
  const elapsed = Date.now() - started;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return jobs / (elapsed / 1000);
}

async function startSinkProcess(): Promise<{ url: string; count: () => Promise<SinkCounts>; close: () => Promise<void> }> {
  const child = fork(fileURLToPath(new URL('./sinkProcess.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`sink exited with ${code}`)));
  });
  return {
    url,
    count: () =>
      new Promise((resolve) => {
        child.once('message', (message) => resolve(message as SinkCounts));
        child.send('count');
      }),
    close: async () => {
      child.disconnect();
      await stopChild(child, null);
    },
  };
}

async function startWorkerProcess(ownerUrl: string, sinkUrl: string, concurrency: number): Promise<ChildProcess> {
  const profile = process.env.BENCH_WORKER_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_WORKER_PROFILE}`] : [];
  const flags = process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : [];
  const child = spawn(process.execPath, [...flags, ...profile, '--import', 'tsx', 'src/main/worker.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      DATABASE_URL: ownerUrl,
      SMTP_URL: `${sinkUrl}?tls=off`,
      SMTP_POOL_SIZE: process.env.SMTP_POOL_SIZE ?? String(Math.min(concurrency, 50)),
      DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? String(Math.min(concurrency, 50)),
      WORKER_CONCURRENCY: String(concurrency),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${output}`)));
  });
  child.stdout?.resume();
  return child;
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals | null): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    if (signal) child.kill(signal);
  });
}
