import { createHash } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/context.js';
import { RETENTION_RULES } from '../src/services/retention/retentionRules.js';
import { type BookingClinic, bookingClinic } from './bookingFixture.js';
import { ApiClient, type Harness, startHarness } from './harness.js';
import { bookAsNewClient, latestLinkToken, PortalClient, signedInClient } from './portalFixture.js';
import { eventually, startWorkerStack, type WorkerStack } from './workerFixture.js';

let h: Harness;
let stack: WorkerStack;
let visitor: ApiClient;
let clinic: BookingClinic;

beforeAll(async () => {
  h = await startHarness({ PUBLIC_URL: 'https://hetki.example.test' });
  stack = await startWorkerStack(h);
  visitor = new ApiClient(h.baseUrl);
  clinic = await bookingClinic(h.baseUrl);
});
afterAll(async () => {
  await stack.close();
  await h.close();
});
beforeEach(() => {
  h.clock.offsetMs = 0;
});

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

async function linkRows(email: string) {
  return h.owner<{ token_hash: string; used_at: Date | null; message_id: string | null }[]>`
    select l.token_hash, l.used_at, l.message_id from portal_sign_in_links l
    join clients c on c.tenant_id = l.tenant_id and c.id = l.client_id
    where l.tenant_id = ${clinic.tenantId} and c.email = ${email}`;
}

describe('sign-in by emailed link', () => {
  it('emails a one-time link with the token in the fragment; only its hash is stored; the link works once', async () => {
    const { email } = await bookAsNewClient(visitor, clinic, { days: 3 });
    const browser = new PortalClient(h.baseUrl);
    expect(await browser.mutate('portal.requestLink', { slug: clinic.slug, email, locale: 'sv' })).toEqual({ ok: true });

    const mail = await stack.sink.waitFor(
      (message) => message.envelopeTo.includes(email) && /Inloggningslänk/.test(message.subject),
      15_000,
    );
    const parsed = await simpleParser(mail.raw);
    const match = /https:\/\/hetki\.example\.test\/my\/([a-z0-9-]+)#signin=([A-Za-z0-9_-]+)/.exec(parsed.text ?? '');
    expect(match?.[1]).toBe(clinic.slug);
    const token = match?.[2] as string;
    expect(parsed.html).toContain(`#signin=${token}`);
    expect(parsed.html).toContain('lang="sv"');
    expect(parsed.text).not.toMatch(/\?[^\s]*token/);

    // The database has the hash, never the token; the outbox row names the message, not the person's data.
    const [link] = await linkRows(email);
    expect(link?.token_hash).toBe(sha256(token));
    const stored = JSON.stringify(await h.owner`select * from portal_sign_in_links where tenant_id = ${clinic.tenantId}`);
    const outbox = JSON.stringify(
      await h.owner`select * from outbox_messages where tenant_id = ${clinic.tenantId} and kind = 'portal_sign_in'`,
    );
    expect(stored).not.toContain(token);
    expect(outbox).not.toContain(token);

    const session = await browser.mutate<{ client: { firstName: string }; csrfToken: string }>('portal.signIn', {
      slug: clinic.slug,
      token,
    });
    expect(session.client.firstName).toBe('Maija');
    expect(browser.cookie).toMatch(/^hetki_client=/);
    expect((await linkRows(email))[0]?.used_at).toBeInstanceOf(Date);

    const again = await new PortalClient(h.baseUrl).failure('mutation', 'portal.signIn', { slug: clinic.slug, token });
    expect(again.status).toBe(401);
    expect(again.data.reason).toBe('LINK_INVALID');
  });

  it('a link expires after 15 minutes', async () => {
    const { email } = await bookAsNewClient(visitor, clinic, { days: 4 });
    const browser = new PortalClient(h.baseUrl);
    await browser.mutate('portal.requestLink', { slug: clinic.slug, email, locale: 'fi' });
    const token = await latestLinkToken(h, h.owner, clinic.tenantId, email);
    h.clock.offsetMs = 16 * 60_000;
    const expired = await browser.failure('mutation', 'portal.signIn', { slug: clinic.slug, token });
    expect(expired.data.reason).toBe('LINK_INVALID');
    expect(browser.cookie).toBeNull();
  });

  it('answers the same for an unknown email, writes nothing for it, and throttles both alike', async () => {
    const { email: known } = await bookAsNewClient(visitor, clinic, { days: 7 });
    const unknown = `nobody.${Date.now()}@example.test`;
    const before = await h.owner<{ n: number }[]>`select count(*)::int as n from outbox_messages where tenant_id = ${clinic.tenantId}`;
    const forUnknown = await new PortalClient(h.baseUrl).call('mutation', 'portal.requestLink', { slug: clinic.slug, email: unknown });
    const forKnown = await new PortalClient(h.baseUrl).call('mutation', 'portal.requestLink', { slug: clinic.slug, email: known });
    expect(forUnknown).toEqual(forKnown);
    // The link is written after the answer, in the background: one message, for the known address only.
    const written = async () => {
      const after = await h.owner<{ n: number }[]>`select count(*)::int as n from outbox_messages where tenant_id = ${clinic.tenantId}`;
      return (after[0]?.n ?? 0) - (before[0]?.n ?? 0);
    };
    await eventually(async () => (await written()) === 1, 5_000, 'the link for the known address');
    await h.deps.inFlight.drained(5_000);
    expect(await written()).toBe(1);
    const rows = await h.owner<{ recipient: string }[]>`
      select recipient from outbox_messages where tenant_id = ${clinic.tenantId} and kind = 'portal_sign_in' and recipient in (${known}, ${unknown})`;
    expect(rows).toEqual([{ recipient: known }]);

    for (const email of [known, unknown]) {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 6; attempt += 1) {
        statuses.push((await new PortalClient(h.baseUrl).call('mutation', 'portal.requestLink', { slug: clinic.slug, email })).status);
      }
      // One request each was made above: the fifth is the last one allowed.
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    }
  });

  it('refuses bad input and a wrong token with a typed 4xx', async () => {
    const browser = new PortalClient(h.baseUrl);
    const badEmail = await browser.failure('mutation', 'portal.requestLink', { slug: clinic.slug, email: 'not-an-email' });
    expect(badEmail.status).toBe(400);
    expect(badEmail.data.reason).toBe('INVALID_INPUT');
    const badToken = await browser.failure('mutation', 'portal.signIn', { slug: clinic.slug, token: 'x'.repeat(43) });
    expect(badToken.data.reason).toBe('LINK_INVALID');
    const noClinic = await browser.failure('mutation', 'portal.requestLink', { slug: 'no-such-clinic-here', email: 'a@example.test' });
    expect(noClinic.status).toBe(404);
    const noSession = await browser.failure('query', 'portal.profile.get', { slug: clinic.slug });
    expect(noSession.status).toBe(401);
  });
});

describe('client session', () => {
  it('needs the CSRF token for mutations, ends after 30 idle minutes, and ends on sign-out', async () => {
    const { email } = await bookAsNewClient(visitor, clinic, { days: 8 });
    const browser = await signedInClient(h, clinic, email);
    browser.sendCsrf = false;
    const forged = await browser.failure('mutation', 'portal.profile.update', { slug: clinic.slug, firstName: 'Forged' });
    expect(forged.data.reason).toBe('CSRF_FAILED');
    browser.sendCsrf = true;

    h.clock.offsetMs = 31 * 60_000;
    expect(await browser.query('portal.session', { slug: clinic.slug })).toBeNull();

    h.clock.offsetMs = 0;
    const again = await signedInClient(h, clinic, email);
    expect(await again.query('portal.session', { slug: clinic.slug })).not.toBeNull();
    // Signing in again from the same browser ends the session it had.
    const earlier = again.cookie;
    const asked = h.deps.now();
    await again.mutate('portal.requestLink', { slug: clinic.slug, email, locale: 'en' });
    await again.mutate('portal.signIn', { slug: clinic.slug, token: await latestLinkToken(h, h.owner, clinic.tenantId, email, asked) });
    const previous = new PortalClient(h.baseUrl);
    previous.cookie = earlier;
    expect(await previous.query('portal.session', { slug: clinic.slug })).toBeNull();
    const cookieBeforeSignOut = again.cookie;
    await again.mutate('portal.signOut', { slug: clinic.slug });
    expect(again.cookie).toBeNull();
    // The old cookie, replayed, opens nothing: the session is gone on the server, not just in the browser.
    const replay = new PortalClient(h.baseUrl);
    replay.cookie = cookieBeforeSignOut;
    expect(await replay.query('portal.session', { slug: clinic.slug })).toBeNull();
    expect((await replay.failure('query', 'portal.profile.get', { slug: clinic.slug })).status).toBe(401);
  });

  it('profile: the client sees and corrects their own details, and the change is audited', async () => {
    const { email } = await bookAsNewClient(visitor, clinic, { days: 9 });
    const browser = await signedInClient(h, clinic, email);
    const profile = await browser.query<{ email: string; phone: string }>('portal.profile.get', { slug: clinic.slug });
    expect(profile.email).toBe(email);
    const updated = await browser.mutate<{ phone: string; language: string }>('portal.profile.update', {
      slug: clinic.slug,
      phone: '+358 50 765 4321',
      language: 'sv',
    });
    expect(updated).toMatchObject({ phone: '+358 50 765 4321', language: 'sv' });
    const [audit] = await h.owner<{ actor_type: string; details: { fields: string[] } }[]>`
      select actor_type, details from audit_log where tenant_id = ${clinic.tenantId} and entity = 'client' and action = 'update'
      order by seq desc limit 1`;
    expect(audit?.actor_type).toBe('client');
    expect(audit?.details.fields.sort()).toEqual(['language', 'phone']);
    const bad = await browser.failure('mutation', 'portal.profile.update', { slug: clinic.slug, phone: 'call me' });
    expect(bad.status).toBe(400);
    // The email signs the client in and links new bookings to them: not changeable here unproven.
    const otherEmail = await browser.failure('mutation', 'portal.profile.update', {
      slug: clinic.slug,
      email: 'someone.else@example.test',
    });
    expect(otherEmail.data.reason).toBe('INVALID_INPUT');
    expect((await browser.query<{ email: string }>('portal.profile.get', { slug: clinic.slug })).email).toBe(email);
  });
});

describe('bookings in the portal', () => {
  it('lists upcoming bookings; cancels and moves within the window; refuses outside it', async () => {
    const first = await bookAsNewClient(visitor, clinic, { days: 5, slotIndex: 1 });
    const browser = await signedInClient(h, clinic, first.email);
    const listed = await browser.query<{ upcoming: { id: string; changeable: boolean }[]; past: unknown[] }>('portal.bookings.list', {
      slug: clinic.slug,
    });
    expect(listed.upcoming.map((booking) => booking.id)).toEqual([first.bookingId]);
    expect(listed.upcoming[0]?.changeable).toBe(true);

    const to = new Date(new Date(first.start).getTime() + 2 * 3_600_000).toISOString();
    const moved = await browser.mutate<{ upcoming: { start: string }[] }>('portal.bookings.reschedule', {
      slug: clinic.slug,
      bookingId: first.bookingId,
      start: to,
    });
    expect(moved.upcoming[0]?.start).toBe(to);

    const cancelled = await browser.mutate<{ upcoming: unknown[]; past: { id: string; status: string }[] }>('portal.bookings.cancel', {
      slug: clinic.slug,
      bookingId: first.bookingId,
    });
    expect(cancelled.upcoming).toEqual([]);
    expect(cancelled.past[0]).toMatchObject({ id: first.bookingId, status: 'cancelled' });

    // Another client's booking of the same clinic is not found.
    const other = await bookAsNewClient(visitor, clinic, { days: 6, slotIndex: 3 });
    const notMine = await browser.failure('mutation', 'portal.bookings.cancel', { slug: clinic.slug, bookingId: other.bookingId });
    expect(notMine.status).toBe(404);

    // Inside the 24-hour window the booking can no longer be changed online.
    const late = await bookAsNewClient(visitor, clinic, { days: 2, slotIndex: 5 });
    h.clock.offsetMs = new Date(late.start).getTime() - Date.now() - 12 * 3_600_000;
    const lateBrowser = await signedInClient(h, clinic, late.email);
    const lateList = await lateBrowser.query<{ upcoming: { changeable: boolean }[] }>('portal.bookings.list', { slug: clinic.slug });
    expect(lateList.upcoming[0]?.changeable).toBe(false);
    const refused = await lateBrowser.failure('mutation', 'portal.bookings.cancel', { slug: clinic.slug, bookingId: late.bookingId });
    expect(refused.status).toBe(403);
    expect(refused.data.reason).toBe('CHANGE_WINDOW_CLOSED');
    const [row] = await h.owner<
      { status: string }[]
    >`select status from bookings where tenant_id = ${clinic.tenantId} and id = ${late.bookingId}`;
    expect(row?.status).toBe('confirmed');
  });
});

describe('consents in the portal', () => {
  it('grants and withdraws with source portal; marketing consents reach the marketing register; all audited', async () => {
    const { email } = await bookAsNewClient(visitor, clinic, { days: 10, consents: { photoVideo: true } });
    const browser = await signedInClient(h, clinic, email);
    const initial = await browser.query<{ current: Record<string, { granted: boolean } | null> }>('portal.consents.get', {
      slug: clinic.slug,
    });
    expect(initial.current).toMatchObject({ photo_video: { granted: true }, marketing_email: null });

    await browser.mutate('portal.consents.set', { slug: clinic.slug, purpose: 'marketing_email', granted: true });
    const withdrawn = await browser.mutate<{
      current: Record<string, { granted: boolean; source: string } | null>;
      history: { purpose: string; granted: boolean; source: string }[];
    }>('portal.consents.set', { slug: clinic.slug, purpose: 'marketing_email', granted: false });
    await browser.mutate('portal.consents.set', { slug: clinic.slug, purpose: 'photo_video', granted: false });

    expect(withdrawn.current.marketing_email).toMatchObject({ granted: false, source: 'portal' });
    expect(withdrawn.history.filter((entry) => entry.purpose === 'marketing_email')).toEqual([
      expect.objectContaining({ granted: false, source: 'portal' }),
      expect.objectContaining({ granted: true, source: 'portal' }),
    ]);

    const ledger = await h.owner<{ purpose: string; granted: boolean; source: string; ip: string | null }[]>`
      select co.purpose, co.granted, co.source, host(co.ip) as ip from consents co join clients c on c.tenant_id = co.tenant_id and c.id = co.client_id
      where co.tenant_id = ${clinic.tenantId} and c.email = ${email} and co.source = 'portal' order by co.recorded_at, co.id`;
    expect(ledger.map((entry) => [entry.purpose, entry.granted])).toEqual([
      ['marketing_email', true],
      ['marketing_email', false],
      ['photo_video', false],
    ]);
    expect(ledger.every((entry) => entry.ip !== null)).toBe(true);

    const register = await h.owner<{ channel: string; granted: boolean; source: string }[]>`
      select mc.channel, mc.granted, mc.source from marketing_consents mc join marketing_contacts ct on ct.tenant_id = mc.tenant_id and ct.id = mc.contact_id
      where mc.tenant_id = ${clinic.tenantId} and ct.email = ${email} order by mc.recorded_at, mc.id`;
    expect(register).toEqual([
      { channel: 'email', granted: true, source: 'portal' },
      { channel: 'email', granted: false, source: 'portal' },
    ]);

    const audits = await h.owner<{ action: string }[]>`
      select action from audit_log where tenant_id = ${clinic.tenantId} and entity = 'client_consent' and actor_type = 'client'
      order by seq desc limit 3`;
    expect(audits.map((audit) => audit.action)).toEqual(['withdraw', 'withdraw', 'grant']);
  });
});

describe('retention', () => {
  it('the nightly sweep removes spent links and ended sessions, and keeps live ones', async () => {
    // A clinic of its own: the other tests leave links and sessions in the shared one.
    const clinic = await bookingClinic(h.baseUrl);
    const { email } = await bookAsNewClient(visitor, clinic, { days: 11 });
    await signedInClient(h, clinic, email);
    const live = await signedInClient(h, clinic, email);
    await new PortalClient(h.baseUrl).mutate('portal.requestLink', { slug: clinic.slug, email, locale: 'fi' });
    await h.deps.inFlight.drained(5_000);
    const count = async () => {
      const [row] = await h.owner<{ links: number; sessions: number; open: number }[]>`
        select (select count(*)::int from portal_sign_in_links where tenant_id = ${clinic.tenantId}) as links,
          (select count(*)::int from portal_sign_in_links where tenant_id = ${clinic.tenantId} and used_at is null) as open,
          (select count(*)::int from client_sessions where tenant_id = ${clinic.tenantId}) as sessions`;
      return row;
    };
    const sweep = (now: Date) =>
      withTenant(h.deps.db, clinic.tenantId, async (tx) => {
        for (const rule of RETENTION_RULES.filter((candidate) => /portal|client_sessions/.test(candidate.name))) {
          await rule.sweep(tx, clinic.tenantId, now, h.deps.env);
        }
      });
    const before = await count();
    await sweep(new Date());
    // Used links go; the one still open stays, as do the two sessions in use.
    expect(await count()).toEqual({ links: 1, open: 1, sessions: before?.sessions });
    expect(await live.query('portal.session', { slug: clinic.slug })).not.toBeNull();
    await sweep(new Date(Date.now() + 9 * 3_600_000));
    expect(await count()).toEqual({ links: 0, open: 0, sessions: 0 });
  });
});
