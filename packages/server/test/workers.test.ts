import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileOutbox, startCampaign } from '../src/outbox/reconciler.js';
import { bookingClinic, bookingRequest, helsinkiDate, type Slot } from './bookingFixture.js';
import { ApiClient, type Harness, startHarness } from './harness.js';
import { createEmailCampaign, eventually, seedContacts, setMarketingLimits, startWorkerStack, type WorkerStack } from './workerFixture.js';

let h: Harness;
let stack: WorkerStack;
let visitor: ApiClient;
beforeAll(async () => {
  h = await startHarness({ PUBLIC_URL: 'https://hetki.example.test' });
  stack = await startWorkerStack(h);
  visitor = new ApiClient(h.baseUrl);
});
afterAll(async () => {
  await stack.close();
  await h.close();
});

async function rows(tenantId: string) {
  return h.owner<{ kind: string; channel: string; status: string; due_at: Date; skip_reason: string | null; recipient: string }[]>`
    select kind, channel, status, due_at, skip_reason, recipient from outbox_messages where tenant_id = ${tenantId} order by created_at, kind`;
}

describe('booking messages', () => {
  it('a booking sends a confirmation with an .ics and the manage link, and schedules the reminder; a cancellation cancels the reminder', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    const date = helsinkiDate(3);
    const { slots } = await visitor.query<{ slots: Slot[] }>('public.booking.availability', {
      slug: clinic.slug,
      serviceId: clinic.serviceId,
      from: date,
      to: date,
    });
    const request = bookingRequest(clinic, (slots[4] as Slot).start);
    const created = await visitor.mutate<{ booking: { id: string; start: string }; manageToken: string }>('public.booking.book', request);

    const mail = await stack.sink.waitFor((message) => message.envelopeTo.includes(request.client.email), 15_000);
    const parsed = await simpleParser(mail.raw);
    expect(parsed.subject).toContain('Booking Clinic');
    expect(parsed.text).toContain(`https://hetki.example.test/book/${clinic.slug}/manage#${created.manageToken}`);
    expect(parsed.html).toContain('lang="fi"');
    const calendar = parsed.attachments.find((attachment) => attachment.contentType.startsWith('text/calendar'));
    expect(calendar?.content.toString()).toContain('METHOD:REQUEST');
    expect(parsed.headers.get('list-unsubscribe')).toBeUndefined();

    const reminder = (await rows(clinic.tenantId)).find((row) => row.kind === 'booking_reminder');
    // 24 hours of clinic wall-clock time before the visit.
    expect(reminder?.status).toBe('pending');
    expect(reminder?.due_at.toISOString()).toBe(new Date(new Date(created.booking.start).getTime() - 24 * 3_600_000).toISOString());

    await visitor.mutate('public.booking.manage.cancel', { slug: clinic.slug, token: created.manageToken });
    await stack.sink.waitFor(
      (message) => message.envelopeTo.includes(request.client.email) && /peru|cancel/i.test(message.subject),
      15_000,
    );
    // The final "." leaves alongside the COMMIT, so the sink may hold the message a moment before the row reads as sent.
    await eventually(
      async () => (await rows(clinic.tenantId)).find((row) => row.kind === 'booking_cancelled')?.status === 'sent',
      5_000,
      'the cancellation notice recorded as sent',
    );
    const after = await rows(clinic.tenantId);
    expect(after.find((row) => row.kind === 'booking_reminder')?.status).toBe('cancelled');
  });

  it('the reminder for a visit the day after the spring DST change is due at the same local time the day before', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    await clinic.owner.mutate('staff.settings.update', {
      preferences: { bookingRules: { minNoticeMinutes: 60, maxAdvanceDays: 200, slotStepMinutes: 15, cancellationWindowHours: 24 } },
    });
    // Monday 2027-03-29 10:00 EEST (07:00Z); the clocks went forward on Sunday 28 March at 03:00.
    const start = '2027-03-29T07:00:00.000Z';
    await visitor.mutate('public.booking.book', bookingRequest(clinic, start));
    const reminder = (await rows(clinic.tenantId)).find((row) => row.kind === 'booking_reminder');
    // Sunday 10:00 EEST is 07:00Z: 23 real hours before, 24 wall-clock hours.
    expect(reminder?.due_at.toISOString()).toBe('2027-03-28T07:00:00.000Z');
  });
});

describe('staff invitations', () => {
  it("an invitation is emailed in the clinic's language, and its link signs the colleague up", async () => {
    const clinic = await bookingClinic(h.baseUrl);
    const email = `colleague.${clinic.slug}@example.test`;
    const created = await clinic.owner.mutate<{ acceptUrl: string }>('staff.team.invite', { email, role: 'reception' });
    const mail = await stack.sink.waitFor((message) => message.envelopeTo.includes(email), 15_000);
    const parsed = await simpleParser(mail.raw);
    expect(parsed.subject).toContain('Kutsu tiimiin');
    const token = /\/invite#token=([\w-]+)/.exec(parsed.text ?? '')?.[1];
    expect(token).toBe(new URL(created.acceptUrl).hash.replace('#token=', ''));
    const colleague = new ApiClient(h.baseUrl);
    const me = await colleague.mutate<{ user: { email: string } }>('auth.acceptInvite', {
      token,
      name: 'Colleague',
      password: 'a long enough password for sure',
    });
    expect(me.user.email).toBe(email);
  });
});

describe('campaigns', () => {
  it('reaches every consented contact exactly once and nobody else; progress counts them', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    await setMarketingLimits(clinic.owner, { frequencyCapPerYear: 12, sendRatePerMinute: 600_000 });
    const seeded = await seedContacts(h.owner, clinic.tenantId, 200, {
      consented: (index) => index % 2 === 0,
      prefix: `c1-${clinic.slug}-`,
    });
    const campaign = await createEmailCampaign(clinic.owner, {
      name: 'Spring offer',
      subject: 'Hello {{firstName}}',
      body: 'Dear {{fullName}},\n\nSpring is here at {{clinicName}}.',
    });
    const preview = await clinic.owner.query<{ recipients: number }>('staff.marketing.campaigns.preview', { id: campaign.id });
    expect(preview.recipients).toBe(100);
    await clinic.owner.mutate('staff.marketing.campaigns.schedule', { id: campaign.id, sendAt: null });
    await eventually(
      async () => {
        const progress = await clinic.owner.query<{ sent: number; pending: number }>('staff.marketing.campaigns.progress', {
          id: campaign.id,
        });
        return progress.sent === 100 && progress.pending === 0;
      },
      30_000,
      'campaign delivery',
    );
    const counts = stack.sink.countByRecipient();
    for (const email of seeded.consented) expect(counts.get(email)).toBe(1);
    for (const email of seeded.others) expect(counts.get(email)).toBeUndefined();
    const one = stack.sink.messages().find((message) => message.envelopeTo.includes(seeded.consented[0] as string));
    expect(one?.headers['list-unsubscribe']).toMatch(/^<https:\/\/hetki\.example\.test\/u\/[0-9a-f]{65}\.[A-Za-z0-9_-]{43}>$/);
    expect(one?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    await reconcileOutbox(h.deps, h.deps.outbox);
    const [state] = await h.owner<{ status: string }[]>`select status from campaigns where id = ${campaign.id}`;
    expect(state?.status).toBe('sent');
  });

  it('a contact who unsubscribes while the campaign runs receives nothing after the withdrawal is recorded', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    // 200 messages a second: the campaign runs for about two seconds while people leave.
    await setMarketingLimits(clinic.owner, { frequencyCapPerYear: 12, sendRatePerMinute: 12_000 });
    const seeded = await seedContacts(h.owner, clinic.tenantId, 400, { consented: () => true, prefix: `w-${clinic.slug}-` });
    const campaign = await createEmailCampaign(clinic.owner, { name: 'News', subject: 'News', body: 'Hello {{firstName}}' });
    await clinic.owner.mutate('staff.marketing.campaigns.schedule', { id: campaign.id, sendAt: null });
    await eventually(
      async () =>
        stack.sink.countByRecipient().size > 0 &&
        [...stack.sink.countByRecipient().keys()].some((email) => email.startsWith(`w-${clinic.slug}-`)),
      15_000,
      'first messages',
    );

    // Every fifth contact leaves through the one-click POST while messages go out.
    const leaving = seeded.consented.filter((_, index) => index % 5 === 0);
    const withdrawnAt = new Map<string, number>();
    for (const email of leaving) {
      const token = h.deps.unsubscribeTokens.tokenFor({
        tenantId: clinic.tenantId,
        contactId: seeded.ids.get(email) as string,
        channel: 'email',
      });
      const response = await fetch(`${h.baseUrl}/u/${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(response.status).toBe(200);
      withdrawnAt.set(email, stack.sink.count());
    }
    await eventually(
      async () => {
        const progress = await clinic.owner.query<{ pending: number }>('staff.marketing.campaigns.progress', { id: campaign.id });
        return progress.pending === 0;
      },
      30_000,
      'campaign end',
    );

    // A row is committed as sent as its final "." leaves: let the sink finish taking the last ones.
    const prefix = `w-${clinic.slug}-`;
    await eventually(
      async () => {
        const [sent] = await h.owner<{ n: number }[]>`
          select count(*)::int as n from outbox_messages where campaign_id = ${campaign.id} and status = 'sent'`;
        const received = stack.sink.messages().filter((message) => message.envelopeTo.some((to) => to.startsWith(prefix)));
        return received.length === sent?.n;
      },
      10_000,
      'the sink to take every message recorded as sent',
    );

    // The sink numbers messages in arrival order: none to a leaver arrived after their withdrawal returned.
    for (const email of leaving) {
      const received = stack.sink.messages().filter((message) => message.envelopeTo.includes(email));
      expect(received.length).toBeLessThanOrEqual(1);
      for (const message of received) expect(message.id).toBeLessThanOrEqual(withdrawnAt.get(email) as number);
    }
    const skipped = await h.owner<{ n: number }[]>`
      select count(*)::int as n from outbox_messages where campaign_id = ${campaign.id} and status = 'skipped' and skip_reason = 'no_consent'`;
    const sentToLeavers = leaving.filter((email) => stack.sink.countByRecipient().get(email) === 1).length;
    // Each leaver either got the one message sent before leaving or was skipped for want of consent.
    expect((skipped[0]?.n ?? 0) + sentToLeavers).toBe(leaving.length);
    expect(skipped[0]?.n).toBeGreaterThan(0);
  });

  it('a withdrawal that commits while the send waits for the contact is seen: the message is skipped, not sent', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    await setMarketingLimits(clinic.owner, { frequencyCapPerYear: 12, sendRatePerMinute: 600_000 });
    const seeded = await seedContacts(h.owner, clinic.tenantId, 1, { consented: () => true, prefix: `race-${clinic.slug}-` });
    const email = seeded.consented[0] as string;
    const contactId = seeded.ids.get(email) as string;
    const campaign = await createEmailCampaign(clinic.owner, { name: 'Race', subject: 'Race', body: 'Hello {{firstName}}' });

    // The withdrawal holds the contact, as recordMarketingConsent does, while the campaign starts.
    await h.owner.begin(async (withdrawal) => {
      await withdrawal`select 1 from marketing_contacts where tenant_id = ${clinic.tenantId} and id = ${contactId} for update`;
      await withdrawal`insert into marketing_consents (tenant_id, id, contact_id, channel, granted, source, notice_version, recorded_at)
        values (${clinic.tenantId}, gen_random_uuid(), ${contactId}, 'email', false, 'web_form', '1', now())`;
      await clinic.owner.mutate('staff.marketing.campaigns.schedule', { id: campaign.id, sendAt: null });
      // The worker is at the message and waits for the contact.
      await eventually(
        async () => {
          const [waiting] = await h.owner<{ n: number }[]>`
            select count(*)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where not l.granted and a.query like '%marketing_contacts%'`;
          return (waiting?.n ?? 0) > 0;
        },
        15_000,
        'the send to wait for the contact',
      );
    });

    await eventually(
      async () => {
        const [row] = await h.owner<{ status: string }[]>`select status from outbox_messages where campaign_id = ${campaign.id}`;
        return row?.status !== undefined && row.status !== 'pending';
      },
      15_000,
      'the message to be settled',
    );
    const [row] = await h.owner<{ status: string; skip_reason: string | null }[]>`
      select status, skip_reason from outbox_messages where campaign_id = ${campaign.id}`;
    expect(row).toEqual({ status: 'skipped', skip_reason: 'no_consent' });
    expect(stack.sink.countByRecipient().get(email) ?? 0).toBe(0);
  });

  it('holds the yearly frequency cap per person', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    await setMarketingLimits(clinic.owner, { frequencyCapPerYear: 2, sendRatePerMinute: 600_000 });
    const seeded = await seedContacts(h.owner, clinic.tenantId, 3, { consented: () => true, prefix: `cap-${clinic.slug}-` });
    const capped = seeded.consented[0] as string;
    // Two campaign emails already went to the first contact in the last year (and one 13 months ago).
    for (const sentAt of [
      new Date(Date.now() - 30 * 86_400_000),
      new Date(Date.now() - 200 * 86_400_000),
      new Date(Date.now() - 400 * 86_400_000),
    ]) {
      await h.owner`insert into outbox_messages (tenant_id, id, kind, channel, recipient, locale, due_at, status, contact_id, campaign_id, sent_at)
        values (${clinic.tenantId}, gen_random_uuid(), 'campaign', 'email', ${capped}, 'fi', ${sentAt}, 'sent', ${seeded.ids.get(capped) as string}, gen_random_uuid(), ${sentAt})`;
    }
    const campaign = await createEmailCampaign(clinic.owner, { name: 'Third', subject: 'Third', body: 'Hi' });
    await clinic.owner.mutate('staff.marketing.campaigns.schedule', { id: campaign.id, sendAt: null });
    await eventually(
      async () => {
        const done = await h.owner`select 1 from outbox_messages where campaign_id = ${campaign.id} and status in ('sent', 'skipped')`;
        return done.length === 3;
      },
      20_000,
      'cap campaign',
    );
    const progress = await clinic.owner.query<{ sent: number; skipped: Record<string, number> }>('staff.marketing.campaigns.progress', {
      id: campaign.id,
    });
    expect(progress).toMatchObject({ sent: 2, skipped: { frequency_cap: 1 } });
    expect(stack.sink.countByRecipient().get(capped)).toBeUndefined();
  });

  it('an SMS campaign outside the clinic’s daytime window waits for 08:00 clinic time', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    await setMarketingLimits(clinic.owner, { frequencyCapPerYear: 12, sendRatePerMinute: 600_000 });
    await seedContacts(h.owner, clinic.tenantId, 2, { consented: () => true, prefix: `q-${clinic.slug}-`, phone: true });
    const campaign = await clinic.owner.mutate<{ id: string }>('staff.marketing.campaigns.create', {
      name: 'SMS',
      channel: 'sms',
      body: 'Hi {{firstName}}',
      audience: { kind: 'all' },
    });
    // Move the server's clock to 21:30 Helsinki time today.
    const now = new Date();
    const helsinkiHour = Number(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', hour: '2-digit', hourCycle: 'h23' }).format(now),
    );
    h.clock.offsetMs = (((21 - helsinkiHour + 24) % 24) * 60 + 30 - now.getMinutes()) * 60_000;
    try {
      // Scheduled directly: a staff session would not survive the moved clock.
      await h.owner`update campaigns set status = 'scheduled', scheduled_at = ${h.deps.now()} where id = ${campaign.id}`;
      expect(await startCampaign(h.deps, h.deps.outbox, clinic.tenantId, campaign.id)).toBe(true);
      await eventually(
        async () => {
          const open = await h.owner<
            { due_at: Date }[]
          >`select due_at from outbox_messages where campaign_id = ${campaign.id} and status = 'pending'`;
          const at8 = open.filter(
            (row) =>
              new Intl.DateTimeFormat('en-GB', {
                timeZone: 'Europe/Helsinki',
                hour: '2-digit',
                minute: '2-digit',
                hourCycle: 'h23',
              }).format(row.due_at) === '08:00',
          );
          return at8.length === 2;
        },
        20_000,
        'deferral',
      );
      const deferred = await h.owner<
        { due_at: Date; status: string }[]
      >`select due_at, status from outbox_messages where campaign_id = ${campaign.id}`;
      for (const row of deferred) {
        expect(row.status).toBe('pending');
        const local = new Intl.DateTimeFormat('en-GB', {
          timeZone: 'Europe/Helsinki',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }).format(row.due_at);
        expect(local).toBe('08:00');
      }
    } finally {
      h.clock.offsetMs = 0;
      await clinic.owner.mutate('staff.marketing.campaigns.cancel', { id: campaign.id });
    }
  });
});
