import type { WidgetConfig } from '@hetki/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameAncestors, withInlineStart } from '../src/http/widgetPages.js';
import { CONSENT_RECORDS_PER_HOUR } from '../src/services/widget/consentThrottle.js';
import { hashVisitorIp } from '../src/services/widget/visitorIpHash.js';
import { widgetStart } from '../src/services/widget/widgetStart.js';
import { bookingClinic } from './bookingFixture.js';
import { ApiClient, addMember, type Harness, newClinic, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const SITE = 'https://clinic-site.example';
const visitorId = () => crypto.randomUUID();

/** A visitor's browser on `origin`, optionally inside the widget iframe embedded by `embedder`. */
function visitor(headers: Record<string, string>): ApiClient {
  const client = new ApiClient(h.baseUrl);
  client.extraHeaders = headers;
  return client;
}

describe('widget settings', () => {
  it('start from the defaults, save normalised origins and keep fields not sent', async () => {
    const { client: owner } = await newClinic(h.baseUrl);
    expect(await owner.query('staff.widget.get')).toEqual({
      allowedOrigins: [],
      cookieBanner: { enabled: false, texts: {} },
      privacyNoticeUrl: null,
      askPhotoVideoConsent: false,
    });
    await owner.mutate('staff.widget.update', {
      allowedOrigins: ['https://Clinic.Example:443/', 'http://localhost:8080'],
      privacyNoticeUrl: 'https://clinic.example/tietosuoja',
    });
    const saved = await owner.mutate('staff.widget.update', {
      cookieBanner: { enabled: true, texts: { fi: { title: 'Evästeet', body: 'Omat tekstimme.' } } },
    });
    expect(saved).toEqual({
      allowedOrigins: ['https://clinic.example', 'http://localhost:8080'],
      cookieBanner: { enabled: true, texts: { fi: { title: 'Evästeet', body: 'Omat tekstimme.' } } },
      privacyNoticeUrl: 'https://clinic.example/tietosuoja',
      askPhotoVideoConsent: false,
    });
    expect(await owner.query('staff.widget.get')).toEqual(saved);
  });

  it.each([
    ['a path', { allowedOrigins: ['https://clinic.example/booking'] }],
    ['another scheme', { allowedOrigins: ['ftp://clinic.example'] }],
    ['credentials', { allowedOrigins: ['https://user:pw@clinic.example'] }],
    ['a wildcard', { allowedOrigins: ['https://*.clinic.example'] }],
    ['the same site twice', { allowedOrigins: ['https://clinic.example', 'https://CLINIC.example/'] }],
    ['too many sites', { allowedOrigins: Array.from({ length: 21 }, (_, i) => `https://site${i}.example`) }],
    ['a script URL as privacy notice', { privacyNoticeUrl: 'javascript:alert(1)' }],
    ['banner text too long', { cookieBanner: { enabled: true, texts: { en: { title: 'x', body: 'y'.repeat(1201) } } } }],
    ['an unknown field', { colour: 'red' }],
  ])('refuses %s with a 400 and changes nothing', async (_, input) => {
    const { client: owner } = await newClinic(h.baseUrl);
    const failure = await owner.failure('mutation', 'staff.widget.update', input);
    expect(failure.status).toBe(400);
    expect(failure.data.reason).toBe('INVALID_INPUT');
    expect((await owner.query<{ allowedOrigins: string[] }>('staff.widget.get')).allowedOrigins).toEqual([]);
  });

  it('only owners and admins read or change them', async () => {
    const { client: owner } = await newClinic(h.baseUrl);
    const { client: reception } = await addMember(owner, 'reception', h.baseUrl);
    const { client: admin } = await addMember(owner, 'admin', h.baseUrl);
    expect((await reception.failure('query', 'staff.widget.get')).data.reason).toBe('ROLE_FORBIDDEN');
    expect((await reception.failure('mutation', 'staff.widget.update', { allowedOrigins: [SITE] })).data.reason).toBe('ROLE_FORBIDDEN');
    await admin.mutate('staff.widget.update', { allowedOrigins: [SITE] });
    expect((await owner.query<{ allowedOrigins: string[] }>('staff.widget.get')).allowedOrigins).toEqual([SITE]);
  });
});

describe('calls from embedding sites', () => {
  it('are answered for an allowed site, Hetki itself and non-browser callers; refused with a typed 403 for any other site', async () => {
    const { client: owner, slug } = await newClinic(h.baseUrl);
    await owner.mutate('staff.widget.update', { allowedOrigins: [SITE] });
    const input = { slug };
    const allowed: Record<string, string>[] = [
      {},
      { origin: SITE },
      { 'x-hetki-embedder': SITE },
      { origin: h.baseUrl, 'x-hetki-embedder': SITE },
      { origin: h.baseUrl },
    ];
    for (const headers of allowed) {
      const result = await visitor(headers).call('query', 'public.booking.catalogue', input);
      expect(result.status, JSON.stringify(headers)).toBe(200);
    }
    const refused: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { 'x-hetki-embedder': 'https://evil.example' },
      { origin: h.baseUrl, 'x-hetki-embedder': 'https://evil.example' },
      { origin: `${SITE}:8443` },
      { origin: 'null' },
    ];
    for (const headers of refused) {
      const result = await visitor(headers).call('query', 'public.widget.config', input);
      expect(result.status, JSON.stringify(headers)).toBe(403);
      expect(result.body.error?.data.reason).toBe('ORIGIN_NOT_ALLOWED');
    }
  });

  it('a change of the list applies to the very next call', async () => {
    const { client: owner, slug } = await newClinic(h.baseUrl);
    await owner.mutate('staff.widget.update', { allowedOrigins: [SITE] });
    const fromSite = visitor({ origin: SITE });
    expect((await fromSite.call('query', 'public.booking.catalogue', { slug })).status).toBe(200);
    await owner.mutate('staff.widget.update', { allowedOrigins: ['https://new-site.example'] });
    expect((await fromSite.call('query', 'public.booking.catalogue', { slug })).status).toBe(403);
    expect((await visitor({ origin: 'https://new-site.example' }).call('query', 'public.booking.catalogue', { slug })).status).toBe(200);
  });

  it('a site allowed by one clinic is refused for another clinic', async () => {
    const a = await newClinic(h.baseUrl, 'Clinic A');
    const b = await newClinic(h.baseUrl, 'Clinic B');
    await a.client.mutate('staff.widget.update', { allowedOrigins: [SITE] });
    const fromSite = visitor({ origin: SITE });
    expect((await fromSite.call('query', 'public.widget.config', { slug: a.slug })).status).toBe(200);
    const refused = await fromSite.failure('query', 'public.widget.config', { slug: b.slug });
    expect(refused.data.reason).toBe('ORIGIN_NOT_ALLOWED');
    const booking = await fromSite.failure('mutation', 'public.booking.manage.cancel', { slug: b.slug, token: 'x'.repeat(40) });
    expect(booking.data.reason).toBe('ORIGIN_NOT_ALLOWED');
  });

  it('gives the widget its clinic’s configuration and nothing private', async () => {
    const { client: owner, slug } = await newClinic(h.baseUrl, 'Config Clinic');
    await owner.mutate('staff.widget.update', {
      allowedOrigins: [SITE],
      cookieBanner: { enabled: true, texts: { sv: { title: 'Kakor', body: 'Vår text.' } } },
      askPhotoVideoConsent: true,
    });
    const config = await visitor({ origin: SITE }).query('public.widget.config', { slug });
    expect(config).toMatchObject({
      slug,
      name: 'Config Clinic',
      timeZone: 'Europe/Helsinki',
      enabledLocales: ['fi', 'sv', 'en'],
      askPhotoVideoConsent: true,
      privacyNoticeVersion: '1',
      cookieBanner: { enabled: true, texts: { sv: { title: 'Kakor', body: 'Vår text.' } } },
    });
    expect(JSON.stringify(config)).not.toContain('allowedOrigins');
    expect((await visitor({}).failure('query', 'public.widget.config', { slug: 'no-such-clinic' })).status).toBe(404);
  });

  it('the page carries its start data inline, and no clinic text can close its script element', () => {
    for (const name of ['Evil </script><script>alert(1)</script> Clinic', "Hieronta $` ja $& ja $' ja $$ ja $1"]) {
      const start = { config: { slug: 'x', name } as WidgetConfig };
      const page = withInlineStart('<html><head><script type="module" src="/a.js"></script></head><body></body></html>', start);
      expect(page).not.toContain('</script><script>alert(1)');
      const inline = /<script id="hetki-start" type="application\/json">(.*?)<\/script><\/head>/.exec(page)?.[1] as string;
      expect(JSON.parse(inline)).toEqual(start);
      expect(page.match(/<script/g)).toHaveLength(2);
    }
    expect(withInlineStart('<head></head>', null)).toBe('<head></head>');
  });

  it('the booking page starts with the catalogue, and opened at a service with its times this week', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    const plain = await widgetStart(h.deps, clinic.slug, { booking: true, serviceId: null });
    expect(plain?.catalogue?.services.map((service) => service.id).sort()).toEqual([clinic.serviceId, clinic.roomServiceId].sort());
    expect(plain?.firstWeek).toBeUndefined();
    const atService = await widgetStart(h.deps, clinic.slug, { booking: true, serviceId: clinic.serviceId });
    const direct = await visitor({}).query('public.booking.availability', {
      slug: clinic.slug,
      serviceId: clinic.serviceId,
      from: atService?.firstWeek?.from,
      to: atService?.firstWeek?.to,
    });
    expect(atService?.firstWeek?.availability).toEqual(direct);
    expect((await widgetStart(h.deps, clinic.slug, { booking: true, serviceId: 'not-a-uuid' }))?.firstWeek).toBeUndefined();
    expect(await widgetStart(h.deps, clinic.slug, { booking: false, serviceId: null })).toEqual({
      config: expect.objectContaining({ slug: clinic.slug }),
    });
    expect(await widgetStart(h.deps, 'no-such-clinic', { booking: true, serviceId: null })).toBeNull();
  });

  it('the widget page may be framed by Hetki and the allowed sites only', () => {
    expect(frameAncestors([])).toBe("frame-ancestors 'self'");
    expect(frameAncestors([SITE, 'http://localhost:3001'])).toBe(`frame-ancestors 'self' ${SITE} http://localhost:3001`);
  });
});

describe('cookie consent records', () => {
  it('store the categories, notice version, site and a keyed hash of the IP, never the IP itself', async () => {
    const { client: owner, slug, me } = await newClinic(h.baseUrl);
    await owner.mutate('staff.widget.update', { allowedOrigins: [SITE], cookieBanner: { enabled: true, texts: {} } });
    const id = visitorId();
    const recorded = await visitor({ origin: SITE }).mutate<{ id: string; decidedAt: string }>('public.widget.recordCookieConsent', {
      slug,
      visitorId: id,
      analytics: true,
      marketing: false,
      noticeVersion: '1',
    });
    const rows = await h.owner`select * from cookie_consents where tenant_id = ${me.tenant?.tenantId as string}`;
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({
      id: recorded.id,
      visitor_id: id,
      analytics: true,
      marketing: false,
      notice_version: '1',
      site_origin: SITE,
    });
    expect(row?.ip_hash).toBe(hashVisitorIp(h.deps.env.MASTER_KEY, '127.0.0.1'));
    expect(row?.ip_hash).toMatch(/^[0-9a-f]{64}$/);
    for (const value of Object.values(row ?? {})) expect(String(value)).not.toMatch(/127\.0\.0\.1|::1/);
  });

  it('a changed decision is a new record; the ledger is append-only for the app', async () => {
    const { client: owner, slug, me } = await newClinic(h.baseUrl);
    await owner.mutate('staff.widget.update', { allowedOrigins: [SITE] });
    const id = visitorId();
    const fromSite = visitor({ origin: SITE });
    await fromSite.mutate('public.widget.recordCookieConsent', {
      slug,
      visitorId: id,
      analytics: false,
      marketing: false,
      noticeVersion: '1',
    });
    await fromSite.mutate('public.widget.recordCookieConsent', {
      slug,
      visitorId: id,
      analytics: true,
      marketing: true,
      noticeVersion: '1',
    });
    const rows = await h.owner`select analytics from cookie_consents where visitor_id = ${id} order by decided_at`;
    expect(rows.map((row) => row.analytics)).toEqual([false, true]);
    const grants = await h.owner<{ privilege_type: string }[]>`
      select privilege_type from information_schema.role_table_grants where table_name = 'cookie_consents' and grantee = 'hetki_app'`;
    expect(grants.map((grant) => grant.privilege_type).sort()).toEqual(['INSERT', 'SELECT']);
    expect(await h.owner`select 1 from cookie_consents where tenant_id = ${me.tenant?.tenantId as string}`).toHaveLength(2);
  });

  it.each([
    ['a visitor id that is not a UUID', { visitorId: 'visitor-1' }],
    ['a missing category', { analytics: undefined }],
    ['an oversized notice version', { noticeVersion: 'v'.repeat(41) }],
    ['an unknown field', { ip: '1.2.3.4' }],
  ])('refuses %s with a 400 and stores nothing', async (_, patch) => {
    const { client: owner, slug, me } = await newClinic(h.baseUrl);
    await owner.mutate('staff.widget.update', { allowedOrigins: [SITE] });
    const input = { slug, visitorId: visitorId(), analytics: false, marketing: false, noticeVersion: '1', ...patch };
    const failure = await visitor({ origin: SITE }).failure('mutation', 'public.widget.recordCookieConsent', input);
    expect(failure.status).toBe(400);
    const rows = await h.owner`select 1 from cookie_consents where tenant_id = ${me.tenant?.tenantId as string}`;
    expect(rows).toHaveLength(0);
  });

  it('one address may record only so many decisions an hour for a clinic (429), and other clinics are unaffected', async () => {
    const { client: owner, slug } = await newClinic(h.baseUrl);
    const other = await newClinic(h.baseUrl);
    const fromSite = visitor({ origin: SITE });
    for (const clinic of [owner, other.client]) await clinic.mutate('staff.widget.update', { allowedOrigins: [SITE] });
    const decision = (clinicSlug: string) => ({
      slug: clinicSlug,
      visitorId: visitorId(),
      analytics: false,
      marketing: false,
      noticeVersion: '1',
    });
    for (let i = 0; i < CONSENT_RECORDS_PER_HOUR; i += 1) await fromSite.mutate('public.widget.recordCookieConsent', decision(slug));
    const refused = await fromSite.failure('mutation', 'public.widget.recordCookieConsent', decision(slug));
    expect(refused.status).toBe(429);
    expect(refused.data.reason).toBe('TOO_MANY_ATTEMPTS');
    expect((await fromSite.call('mutation', 'public.widget.recordCookieConsent', decision(other.slug))).status).toBe(200);
  });

  it('from a site that is not allowed: a 403 and nothing stored', async () => {
    const { client: owner, slug, me } = await newClinic(h.baseUrl);
    await owner.mutate('staff.widget.update', { allowedOrigins: [SITE] });
    const failure = await visitor({ origin: 'https://evil.example' }).failure('mutation', 'public.widget.recordCookieConsent', {
      slug,
      visitorId: visitorId(),
      analytics: true,
      marketing: true,
      noticeVersion: '1',
    });
    expect(failure.status).toBe(403);
    expect(failure.data.reason).toBe('ORIGIN_NOT_ALLOWED');
    expect(await h.owner`select 1 from cookie_consents where tenant_id = ${me.tenant?.tenantId as string}`).toHaveLength(0);
  });
});
