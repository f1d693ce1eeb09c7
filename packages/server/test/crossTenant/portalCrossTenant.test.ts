import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../src/trpc/appRouter.js';
import { type BookingClinic, bookingClinic } from '../bookingFixture.js';
import { ApiClient, type Harness, listProcedures, startHarness } from '../harness.js';
import { bookAsNewClient, latestLinkToken, PortalClient, signedInClient } from '../portalFixture.js';
import { tenantSnapshot } from './tenantSnapshot.js';

/**
 * A client signed in to clinic A's portal aims every portal procedure at clinic B: with B's slug
 * (A's session is no session there) and with A's slug but B's ids. Nothing of B may show or change.
 */
let h: Harness;
let a: BookingClinic;
let b: BookingClinic;
let clientOfA: PortalClient;
let bBookingId: string;
let bEmail: string;

type Aim = { slugOf: 'a' | 'b'; extra?: () => Record<string, unknown>; expect: 'UNAUTHORIZED' | 'NOT_FOUND' | 'NULL' | 'OK_NOTHING_OF_B' };

const PROBES: Record<string, Aim[]> = {
  'portal.requestLink': [{ slugOf: 'a', extra: () => ({ email: bEmail }), expect: 'OK_NOTHING_OF_B' }],
  'portal.signIn': [{ slugOf: 'b', extra: () => ({ token: 'A'.repeat(43) }), expect: 'UNAUTHORIZED' }],
  'portal.session': [{ slugOf: 'b', expect: 'NULL' }],
  'portal.signOut': [{ slugOf: 'b', expect: 'UNAUTHORIZED' }],
  'portal.profile.get': [{ slugOf: 'b', expect: 'UNAUTHORIZED' }],
  'portal.profile.update': [{ slugOf: 'b', extra: () => ({ firstName: 'Hijacked' }), expect: 'UNAUTHORIZED' }],
  'portal.bookings.list': [{ slugOf: 'b', expect: 'UNAUTHORIZED' }],
  'portal.bookings.cancel': [
    { slugOf: 'b', extra: () => ({ bookingId: bBookingId }), expect: 'UNAUTHORIZED' },
    { slugOf: 'a', extra: () => ({ bookingId: bBookingId }), expect: 'NOT_FOUND' },
  ],
  'portal.bookings.reschedule': [
    {
      slugOf: 'b',
      extra: () => ({ bookingId: bBookingId, start: new Date(Date.now() + 5 * 86_400_000).toISOString() }),
      expect: 'UNAUTHORIZED',
    },
    {
      slugOf: 'a',
      extra: () => ({ bookingId: bBookingId, start: new Date(Date.now() + 5 * 86_400_000).toISOString() }),
      expect: 'NOT_FOUND',
    },
  ],
  'portal.consents.get': [{ slugOf: 'b', expect: 'UNAUTHORIZED' }],
  'portal.consents.set': [{ slugOf: 'b', extra: () => ({ purpose: 'photo_video', granted: false }), expect: 'UNAUTHORIZED' }],
};

const portalProcedures = listProcedures(appRouter).filter((procedure) => procedure.path.startsWith('portal.'));

beforeAll(async () => {
  h = await startHarness();
  a = await bookingClinic(h.baseUrl);
  b = await bookingClinic(h.baseUrl);
  const visitor = new ApiClient(h.baseUrl);
  const ofA = await bookAsNewClient(visitor, a, { days: 3 });
  const ofB = await bookAsNewClient(visitor, b, { days: 3 });
  bBookingId = ofB.bookingId;
  bEmail = ofB.email;
  clientOfA = await signedInClient(h, a, ofA.email);
});
afterAll(() => h.close());

describe('cross-tenant isolation of portal procedures', () => {
  it('every portal procedure has a probe', () => {
    expect(portalProcedures.length).toBeGreaterThanOrEqual(10);
    for (const procedure of portalProcedures) expect(PROBES[procedure.path], `${procedure.path} has no probe`).toBeDefined();
  });

  it.each(portalProcedures)('$path, called by a client of A, cannot see or change B', async ({ path, type }) => {
    for (const aim of PROBES[path] ?? []) {
      const before = await tenantSnapshot(h.owner, b.tenantId);
      const slug = aim.slugOf === 'a' ? a.slug : b.slug;
      const result = await clientOfA.call(type, path, { slug, ...aim.extra?.() });
      if (aim.expect === 'NULL') expect(result.body.result?.data).toBeNull();
      else if (aim.expect === 'OK_NOTHING_OF_B') expect(result.body.error).toBeUndefined();
      else expect(result.body.error?.data.code).toBe(aim.expect);
      expect(JSON.stringify(result.body)).not.toContain(bBookingId);
      expect(await tenantSnapshot(h.owner, b.tenantId)).toBe(before);
    }
  });
});

describe('sign-in links across clinics', () => {
  it("a link of A's, presented at B, signs nobody in and is not spent", async () => {
    const visitor = new ApiClient(h.baseUrl);
    const { email } = await bookAsNewClient(visitor, a, { days: 4 });
    const browser = new PortalClient(h.baseUrl);
    await browser.mutate('portal.requestLink', { slug: a.slug, email, locale: 'en' });
    const token = await latestLinkToken(h, h.owner, a.tenantId, email);
    const atB = await browser.failure('mutation', 'portal.signIn', { slug: b.slug, token });
    expect(atB.data.reason).toBe('LINK_INVALID');
    expect(browser.cookie).toBeNull();
    await browser.mutate('portal.signIn', { slug: a.slug, token });
    expect(await browser.query('portal.session', { slug: a.slug })).not.toBeNull();
    expect(await browser.query('portal.session', { slug: b.slug })).toBeNull();
  });
});
