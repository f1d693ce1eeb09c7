import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrateDatabase } from '../src/db/migrate.js';
import { type SmtpSink, startSmtpSink } from '../src/mail/smtpSink.js';
import { reconcileOutbox, startCampaign } from '../src/outbox/reconciler.js';
import { bookingClinic, bookingRequest, helsinkiDate, type Slot } from './bookingFixture.js';
import { ApiClient, type Harness, startHarness } from './harness.js';
import { TEST_ROLE_PASSWORDS } from './testEnv.js';
import { createEmailCampaign, eventually, seedContacts, setMarketingLimits } from './workerFixture.js';

// A Redis database of its own: this file empties it, which must not touch the other test files' keys.
const REDIS_URL = 'redis://127.0.0.1:6379/7';
const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

// And a database of its own: a worker's reconciler takes every due row in its database, so no other
// test file's worker (or its rows) may share this one.
const ownerUrl = new URL(inject('ownerUrl'));
const databaseName = `${ownerUrl.pathname.slice(1)}_crash`;
ownerUrl.pathname = `/${databaseName}`;
const serverAdmin = postgres(inject('ownerUrl'), { max: 1, onnotice: () => {} });

let h: Harness;
let sink: SmtpSink;
beforeAll(async () => {
  await serverAdmin.unsafe(`create database ${databaseName}`);
  await migrateDatabase(ownerUrl.toString(), TEST_ROLE_PASSWORDS);
  h = await startHarness({ REDIS_URL, PUBLIC_URL: 'https://hetki.example.test' }, { ownerUrl: ownerUrl.toString() });
  sink = await startSmtpSink({ keep: 10_000 });
});
afterAll(async () => {
  await sink.close();
  await h.close();
  await serverAdmin.unsafe(`drop database if exists ${databaseName} with (force)`);
  await serverAdmin.end();
});

/** The real worker entry point (`pnpm worker`) as its own process. */
function startWorkerProcess(): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main/worker.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: ownerUrl.toString(),
      APP_DB_PASSWORD: TEST_ROLE_PASSWORDS.app,
      SYSTEM_DB_PASSWORD: TEST_ROLE_PASSWORDS.system,
      REDIS_URL,
      REDIS_PREFIX: h.deps.env.REDIS_PREFIX,
      SMTP_URL: `${sink.url}?tls=off`,
      PUBLIC_URL: 'https://hetki.example.test',
      WORKER_CONCURRENCY: '20',
      OUTBOX_RECONCILE_SECONDS: '1',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('delivery survives crashes and Redis loss', () => {
  it('SIGKILL at random points of a 2,000-contact campaign, ten times: each consented contact gets exactly one message, the others none', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    // 30 messages a second: a campaign of about half a minute, longer than the ten lives of the worker
    // (each about a second and a half to start), so that every kill lands in the middle of it.
    await setMarketingLimits(clinic.owner, { frequencyCapPerYear: 12, sendRatePerMinute: 1_800 });
    const seeded = await seedContacts(h.owner, clinic.tenantId, 2_000, {
      consented: (index) => index % 2 === 0,
      prefix: `crash-${clinic.slug}-`,
    });
    const campaign = await createEmailCampaign(clinic.owner, {
      name: 'Crash test',
      subject: 'Hello {{firstName}}',
      body: 'Hello {{fullName}}',
    });
    await h.owner`update campaigns set status = 'scheduled', scheduled_at = now() where id = ${campaign.id}`;
    expect(await startCampaign(h.deps, h.deps.outbox, clinic.tenantId, campaign.id)).toBe(true);

    // Each life: wait until this worker is delivering, then kill it at a random point.
    for (let kill = 0; kill < 10; kill++) {
      const worker = startWorkerProcess();
      const before = sink.count();
      await eventually(async () => sink.count() > before, 30_000, 'the worker to deliver');
      await pause(Math.random() * 150);
      worker.kill('SIGKILL');
      await exited(worker);
    }
    const deliveredWhileCrashing = sink.count();
    // The kills really cut the campaign short: some, not all, went out before the last worker.
    expect(deliveredWhileCrashing).toBeGreaterThanOrEqual(10);
    expect(deliveredWhileCrashing).toBeLessThan(1_000);
    const last = startWorkerProcess();
    try {
      await eventually(
        async () => {
          const [open] = await h.owner<{ n: number }[]>`
          select count(*)::int as n from outbox_messages where campaign_id = ${campaign.id} and status in ('pending', 'sending')`;
          return open?.n === 0;
        },
        90_000,
        'the campaign to drain',
      );
    } finally {
      last.kill('SIGTERM');
      await exited(last);
    }
    // Messages by recipient: each one's Message-ID is its outbox row, stable across retries.
    const messageIds = new Map<string, Set<string>>();
    for (const message of sink.messages()) {
      for (const to of message.envelopeTo) messageIds.set(to, (messageIds.get(to) ?? new Set()).add(message.messageId ?? ''));
    }
    const twice = seeded.consented.filter((email) => (messageIds.get(email)?.size ?? 0) > 1);
    const never = seeded.consented.filter((email) => !messageIds.has(email));
    // On failure, what became of the rows of those never reached.
    const neverRows = await h.owner<{ status: string; error: string | null; skip_reason: string | null; n: number }[]>`
      select status, error, skip_reason, count(*)::int as n from outbox_messages
      where campaign_id = ${campaign.id} and recipient = any(${never}) group by 1, 2, 3`;
    expect({ twice: twice.length, never: never.length, neverRows }).toEqual({ twice: 0, never: 0, neverRows: [] });
    expect(seeded.others.filter((email) => messageIds.has(email))).toEqual([]);
    // A retransmission of the same message needs a kill between its batch's final "."s and its
    // COMMIT, written in one synchronous block (see deliverBatch): at most a batch (5 with this
    // worker's pool of 10) per kill, and normally none.
    const transmissions = [...sink.countByRecipient()].filter(([email]) => messageIds.has(email)).reduce((sum, [, n]) => sum + n, 0);
    expect(transmissions - 1_000).toBeLessThanOrEqual(10);
    const statuses = await h.owner<{ status: string; n: number }[]>`
      select status, count(*)::int as n from outbox_messages where campaign_id = ${campaign.id} group by status`;
    expect(statuses).toEqual([{ status: 'sent', n: 1_000 }]);
  }, 240_000);

  it('FLUSHALL while reminders are pending: after the reconciler runs, each is delivered once', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    const visitor = new ApiClient(h.baseUrl);
    const date = helsinkiDate(3);
    const { slots } = await visitor.query<{ slots: Slot[] }>('public.booking.availability', {
      slug: clinic.slug,
      serviceId: clinic.serviceId,
      from: date,
      to: date,
    });
    const emails: string[] = [];
    for (const slot of slots.filter((_, index) => index % 5 === 0).slice(0, 5)) {
      const request = bookingRequest(clinic, slot.start);
      await visitor.mutate('public.booking.book', request);
      emails.push(request.client.email);
    }
    const reminders = await h.owner<{ id: string; due_at: Date }[]>`
      select id, due_at from outbox_messages where tenant_id = ${clinic.tenantId} and kind = 'booking_reminder' and status = 'pending'`;
    expect(reminders).toHaveLength(5);
    const delayed = await h.deps.outbox.queue.getJobCounts('delayed');
    expect(delayed.delayed).toBeGreaterThanOrEqual(5);

    // Redis loses everything (this file's own database; FLUSHALL would reach other test files).
    const redis = new Redis(REDIS_URL);
    await redis.flushdb();
    redis.disconnect();
    expect((await h.deps.outbox.queue.getJobCounts('delayed')).delayed).toBe(0);

    // The clock moves to just after the last reminder is due (and before any of the visits starts,
    // when a reminder is skipped as too late); a worker comes up and its reconciler runs.
    const lastDue = Math.max(...reminders.map((reminder) => reminder.due_at.getTime()));
    h.clock.offsetMs = lastDue + 60_000 - Date.now();
    try {
      const report = await reconcileOutbox(h.deps, h.deps.outbox);
      expect(report.requeued).toBeGreaterThanOrEqual(5);
      const { startWorkers } = await import('../src/workers/startWorkers.js');
      const workers = await startWorkers(h.deps, { smtpUrl: `${sink.url}?tls=off`, connection: h.deps.redis });
      try {
        await eventually(
          async () => {
            const sent = await h.owner<{ n: number }[]>`
            select count(*)::int as n from outbox_messages where tenant_id = ${clinic.tenantId} and kind = 'booking_reminder' and status = 'sent'`;
            return sent[0]?.n === 5;
          },
          30_000,
          'reminders',
        );
        await reconcileOutbox(h.deps, h.deps.outbox);
        await pause(500);
      } finally {
        await workers.close();
      }
    } finally {
      h.clock.offsetMs = 0;
    }
    const reminderMails = sink
      .messages()
      .filter((message) => emails.some((email) => message.envelopeTo.includes(email)) && /muistutus|reminder/i.test(message.subject));
    expect(reminderMails).toHaveLength(5);
    for (const email of emails) expect(reminderMails.filter((message) => message.envelopeTo.includes(email))).toHaveLength(1);
  }, 120_000);
});
