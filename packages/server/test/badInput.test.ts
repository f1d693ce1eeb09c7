import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/trpc/appRouter.js';
import { ApiClient, type Harness, listProcedures, newClinic, PASSWORD, startHarness } from './harness.js';

const procedures = listProcedures(appRouter);

const HUGE = 'x'.repeat(20_000);
/** Wrong types, wrong shapes, unknown keys, oversized strings, nesting. */
const MALFORMED: unknown[] = [
  'just a string',
  42,
  null,
  [1, 2, 3],
  { unexpected: true },
  {
    email: HUGE,
    password: HUGE,
    name: HUGE,
    slug: HUGE,
    userId: HUGE,
    invitationId: HUGE,
    tenantId: 'not-a-uuid',
    token: HUGE,
    code: HUGE,
  },
  { clinic: { name: HUGE, slug: '../../etc' }, owner: { email: 'not-an-email', name: 7, password: [] } },
  { userId: "'; drop table tenants; --", role: 'superuser' },
  { name: { $gt: '' }, timeZone: 'Mars/Olympus_Mons', defaultLocale: 'xx', businessId: '1234567-0', preferences: { enabledLocales: [] } },
  { a: { b: { c: { d: { e: { f: { g: HUGE } } } } } } },
];

let h: Harness;
let email: string;
let slug: string;

beforeAll(async () => {
  h = await startHarness();
  const clinic = await newClinic(h.baseUrl, 'Input Clinic');
  email = clinic.email;
  slug = clinic.slug;
});
afterAll(() => h.close());

async function signedIn(): Promise<ApiClient> {
  const client = new ApiClient(h.baseUrl);
  await client.mutate('auth.login', { email, password: PASSWORD });
  return client;
}

function expectClean4xx(status: number, text: string, label: string): void {
  expect(status, `${label} -> ${status}: ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(status, label).toBeLessThan(500);
  expect(text, label).not.toMatch(/"stack"|at .*\.ts:\d+|postgres|syntax error|relation "|insert into|select .* from/i);
}

describe('bad input never reaches a 500', () => {
  it('covers every procedure of the router, each with a declared input', () => {
    expect(procedures.length).toBeGreaterThanOrEqual(17);
    expect(procedures.filter((procedure) => !procedure.hasInput).map((procedure) => procedure.path)).toEqual([]);
  });

  it.each(procedures)('$path refuses malformed input with a clean 4xx', async ({ path, type }) => {
    const client = await signedIn();
    for (const input of MALFORMED) {
      const result = await client.call(type, path, input);
      expectClean4xx(result.status, JSON.stringify(result.body), `${path} ${JSON.stringify(input)?.slice(0, 80)}`);
    }
  });

  it.each(procedures)('$path answers unparseable or oversized requests with a clean 4xx', async ({ path, type }) => {
    const client = await signedIn();
    const headers = { cookie: client.cookie ?? '', 'x-csrf-token': client.csrfToken ?? '', 'content-type': 'application/json' };
    const attempts: Response[] =
      type === 'query'
        ? [
            await fetch(`${h.baseUrl}/trpc/${path}?input=%7Bnot-json`, { headers }),
            await fetch(`${h.baseUrl}/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ huge: 'x'.repeat(6_000) }))}`, { headers }),
          ]
        : [
            await fetch(`${h.baseUrl}/trpc/${path}`, { method: 'POST', headers, body: '{not json' }),
            await fetch(`${h.baseUrl}/trpc/${path}`, { method: 'POST', headers, body: JSON.stringify({ blob: 'x'.repeat(200_000) }) }),
          ];
    for (const response of attempts) expectClean4xx(response.status, await response.text(), path);
  });

  it('an oversized body is a 413, not a 500', async () => {
    const response = await fetch(`${h.baseUrl}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'x'.repeat(500_000) }),
    });
    expect(response.status).toBe(413);
  });

  it('a bad settings update names the bad fields and keeps what was stored', async () => {
    const client = await signedIn();
    await client.mutate('staff.settings.update', { timeZone: 'Europe/Stockholm', contactEmail: 'kept@clinic.example' });
    const refused = await client.failure('mutation', 'staff.settings.update', {
      name: 'New name that must not be saved',
      timeZone: 'Mars/Olympus_Mons',
      businessId: '1234567-0',
      contactEmail: 'nope',
    });
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.data.fieldErrors ?? {}).sort()).toEqual(['businessId', 'contactEmail', 'timeZone']);
    const settings = await client.query<{ name: string; timeZone: string; contactEmail: string }>('staff.settings.get');
    expect(settings).toMatchObject({ name: 'Input Clinic', timeZone: 'Europe/Stockholm', contactEmail: 'kept@clinic.example' });
  });

  it('a NUL character, which PostgreSQL cannot store in text or jsonb, is a 400 and stores nothing', async () => {
    const client = await signedIn();
    const cases: [string, unknown][] = [
      ['staff.settings.update', { name: 'Clinic\u0000' }],
      ['staff.clients.create', { firstName: 'Nul\u0000', lastName: 'Byte' }],
      [
        'staff.clients.create',
        { firstName: 'Nul', lastName: 'Byte', address: { street: 'Katu\u00001', postalCode: '00100', city: 'Helsinki' } },
      ],
    ];
    for (const [path, input] of cases) {
      const refused = await client.failure('mutation', path, input);
      expectClean4xx(refused.status, JSON.stringify(refused), path);
      expect(refused).toMatchObject({ status: 400, data: { reason: 'INVALID_INPUT' } });
    }
    const search = await client.failure('query', 'staff.clients.list', { query: 'Nul\u0000' });
    expect(search).toMatchObject({ status: 400, data: { reason: 'INVALID_INPUT' } });
    expect(await client.query('staff.settings.get')).toMatchObject({ name: 'Input Clinic' });
    const tenantId = (await client.query<{ tenant: { tenantId: string } }>('auth.me')).tenant.tenantId;
    expect(await h.owner`select 1 from clients where tenant_id = ${tenantId} and last_name = 'Byte'`).toHaveLength(0);
  });

  it('an unknown procedure or path is a 404', async () => {
    expect((await fetch(`${h.baseUrl}/trpc/staff.nothing.here`)).status).toBe(404);
    expect((await fetch(`${h.baseUrl}/no/such/page`)).status).toBe(404);
  });

  it('a public lookup of an unknown clinic is a 404 without detail', async () => {
    const client = new ApiClient(h.baseUrl);
    const missing = await client.failure('query', 'public.clinicProfile', { slug: 'no-such-clinic-here' });
    expect(missing).toMatchObject({ status: 404, data: { reason: 'NOT_FOUND' } });
    expect(missing.data.stack).toBeUndefined();
    const found = await client.query<{ name: string; slug: string }>('public.clinicProfile', { slug });
    expect(found).toMatchObject({ name: 'Input Clinic', slug });
  });
});
