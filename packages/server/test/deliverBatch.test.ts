import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpDeliveryError, SmtpMailer } from '../src/mail/smtpMailer.js';
import { type DeliveryTools, deliverBatch } from '../src/outbox/deliverMessage.js';
import { startCampaign } from '../src/outbox/reconciler.js';
import { SenderProfiles } from '../src/outbox/senderProfile.js';
import { createSmsSender } from '../src/sms/smsSender.js';
import { bookingClinic } from './bookingFixture.js';
import { type FakeTwilio, startFakeTwilio } from './fakes/fakeTwilio.js';
import { type Harness, startHarness } from './harness.js';
import { createEmailCampaign, seedContacts, setMarketingLimits } from './workerFixture.js';

/**
 * One batch, straight through deliverBatch (no queue): an SMTP server that refuses some recipients
 * fails those messages alone; the rest of the batch is sent and recorded in the same transaction.
 */
let h: Harness;
let server: SMTPServer;
let mailer: SmtpMailer;
let twilioApi: FakeTwilio;
const received: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  twilioApi = await startFakeTwilio({ accountSid: 'ACbatch', authToken: 'batch-token-'.padEnd(32, 'x') });
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      if (address.address.includes('-refused-')) return callback(Object.assign(new Error('No such user'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        received.push(...session.envelope.rcptTo.map((rcpt) => rcpt.address));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mailer = new SmtpMailer(`smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}?tls=off`, 10);
});
afterAll(async () => {
  await twilioApi.close();
  await mailer.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await h.close();
});

function tools(): DeliveryTools {
  return {
    deps: h.deps,
    mailer,
    sms: null,
    profiles: new SenderProfiles(),
    unsubscribeTokens: h.deps.unsubscribeTokens,
    subscriptionTokens: h.deps.subscriptionTokens,
    baseUrl: 'https://hetki.example.test',
    mailFrom: { name: null, address: 'noreply@hetki.example.test' },
  };
}

describe('a batch of deliveries', () => {
  it('an invitation revoked before its email goes out is skipped, not sent', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    const email = `revoked.${clinic.slug}@example.test`;
    const created = await clinic.owner.mutate<{ invitation: { id: string } }>('staff.team.invite', { email, role: 'reception' });
    await clinic.owner.mutate('staff.team.revokeInvite', { invitationId: created.invitation.id });
    const [row] = await h.owner<{ id: string }[]>`
      select o.id from outbox_messages o join invitations i on i.tenant_id = o.tenant_id and i.message_id = o.id
      where i.id = ${created.invitation.id}`;
    const [result] = await deliverBatch(tools(), clinic.tenantId, [{ tenantId: clinic.tenantId, messageId: row?.id as string }]);
    expect(result).toEqual({ status: 'fulfilled', value: { kind: 'skipped', reason: 'invitation_closed' } });
    expect(received).not.toContain(email);
  });

  it('sends and records the messages the server takes; a refused one fails alone and its row stays pending', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    await setMarketingLimits(clinic.owner, { frequencyCapPerYear: 12, sendRatePerMinute: 600_000 });
    const prefix = `batch-${clinic.slug}-`;
    const seeded = await seedContacts(h.owner, clinic.tenantId, 6, { consented: () => true, prefix });
    const refused = `${prefix}-refused-@example.test`;
    const [refusedContact] = await h.owner<{ id: string }[]>`
      insert into marketing_contacts (tenant_id, id, name, email, locale)
      values (${clinic.tenantId}, gen_random_uuid(), 'Refused', ${refused}, 'fi') returning id`;
    await h.owner`insert into marketing_consents (tenant_id, id, contact_id, channel, granted, source, notice_version, recorded_at)
      values (${clinic.tenantId}, gen_random_uuid(), ${refusedContact?.id as string}, 'email', true, 'web_form', '1', now() - interval '1 day')`;
    const campaign = await createEmailCampaign(clinic.owner, { name: 'Batch', subject: 'Hi', body: 'Hello {{firstName}}' });
    await h.owner`update campaigns set status = 'scheduled', scheduled_at = now() where id = ${campaign.id}`;
    expect(await startCampaign(h.deps, h.deps.outbox, clinic.tenantId, campaign.id)).toBe(true);
    const rows = await h.owner<{ id: string; recipient: string }[]>`
      select id, recipient from outbox_messages where campaign_id = ${campaign.id} order by recipient`;
    expect(rows).toHaveLength(7);

    const results = await deliverBatch(
      tools(),
      clinic.tenantId,
      rows.map((row) => ({ tenantId: clinic.tenantId, messageId: row.id })),
    );

    rows.forEach((row, index) => {
      const result = results[index];
      if (row.recipient === refused) {
        expect(result?.status).toBe('rejected');
        const reason = (result as PromiseRejectedResult).reason;
        expect(reason).toBeInstanceOf(SmtpDeliveryError);
        expect(reason).toMatchObject({ code: 'smtp:550', permanent: true });
      } else expect(result).toEqual({ status: 'fulfilled', value: { kind: 'sent' } });
    });
    expect(received.filter((address) => address.startsWith(prefix)).sort()).toEqual(seeded.consented.sort());
    const statuses = await h.owner<{ recipient: string; status: string; provider_id: string | null }[]>`
      select recipient, status, provider_id from outbox_messages where campaign_id = ${campaign.id} order by recipient`;
    for (const row of statuses) {
      if (row.recipient === refused) expect(row).toMatchObject({ status: 'pending', provider_id: null });
      else expect(row.status).toBe('sent');
    }
    const ids = new Map(rows.map((row) => [row.recipient, row.id]));
    for (const row of statuses.filter((one) => one.recipient !== refused)) {
      expect(row.provider_id).toBe(`<${ids.get(row.recipient)}@hetki.example.test>`);
    }

    // Delivered again, the batch finds nothing left to do but the refused one.
    const again = await deliverBatch(
      tools(),
      clinic.tenantId,
      rows.map((row) => ({ tenantId: clinic.tenantId, messageId: row.id })),
    );
    expect(again.filter((result) => result.status === 'fulfilled' && result.value.kind === 'nothing_to_do')).toHaveLength(6);
    expect(received.filter((address) => address.startsWith(prefix))).toHaveLength(6);
  });

  it('an SMS the provider may have taken (the connection dropped before its answer) fails as unconfirmed and is never sent again', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    // An SMS window of the whole day: this test is about delivery, not about the hour it runs at.
    await setMarketingLimits(clinic.owner, { frequencyCapPerYear: 12, sendRatePerMinute: 600_000 }, { smsFromHour: 0, smsUntilHour: 24 });
    await seedContacts(h.owner, clinic.tenantId, 1, { consented: () => true, prefix: `sms-${clinic.slug}-`, phone: true });
    const campaign = await clinic.owner.mutate<{ id: string }>('staff.marketing.campaigns.create', {
      name: 'SMS',
      channel: 'sms',
      body: 'Hei {{firstName}}',
      audience: { kind: 'all' },
    });
    await h.owner`update campaigns set status = 'scheduled', scheduled_at = now() where id = ${campaign.id}`;
    expect(await startCampaign(h.deps, h.deps.outbox, clinic.tenantId, campaign.id)).toBe(true);
    const [row] = await h.owner<{ id: string; due_at: Date }[]>`select id, due_at from outbox_messages where campaign_id = ${campaign.id}`;
    await h.owner`update outbox_messages set due_at = now() - interval '1 minute' where id = ${row?.id as string}`;
    const sms = createSmsSender({
      ...h.deps.env,
      TWILIO_ACCOUNT_SID: 'ACbatch',
      TWILIO_AUTH_TOKEN: 'batch-token-'.padEnd(32, 'x'),
      TWILIO_FROM: '+358401110000',
      TWILIO_API_URL: twilioApi.url,
    });
    const job = [{ tenantId: clinic.tenantId, messageId: row?.id as string }];
    twilioApi.dropNext();
    // The job is done (not retried); the row records that the outcome is unknown.
    await deliverBatch({ ...tools(), sms }, clinic.tenantId, job);
    expect(twilioApi.received).toHaveLength(1);
    const [after] = await h.owner<
      { status: string; error: string | null }[]
    >`select status, error from outbox_messages where id = ${row?.id as string}`;
    expect(after).toEqual({ status: 'failed', error: 'delivery_unconfirmed' });
    // A retry of the job finds nothing to send.
    const [again] = await deliverBatch({ ...tools(), sms }, clinic.tenantId, job);
    expect(again).toMatchObject({ status: 'fulfilled', value: { kind: 'nothing_to_do' } });
    expect(twilioApi.received).toHaveLength(1);
  });
});
