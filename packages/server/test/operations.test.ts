import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/context.js';
import { requestLog } from '../src/db/schema/index.js';
import { buildDeps } from '../src/deps.js';
import { createHttpApp } from '../src/http/app.js';
import { RequestLogWriter } from '../src/http/requestLogWriter.js';
import { pruneCookieConsents, pruneRequestLog, pruneSessions } from '../src/jobs/maintenance.js';
import { RETENTION_RULES, type RetentionRule } from '../src/services/retention/retentionRules.js';
import { runRetentionSweep } from '../src/services/retention/retentionSweep.js';
import { ApiClient, type Harness, newClinic, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('health', () => {
  it('/healthz answers and /readyz reports PostgreSQL and Redis', async () => {
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${h.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ postgres: 'ok', redis: 'ok' });
  });

  it('/readyz is 503 when Redis does not answer', async () => {
    const deadRedis = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: null, lazyConnect: false, retryStrategy: () => 1_000 });
    deadRedis.on('error', () => {});
    const deps = buildDeps({ env: h.deps.env, db: h.deps.db, systemDb: h.deps.systemDb, redis: deadRedis });
    const { app, requestLog: writer } = createHttpApp(deps, { serveWeb: false });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ postgres: 'ok', redis: 'unreachable' });
    } finally {
      server.close();
      await writer.close();
      deadRedis.disconnect();
    }
  });
});

describe('request (IP) log', () => {
  it('keeps IP, method, route, status and latency, never the query string or body', async () => {
    const { slug } = await newClinic(h.baseUrl);
    const client = new ApiClient(h.baseUrl);
    await client.query('public.clinicProfile', { slug });
    await h.flushRequestLog();
    const rows = await h.owner<{ ip: string; method: string; route: string; status: number; latency_ms: number }[]>`
      select host(ip) as ip, method, route, status, latency_ms from request_log
      where route = '/trpc/public.clinicProfile' order by id desc limit 1`;
    expect(rows[0]).toMatchObject({ ip: '127.0.0.1', method: 'GET', route: '/trpc/public.clinicProfile', status: 200 });
    expect(rows[0]?.latency_ms).toBeGreaterThanOrEqual(0);
    const leaked = await h.owner`select 1 from request_log where route like ${`%${slug}%`} or route like '%?%'`;
    expect(leaked).toHaveLength(0);
  });

  it('logs an unsubscribe link as its pattern, never its token', async () => {
    const token = `tok${Date.now()}abcdefghijklmnop`;
    await fetch(`${h.baseUrl}/u/${token}`);
    await h.flushRequestLog();
    expect(await h.owner`select 1 from request_log where route like ${`%${token}%`}`).toHaveLength(0);
    expect((await h.owner`select 1 from request_log where route = '/u/:token'`).length).toBeGreaterThan(0);
  });

  it('writes a batch row for row: times, null and IPv6 addresses, and routes with quotes and non-ASCII', async () => {
    const writer = new RequestLogWriter(h.deps.db);
    const marker = `/batch-${Date.now()}`;
    const at = new Date('2026-03-29T00:59:59.123Z');
    writer.add({ at, ip: null, method: 'GET', route: `${marker}/a'"\\`, status: 200, latencyMs: 0 });
    writer.add({ at, ip: '2001:db8::1', method: 'POST', route: `${marker}/ä€`, status: 429, latencyMs: 1234 });
    await writer.close();
    const rows = await h.owner<{ at: Date; ip: string | null; method: string; route: string; status: number; latency_ms: number }[]>`
      select at, host(ip) as ip, method, route, status, latency_ms from request_log where route like ${`${marker}%`} order by id`;
    expect(rows).toEqual([
      { at, ip: null, method: 'GET', route: `${marker}/a'"\\`, status: 200, latency_ms: 0 },
      { at, ip: '2001:db8::1', method: 'POST', route: `${marker}/ä€`, status: 429, latency_ms: 1234 },
    ]);
  });

  it('is write-only for the app role', async () => {
    await expect(h.deps.db.select().from(requestLog)).rejects.toMatchObject({ cause: { code: '42501' } });
  });

  it('the sweep removes entries older than the retention period and keeps newer ones', async () => {
    await h.owner`insert into request_log (at, ip, method, route, status, latency_ms)
      values (now() - interval '91 days', '10.0.0.1', 'GET', '/old', 200, 1), (now() - interval '89 days', '10.0.0.2', 'GET', '/recent', 200, 1)`;
    expect(await pruneRequestLog(h.deps.systemDb, 90)).toBeGreaterThanOrEqual(1);
    expect(await h.owner`select 1 from request_log where route = '/old'`).toHaveLength(0);
    expect(await h.owner`select 1 from request_log where route = '/recent'`).toHaveLength(1);
  });
});

describe('cookie-consent sweep', () => {
  it('removes records older than the retention period in every clinic, and keeps newer ones', async () => {
    const clinics = [await newClinic(h.baseUrl), await newClinic(h.baseUrl)];
    for (const { me } of clinics) {
      const tenantId = me.tenant?.tenantId as string;
      await h.owner`insert into cookie_consents (tenant_id, id, visitor_id, analytics, marketing, notice_version, decided_at) values
        (${tenantId}, gen_random_uuid(), gen_random_uuid(), true, false, 'old', now() - interval '1096 days'),
        (${tenantId}, gen_random_uuid(), gen_random_uuid(), false, false, 'kept', now() - interval '1094 days')`;
    }
    expect(await pruneCookieConsents(h.deps.systemDb, 1095)).toBeGreaterThanOrEqual(2);
    for (const { me } of clinics) {
      const left = await h.owner<{ notice_version: string }[]>`
        select notice_version from cookie_consents where tenant_id = ${me.tenant?.tenantId as string}`;
      expect(left.map((row) => row.notice_version)).toEqual(['kept']);
    }
  });

  it('the system role may delete them, but not add, change or read who decided what', async () => {
    const { me } = await newClinic(h.baseUrl);
    const tenantId = me.tenant?.tenantId as string;
    await expect(
      h.deps.systemDb.execute(sql`insert into cookie_consents (tenant_id, id, visitor_id, analytics, marketing, notice_version)
        values (${tenantId}, gen_random_uuid(), gen_random_uuid(), true, true, '1')`),
    ).rejects.toMatchObject({ cause: { code: '42501' } });
    await expect(h.deps.systemDb.execute(sql`update cookie_consents set analytics = true`)).rejects.toMatchObject({
      cause: { code: '42501' },
    });
    await expect(h.deps.systemDb.execute(sql`select visitor_id from cookie_consents`)).rejects.toMatchObject({
      cause: { code: '42501' },
    });
  });
});

describe('outbox sweep', () => {
  it('deletes finished messages after OUTBOX_RETENTION_DAYS, but keeps sent campaign messages the yearly cap still counts', async () => {
    const { me } = await newClinic(h.baseUrl);
    const tenantId = me.tenant?.tenantId as string;
    const row = (label: string, kind: string, status: string, daysAgo: number) => h.owner`
      insert into outbox_messages (tenant_id, id, kind, channel, recipient, locale, due_at, status, sent_at, updated_at)
      values (${tenantId}, gen_random_uuid(), ${kind}, 'email', ${label}, 'fi', now() - make_interval(days => ${daysAgo}), ${status},
              case when ${status} = 'sent' then now() - make_interval(days => ${daysAgo}) end, now() - make_interval(days => ${daysAgo}))`;
    await row('campaign-200-days', 'campaign', 'sent', 200);
    await row('campaign-400-days', 'campaign', 'sent', 400);
    await row('skipped-campaign-200-days', 'campaign', 'skipped', 200);
    await row('confirmation-200-days', 'booking_confirmation', 'sent', 200);
    await row('confirmation-100-days', 'booking_confirmation', 'sent', 100);
    const rule = RETENTION_RULES.find((candidate) => candidate.name === 'finished_outbox_messages') as (typeof RETENTION_RULES)[number];
    const removed = await withTenant(h.deps.db, tenantId, (tx) =>
      rule.sweep(tx, tenantId, new Date(), { ...h.deps.env, OUTBOX_RETENTION_DAYS: 180 }),
    );
    expect(removed).toBe(3);
    const left = await h.owner<
      { recipient: string }[]
    >`select recipient from outbox_messages where tenant_id = ${tenantId} order by recipient`;
    expect(left.map((one) => one.recipient)).toEqual(['campaign-200-days', 'confirmation-100-days']);
  });
});

describe('session sweep', () => {
  it('removes expired and idle sessions and nothing else', async () => {
    const { client, me } = await newClinic(h.baseUrl);
    await h.owner`update sessions set last_seen_at = now() - interval '3 hours' where user_id = ${me.user.id}`;
    const { client: active } = await newClinic(h.baseUrl);
    expect(await pruneSessions(h.deps.systemDb, 120)).toBeGreaterThanOrEqual(1);
    expect(await h.owner`select 1 from sessions where user_id = ${me.user.id}`).toHaveLength(0);
    expect(await client.query('auth.me')).toBeNull();
    expect(await active.query('auth.me')).not.toBeNull();
  });
});

describe('the daily sweep', () => {
  it('a clinic whose sweep fails is reported and rolled back; the clinics after it are still swept', async () => {
    const [failing, healthy] = [await newClinic(h.baseUrl), await newClinic(h.baseUrl)].map(({ me }) => me.tenant?.tenantId as string);
    const marker = `sweep-${Date.now().toString(36)}`;
    for (const tenantId of [failing, healthy] as string[]) {
      await h.owner`insert into outbox_messages (tenant_id, id, kind, channel, recipient, locale, due_at, status)
        values (${tenantId}, gen_random_uuid(), 'booking_confirmation', 'email', ${marker}, 'fi', now(), 'sent')`;
    }
    // Only this test's rows: other test files share the database.
    const removeMarked: RetentionRule = {
      name: 'marked_rows',
      sweep: async (tx, tenantId) =>
        (await tx.execute(sql`delete from outbox_messages where tenant_id = ${tenantId} and recipient = ${marker} returning id`)).length,
    };
    const failFor: RetentionRule = {
      name: 'failing_rule',
      sweep: async (_tx, tenantId) => {
        if (tenantId === failing) throw new Error('lost connection');
        return 0;
      },
    };
    const report = await runRetentionSweep(h.deps, [removeMarked, failFor]);
    expect(report.failed).toEqual([failing]);
    expect(report.removed.marked_rows).toBe(1);
    const left = await h.owner<{ tenant_id: string }[]>`select tenant_id from outbox_messages where recipient = ${marker}`;
    expect(left).toEqual([{ tenant_id: failing }]);
  });
});
