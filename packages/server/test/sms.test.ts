import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Deps } from '../src/deps.js';
import { createSmsSender, SmsSendError } from '../src/sms/smsSender.js';
import { smsStatusCallbackUrl, smsWebhookRouter } from '../src/sms/smsWebhooks.js';
import { type FakeTwilio, startFakeTwilio, twilioSignature } from './fakes/fakeTwilio.js';
import { type Harness, startHarness } from './harness.js';

const ACCOUNT_SID = `AC${randomBytes(16).toString('hex')}`;
const AUTH_TOKEN = 'x'.repeat(32);
const FROM = '+358401111111';

let fake: FakeTwilio;
let h: Harness;
let webhooks: { server: Server; baseUrl: string };

/** The router on an app of its own (app.ts mounts it in production), bound to an ephemeral port. */
async function serveWebhooks(deps: Deps): Promise<{ server: Server; baseUrl: string }> {
  const app = express();
  app.use('/webhooks/twilio', smsWebhookRouter(deps));
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

type Signing = 'valid' | 'bad' | 'missing';

async function postForm(baseUrl: string, path: string, params: Record<string, string>, signing: Signing = 'valid') {
  const url = `${baseUrl}${path}`;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (signing === 'valid') headers['x-twilio-signature'] = twilioSignature(AUTH_TOKEN, url, params);
  if (signing === 'bad') headers['x-twilio-signature'] = twilioSignature('y'.repeat(32), url, params);
  const response = await fetch(url, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
}

const messageSid = () => `SM${randomBytes(16).toString('hex')}`;

beforeAll(async () => {
  fake = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  h = await startHarness({
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_FROM: FROM,
    TWILIO_API_URL: fake.url,
  });
  webhooks = await serveWebhooks(h.deps);
});

afterAll(async () => {
  await closeServer(webhooks.server);
  await h.close();
  await fake.close();
});

async function newTenant(preferences: Record<string, unknown> = {}): Promise<string> {
  const id = randomUUID();
  await h.owner`insert into tenants (id, slug, name, preferences)
    values (${id}, ${`sms-${id.slice(0, 8)}`}, 'SMS Clinic', ${h.owner.json(preferences as never)})`;
  return id;
}

async function newContact(tenantId: string, phone: string, options: { clientId?: string } = {}): Promise<string> {
  const id = randomUUID();
  await h.owner`insert into marketing_contacts (tenant_id, id, name, phone, client_id)
    values (${tenantId}, ${id}, 'Maija Meikäläinen', ${phone}, ${options.clientId ?? null})`;
  // An earlier grant by web form, a day ago.
  await h.owner`insert into marketing_consents (tenant_id, id, contact_id, channel, granted, source, notice_version, recorded_at)
    values (${tenantId}, ${randomUUID()}, ${id}, 'sms', true, 'web_form', '1', now() - interval '1 day')`;
  return id;
}

async function latestSmsConsent(tenantId: string, contactId: string) {
  const [row] = await h.owner`select granted, source, notice_version, ip, staff_actor_id from marketing_consents
    where tenant_id = ${tenantId} and contact_id = ${contactId} and channel = 'sms'
    order by recorded_at desc, id desc limit 1`;
  return row;
}

async function smsConsentCount(tenantId: string): Promise<number> {
  const [row] = await h.owner`select count(*)::int as n from marketing_consents where tenant_id = ${tenantId}`;
  return row?.n as number;
}

async function auditRows(tenantId: string) {
  return h.owner`select actor_type, actor_id, action, entity, entity_id, details from audit_log where tenant_id = ${tenantId} order by seq`;
}

describe('createSmsSender', () => {
  beforeEach(() => {
    fake.received.length = 0;
  });

  it('is null unless the account, token and sender are all set', () => {
    expect(createSmsSender({ ...h.deps.env, TWILIO_FROM: undefined })).toBeNull();
    expect(createSmsSender({ ...h.deps.env, TWILIO_AUTH_TOKEN: undefined })).toBeNull();
    expect(createSmsSender({ ...h.deps.env, TWILIO_ACCOUNT_SID: undefined })).toBeNull();
    expect(createSmsSender(h.deps.env)).not.toBeNull();
  });

  it('sends through the Twilio API (here the fake) with the sender number and status callback', async () => {
    const sender = createSmsSender(h.deps.env);
    const callback = 'https://hetki.example/webhooks/twilio/status?t=a&m=b';
    const result = await sender?.send({ to: '+358401234567', body: 'Muistutus: aika huomenna klo 10.', statusCallbackUrl: callback });
    expect(result?.providerId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(fake.received).toEqual([
      { sid: result?.providerId, to: '+358401234567', from: FROM, body: 'Muistutus: aika huomenna klo 10.', statusCallback: callback },
    ]);
  });

  it('leaves the status callback out when there is none, and uses a messaging service SID as such', async () => {
    const service = `MG${randomBytes(16).toString('hex')}`;
    const sender = createSmsSender({ ...h.deps.env, TWILIO_FROM: service });
    await sender?.send({ to: '+358401234567', body: 'Hei', statusCallbackUrl: null });
    expect(fake.received).toMatchObject([{ to: '+358401234567', from: service, body: 'Hei', statusCallback: null }]);
  });

  it('is refused by the API with the wrong credentials (a permanent error)', async () => {
    const sender = createSmsSender({ ...h.deps.env, TWILIO_AUTH_TOKEN: 'z'.repeat(32) });
    const error = await sender?.send({ to: '+358401234567', body: 'Hei', statusCallbackUrl: null }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SmsSendError);
    expect(error).toMatchObject({ code: 20003, httpStatus: 401, permanent: true });
    expect(fake.received).toEqual([]);
  });

  it('reports an invalid number as permanent, without the number or text in the error', async () => {
    fake.failNext(400, 21211);
    const sender = createSmsSender(h.deps.env);
    const error = await sender
      ?.send({ to: '+358401234567', body: 'Salainen teksti', statusCallbackUrl: null })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SmsSendError);
    expect(error).toMatchObject({ code: 21211, httpStatus: 400, permanent: true, unconfirmed: false, shortCode: 'twilio:21211' });
    const text = `${(error as Error).message} ${JSON.stringify(error)} ${(error as Error).stack}`;
    expect(text).not.toContain('358401234567');
    expect(text).not.toContain('Salainen');
  });

  it('reports a server error or rate limit as temporary', async () => {
    const sender = createSmsSender(h.deps.env);
    fake.failNext(503, 20500);
    const unavailable = await sender
      ?.send({ to: '+358401234567', body: 'Hei', statusCallbackUrl: null })
      .catch((caught: unknown) => caught);
    expect(unavailable).toMatchObject({ name: 'SmsSendError', code: 20500, httpStatus: 503, permanent: false });
    fake.failNext(429, 20429);
    const limited = await sender?.send({ to: '+358401234567', body: 'Hei', statusCallbackUrl: null }).catch((caught: unknown) => caught);
    expect(limited).toMatchObject({ name: 'SmsSendError', code: 20429, httpStatus: 429, permanent: false });
    expect(fake.received).toEqual([]);
  });

  it('reports an unreachable API as temporary and unsent', async () => {
    const sender = createSmsSender({ ...h.deps.env, TWILIO_API_URL: 'http://127.0.0.1:1' });
    const error = await sender?.send({ to: '+358401234567', body: 'Hei', statusCallbackUrl: null }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'SmsSendError', code: 'ECONNREFUSED', httpStatus: null, permanent: false, unconfirmed: false });
  });
});

describe('status callbacks', () => {
  let tenantId: string;

  beforeAll(async () => {
    tenantId = await newTenant();
  });

  async function newOutboxRow(providerId: string | null = null): Promise<string> {
    const id = randomUUID();
    await h.owner`insert into outbox_messages (tenant_id, id, kind, channel, recipient, locale, due_at, status, attempts, provider_id, sent_at, updated_at)
      values (${tenantId}, ${id}, 'booking_reminder', 'sms', '+358401234567', 'fi', now(), 'sent', 1, ${providerId}, now(), now() - interval '1 hour')`;
    return id;
  }

  const rowOf = async (id: string) => (await h.owner`select * from outbox_messages where tenant_id = ${tenantId} and id = ${id}`)[0];
  const statusPath = (id: string) => `/webhooks/twilio/status?t=${tenantId}&m=${id}`;
  const callback = (sid: string, status: string, extra: Record<string, string> = {}) => ({
    AccountSid: ACCOUNT_SID,
    ApiVersion: '2010-04-01',
    From: FROM,
    MessageSid: sid,
    MessageStatus: status,
    SmsSid: sid,
    SmsStatus: status,
    To: '+358401234567',
    ...extra,
  });

  it('builds the callback URL from PUBLIC_URL, with ids only', () => {
    expect(smsStatusCallbackUrl({ PUBLIC_URL: undefined }, { tenantId: 'a', messageId: 'b' })).toBeNull();
    expect(smsStatusCallbackUrl({ PUBLIC_URL: 'https://hetki.example/' }, { tenantId, messageId: tenantId })).toBe(
      `https://hetki.example/webhooks/twilio/status?t=${tenantId}&m=${tenantId}`,
    );
  });

  it('records the delivery status and the provider id with a valid signature', async () => {
    const id = await newOutboxRow();
    const sid = messageSid();
    const response = await postForm(webhooks.baseUrl, statusPath(id), callback(sid, 'delivered'));
    expect(response.status).toBe(204);
    const row = await rowOf(id);
    expect(row).toMatchObject({ delivery_status: 'delivered', provider_id: sid, error: null, status: 'sent' });
    const updatedAt = row?.updated_at as Date | undefined;
    expect(updatedAt?.getTime() ?? 0).toBeGreaterThan(Date.now() - 60_000);
  });

  it('records the error code of an undelivered message', async () => {
    const sid = messageSid();
    const id = await newOutboxRow(sid);
    expect((await postForm(webhooks.baseUrl, statusPath(id), callback(sid, 'undelivered', { ErrorCode: '30003' }))).status).toBe(204);
    expect(await rowOf(id)).toMatchObject({ delivery_status: 'undelivered', provider_id: sid, error: 'twilio:30003' });
  });

  it('ignores a callback for another Twilio message than the row was sent as', async () => {
    const sid = messageSid();
    const id = await newOutboxRow(sid);
    const before = await rowOf(id);
    expect((await postForm(webhooks.baseUrl, statusPath(id), callback(messageSid(), 'failed', { ErrorCode: '30008' }))).status).toBe(204);
    expect(await rowOf(id)).toEqual(before);
  });

  it('does not move a final state back on a late callback, and ignores unknown states', async () => {
    const sid = messageSid();
    const id = await newOutboxRow(sid);
    await postForm(webhooks.baseUrl, statusPath(id), callback(sid, 'delivered'));
    const delivered = await rowOf(id);
    expect((await postForm(webhooks.baseUrl, statusPath(id), callback(sid, 'sent'))).status).toBe(204);
    expect((await postForm(webhooks.baseUrl, statusPath(id), callback(sid, 'partially_delivered'))).status).toBe(204);
    expect(await rowOf(id)).toEqual(delivered);
    await postForm(webhooks.baseUrl, statusPath(id), callback(sid, 'read'));
    expect(await rowOf(id)).toMatchObject({ delivery_status: 'read' });
  });

  it('rejects a bad signature with 403 and changes nothing', async () => {
    const id = await newOutboxRow();
    const before = await rowOf(id);
    const response = await postForm(webhooks.baseUrl, statusPath(id), callback(messageSid(), 'delivered'), 'bad');
    expect(response.status).toBe(403);
    expect(JSON.parse(response.text)).toEqual({ error: 'INVALID_SIGNATURE' });
    expect(await rowOf(id)).toEqual(before);
  });

  it('rejects a missing signature with 403 and changes nothing', async () => {
    const id = await newOutboxRow();
    const before = await rowOf(id);
    const response = await postForm(webhooks.baseUrl, statusPath(id), callback(messageSid(), 'delivered'), 'missing');
    expect(response.status).toBe(403);
    expect(JSON.parse(response.text)).toEqual({ error: 'INVALID_SIGNATURE' });
    expect(await rowOf(id)).toEqual(before);
  });

  it('rejects a signature made for other parameters or another URL', async () => {
    const id = await newOutboxRow();
    const before = await rowOf(id);
    const params = callback(messageSid(), 'delivered');
    const url = `${webhooks.baseUrl}${statusPath(id)}`;
    const tamperedBody = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(AUTH_TOKEN, url, { ...params, MessageStatus: 'failed' }),
      },
      body: new URLSearchParams(params).toString(),
    });
    expect(tamperedBody.status).toBe(403);
    const otherRow = await newOutboxRow();
    const movedUrl = await fetch(`${webhooks.baseUrl}${statusPath(otherRow)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(AUTH_TOKEN, url, params) },
      body: new URLSearchParams(params).toString(),
    });
    expect(movedUrl.status).toBe(403);
    expect(await rowOf(id)).toEqual(before);
    expect(await rowOf(otherRow)).toMatchObject({ delivery_status: null });
  });

  it('answers 400 to a signed callback with bad ids', async () => {
    const response = await postForm(webhooks.baseUrl, '/webhooks/twilio/status?t=nope&m=1', callback(messageSid(), 'delivered'));
    expect(response.status).toBe(400);
  });

  it('answers 403 to everything when Twilio is not configured', async () => {
    const unconfigured = await serveWebhooks({ ...h.deps, env: { ...h.deps.env, TWILIO_AUTH_TOKEN: undefined } });
    try {
      const id = await newOutboxRow();
      const before = await rowOf(id);
      const response = await postForm(unconfigured.baseUrl, statusPath(id), callback(messageSid(), 'delivered'));
      expect(response.status).toBe(403);
      expect(await rowOf(id)).toEqual(before);
    } finally {
      await closeServer(unconfigured.server);
    }
  });
});

describe('inbound SMS', () => {
  const inbound = (from: string, body: string) => ({
    AccountSid: ACCOUNT_SID,
    ApiVersion: '2010-04-01',
    Body: body,
    From: from,
    MessageSid: messageSid(),
    NumMedia: '0',
    NumSegments: '1',
    SmsStatus: 'received',
    To: FROM,
  });
  const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

  it('withdraws SMS consent in every clinic that knows the number on STOP', async () => {
    const first = await newTenant({ privacyNoticeVersion: '2026-01' });
    const second = await newTenant();
    const third = await newTenant();
    const clientId = randomUUID();
    await h.owner`insert into clients (tenant_id, id, first_name, last_name, phone) values (${first}, ${clientId}, 'Maija', 'Meikäläinen', '+358401234567')`;
    const firstContact = await newContact(first, '+358401234567', { clientId });
    const secondContact = await newContact(second, '+358401234567');
    const thirdContact = await newContact(third, '+358409876543');
    const thirdConsentsBefore = await h.owner`select * from marketing_consents where tenant_id = ${third} order by id`;

    const response = await postForm(webhooks.baseUrl, '/webhooks/twilio/inbound', inbound('040 123 4567', '  stop '));
    expect(response.status).toBe(200);
    expect(response.contentType).toMatch(/^text\/xml/);
    expect(response.text).toBe(EMPTY_TWIML);

    expect(await latestSmsConsent(first, firstContact)).toEqual({
      granted: false,
      source: 'sms_stop',
      notice_version: '2026-01',
      ip: null,
      staff_actor_id: null,
    });
    expect(await latestSmsConsent(second, secondContact)).toMatchObject({ granted: false, source: 'sms_stop', notice_version: '1' });
    expect(await latestSmsConsent(third, thirdContact)).toMatchObject({ granted: true, source: 'web_form' });
    expect(await h.owner`select * from marketing_consents where tenant_id = ${third} order by id`).toEqual(thirdConsentsBefore);

    // The linked client's own ledger gets the withdrawal too.
    const [clientConsent] =
      await h.owner`select purpose, granted, source from consents where tenant_id = ${first} and client_id = ${clientId}`;
    expect(clientConsent).toEqual({ purpose: 'marketing_sms', granted: false, source: 'sms_stop' });

    for (const [tenantId, contactId] of [
      [first, firstContact],
      [second, secondContact],
    ] as const) {
      expect(await auditRows(tenantId)).toEqual([
        {
          actor_type: 'system',
          actor_id: null,
          action: 'withdraw',
          entity: 'marketing_consent',
          entity_id: contactId,
          details: { channel: 'sms', source: 'sms_stop' },
        },
      ]);
    }
    expect(await auditRows(third)).toEqual([]);
  });

  it('accepts the Finnish and Swedish keywords', async () => {
    const tenantId = await newTenant();
    const fi = await newContact(tenantId, '+358405550001');
    const sv = await newContact(tenantId, '+358405550002');
    await postForm(webhooks.baseUrl, '/webhooks/twilio/inbound', inbound('+358405550001', 'Lopeta'));
    await postForm(webhooks.baseUrl, '/webhooks/twilio/inbound', inbound('+358 40 555 0002', 'SLUTA'));
    expect(await latestSmsConsent(tenantId, fi)).toMatchObject({ granted: false, source: 'sms_stop' });
    expect(await latestSmsConsent(tenantId, sv)).toMatchObject({ granted: false, source: 'sms_stop' });
  });

  it('changes nothing for any other text', async () => {
    const tenantId = await newTenant();
    const contactId = await newContact(tenantId, '+358405550003');
    const before = await smsConsentCount(tenantId);
    for (const body of ['Hello', 'stop please', 'STOP STOP', '']) {
      const response = await postForm(webhooks.baseUrl, '/webhooks/twilio/inbound', inbound('+358405550003', body));
      expect(response.status).toBe(200);
      expect(response.text).toBe(EMPTY_TWIML);
    }
    expect(await smsConsentCount(tenantId)).toBe(before);
    expect(await latestSmsConsent(tenantId, contactId)).toMatchObject({ granted: true });
    expect(await auditRows(tenantId)).toEqual([]);
  });

  it('rejects a bad or missing signature with 403 and records nothing', async () => {
    const tenantId = await newTenant();
    const contactId = await newContact(tenantId, '+358405550004');
    for (const signing of ['bad', 'missing'] as const) {
      const response = await postForm(webhooks.baseUrl, '/webhooks/twilio/inbound', inbound('+358405550004', 'STOP'), signing);
      expect(response.status).toBe(403);
      expect(JSON.parse(response.text)).toEqual({ error: 'INVALID_SIGNATURE' });
    }
    expect(await smsConsentCount(tenantId)).toBe(1);
    expect(await latestSmsConsent(tenantId, contactId)).toMatchObject({ granted: true, source: 'web_form' });
    expect(await auditRows(tenantId)).toEqual([]);
  });
});
