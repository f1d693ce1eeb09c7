import type { ClientListPage, ClientProfile, ClientRecord } from '@hetki/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/context.js';
import { bookings, resources, services } from '../src/db/schema/index.js';
import { newId } from '../src/lib/uuid.js';
import { type ClientsApi, clientsApi } from './clientsApi.js';
import { type ApiClient, addMember, type Harness, type Me, newClinic, startHarness } from './harness.js';

/**
 * JSON of what was shown or logged, with ids and timestamps blanked: they are random hex and digits
 * and would contain a short search term like '987' by chance, making a "never shown" check flaky.
 */
function shownText(value: unknown): string {
  return JSON.stringify(value)
    .replace(/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/gi, '<id>')
    .replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g, '<time>');
}

let h: Harness;
let tenantId: string;
let owner: { client: ApiClient; me: Me; api: ClientsApi };
let admin: { me: Me; api: ClientsApi };
let reception: { me: Me; api: ClientsApi };
let practitioner: { me: Me; api: ClientsApi };
let other: { me: Me; api: ClientsApi };

type AuditRow = { action: string; entity: string; entity_id: string | null; actor_id: string; details: Record<string, unknown> };

const auditRows = (tenant: string) =>
  h.owner<AuditRow[]>`select action, entity, entity_id, actor_id, details from audit_log where tenant_id = ${tenant} order by seq`;
const lastAudit = async (tenant: string) => (await auditRows(tenant)).at(-1);
const clientCount = async (tenant: string) => {
  const [row] = await h.owner<{ n: number }[]>`select count(*)::int as n from clients where tenant_id = ${tenant}`;
  return row?.n ?? 0;
};

/** A service and a practitioner of the clinic, then bookings for a client: written as the app role, inside the tenant. */
async function seedBookings(tenant: string, clientId: string, list: { start: Date; status: 'confirmed' | 'cancelled' | 'completed' }[]) {
  return withTenant(h.deps.db, tenant, async (tx) => {
    const serviceId = newId();
    const practitionerId = newId();
    await tx
      .insert(services)
      .values({ tenantId: tenant, id: serviceId, name: { fi: 'Hieronta', en: 'Massage' }, durationMinutes: 60, priceCents: 6000 });
    await tx.insert(resources).values({ tenantId: tenant, id: practitionerId, kind: 'practitioner', name: 'Maija Hieroja' });
    const ids: string[] = [];
    for (const booking of list) {
      const id = newId();
      ids.push(id);
      await tx.insert(bookings).values({
        tenantId: tenant,
        id,
        clientId,
        serviceId,
        practitionerId,
        startsAt: booking.start,
        endsAt: new Date(booking.start.getTime() + 3_600_000),
        status: booking.status,
        source: 'staff',
        priceCents: 6000,
        currency: 'EUR',
      });
    }
    return { serviceId, practitionerId, bookingIds: ids };
  });
}

const DAY = 86_400_000;

beforeAll(async () => {
  h = await startHarness();
  const clinic = await newClinic(h.baseUrl, 'Register Clinic');
  tenantId = clinic.me.tenant?.tenantId as string;
  owner = { client: clinic.client, me: clinic.me, api: clientsApi(h, clinic.client) };
  for (const [role, assign] of [
    ['admin', (value: { me: Me; api: ClientsApi }) => (admin = value)],
    ['reception', (value: { me: Me; api: ClientsApi }) => (reception = value)],
    ['practitioner', (value: { me: Me; api: ClientsApi }) => (practitioner = value)],
  ] as const) {
    const member = await addMember(clinic.client, role, h.baseUrl);
    assign({ me: member.me, api: clientsApi(h, member.client) });
  }
  const otherClinic = await newClinic(h.baseUrl, 'Other Clinic');
  other = { me: otherClinic.me, api: clientsApi(h, otherClinic.client) };
});
afterAll(() => h.close());

describe('creating and editing clients', () => {
  it('creates a client with every field, audited by field name only', async () => {
    const created = await reception.api.mutate<ClientRecord>('create', {
      firstName: '  Aino ',
      lastName: 'Aaltonen',
      email: 'Aino.Aaltonen@Example.test',
      phone: '+358 40 111 2222',
      birthDate: '1980-04-02',
      birthYear: 1980,
      gender: 'female',
      language: 'fi',
      address: { street: 'Mannerheimintie 1', postalCode: '00100', city: 'Helsinki' },
    });
    expect(created).toMatchObject({
      firstName: 'Aino',
      lastName: 'Aaltonen',
      email: 'aino.aaltonen@example.test',
      birthDate: '1980-04-02',
      address: { street: 'Mannerheimintie 1', postalCode: '00100', city: 'Helsinki', country: 'FI' },
      guardian: null,
      personalIdentityCode: null,
    });
    const audit = await lastAudit(tenantId);
    expect(audit).toMatchObject({ action: 'create', entity: 'client', entity_id: created.id, actor_id: reception.me.user.id });
    expect([...((audit?.details.fields as string[] | undefined) ?? [])].sort()).toEqual(
      ['address', 'birthDate', 'birthYear', 'email', 'firstName', 'gender', 'language', 'lastName', 'phone'].sort(),
    );
    expect(shownText(audit)).not.toMatch(/Aino|Aaltonen|example\.test|111 2222|1980/);
  });

  it('lets family members share an email address', async () => {
    const email = 'family.korhonen@example.test';
    const parent = await owner.api.mutate<ClientRecord>('create', { firstName: 'Pekka', lastName: 'Korhonen', email });
    const child = await owner.api.mutate<ClientRecord>('create', {
      firstName: 'Pikku',
      lastName: 'Korhonen',
      email,
      birthDate: '2019-06-01',
      guardian: { name: 'Pekka Korhonen', phone: '+358 40 555 0000' },
    });
    expect(child.id).not.toBe(parent.id);
    expect(child.guardian).toEqual({ name: 'Pekka Korhonen', phone: '+358 40 555 0000', email: null });
  });

  it('needs a guardian for a client under 16, on create and on update', async () => {
    const before = await clientCount(tenantId);
    const minor = await owner.api.failure('mutation', 'create', { firstName: 'Lapsi', lastName: 'Nieminen', birthDate: '2015-01-01' });
    expect(minor).toMatchObject({ status: 400, reason: 'GUARDIAN_REQUIRED' });
    const byYear = await owner.api.failure('mutation', 'create', {
      firstName: 'Lapsi',
      lastName: 'Nieminen',
      birthYear: new Date().getUTCFullYear() - 10,
    });
    expect(byYear).toMatchObject({ status: 400, reason: 'GUARDIAN_REQUIRED' });
    expect(await clientCount(tenantId)).toBe(before);

    const adult = await owner.api.mutate<ClientRecord>('create', { firstName: 'Aikuinen', lastName: 'Nieminen', birthDate: '1990-01-01' });
    const update = await owner.api.failure('mutation', 'update', { id: adult.id, birthDate: '2014-05-05' });
    expect(update).toMatchObject({ status: 400, reason: 'GUARDIAN_REQUIRED' });
    const withGuardian = await owner.api.mutate<ClientRecord>('update', {
      id: adult.id,
      birthDate: '2014-05-05',
      birthYear: 2014,
      guardian: { name: 'Huoltaja Nieminen', email: 'huoltaja@example.test' },
    });
    expect(withGuardian).toMatchObject({
      birthDate: '2014-05-05',
      guardian: { name: 'Huoltaja Nieminen', phone: null, email: 'huoltaja@example.test' },
    });
    // The same guardian sent again (in another key order than jsonb keeps) is no change: nothing is written or audited.
    const auditBefore = (await auditRows(tenantId)).length;
    const unchanged = await owner.api.mutate<ClientRecord>('update', {
      id: adult.id,
      guardian: { email: 'huoltaja@example.test', phone: null, name: 'Huoltaja Nieminen' },
    });
    expect(unchanged.updatedAt).toBe(withGuardian.updatedAt);
    expect((await auditRows(tenantId)).length).toBe(auditBefore);
    const removeGuardian = await owner.api.failure('mutation', 'update', { id: adult.id, guardian: null });
    expect(removeGuardian).toMatchObject({ status: 400, reason: 'GUARDIAN_REQUIRED' });
    const noContact = await owner.api.failure('mutation', 'update', { id: adult.id, guardian: { name: 'No Contact' } });
    expect(noContact).toMatchObject({ status: 400, reason: 'INVALID_INPUT' });
  });

  it('refuses a birth date in the future or one that disagrees with the birth year', async () => {
    const future = await owner.api.failure('mutation', 'create', { firstName: 'Tuleva', lastName: 'Henkilö', birthDate: '2999-01-01' });
    expect(future).toMatchObject({ status: 400, reason: 'INVALID_INPUT' });
    const mismatch = await owner.api.failure('mutation', 'create', {
      firstName: 'Väärä',
      lastName: 'Vuosi',
      birthDate: '1970-01-01',
      birthYear: 1971,
    });
    expect(mismatch).toMatchObject({ status: 400, reason: 'INVALID_INPUT' });
    const impossible = await owner.api.failure('mutation', 'create', { firstName: 'Ei', lastName: 'Päivää', birthDate: '1990-02-30' });
    expect(impossible).toMatchObject({ status: 400, reason: 'INVALID_INPUT' });
  });

  it('updates only the fields sent and audits the names of the fields that changed', async () => {
    const client = await owner.api.mutate<ClientRecord>('create', {
      firstName: 'Matti',
      lastName: 'Mäkinen',
      email: 'matti@example.test',
      phone: '+358 50 123 4567',
    });
    const updated = await admin.api.mutate<ClientRecord>('update', {
      id: client.id,
      firstName: 'Matti',
      phone: '+358 50 765 4321',
      language: 'sv',
    });
    expect(updated).toMatchObject({
      firstName: 'Matti',
      lastName: 'Mäkinen',
      email: 'matti@example.test',
      phone: '+358 50 765 4321',
      language: 'sv',
    });
    const audit = await lastAudit(tenantId);
    expect(audit).toMatchObject({ action: 'update', entity: 'client', entity_id: client.id, actor_id: admin.me.user.id });
    expect(audit?.details).toEqual({ fields: ['phone', 'language'] });
    expect(shownText(audit)).not.toContain('765');

    const cleared = await owner.api.mutate<ClientRecord>('update', { id: client.id, email: null });
    expect(cleared.email).toBeNull();

    // Nothing changed: nothing written, nothing audited.
    const rowsBefore = (await auditRows(tenantId)).length;
    await owner.api.mutate<ClientRecord>('update', { id: client.id, lastName: 'Mäkinen' });
    expect((await auditRows(tenantId)).length).toBe(rowsBefore);
  });

  it('refuses invalid, oversized or unknown input with a 400 and stores nothing', async () => {
    const client = await owner.api.mutate<ClientRecord>('create', { firstName: 'Kalle', lastName: 'Koskinen' });
    const before = await clientCount(tenantId);
    const auditBefore = (await auditRows(tenantId)).length;
    for (const input of [
      {},
      { firstName: 'x'.repeat(81), lastName: 'Ok' },
      { firstName: 'Ok', lastName: '' },
      { firstName: 'Ok', lastName: '   ' },
      { firstName: 'Ok', lastName: 'Ok', email: 'not-an-email' },
      { firstName: 'Ok', lastName: 'Ok', phone: 'call me' },
      { firstName: 'Ok', lastName: 'Ok', language: 'de' },
      { firstName: 'Ok', lastName: 'Ok', gender: 'g'.repeat(41) },
      { firstName: 'Ok', lastName: 'Ok', address: { street: 'a', postalCode: '00100', city: 'b', extra: 1 } },
      { firstName: 'Ok', lastName: 'Ok', tenantId: '00000000-0000-0000-0000-000000000000' },
      { firstName: 'Ok', lastName: 'Ok', id: client.id },
      { firstName: 'Ok', lastName: 'Ok', birthYear: 1500 },
    ]) {
      expect(await owner.api.failure('mutation', 'create', input), JSON.stringify(input)).toMatchObject({ status: 400 });
    }
    for (const input of [
      { firstName: 'New' },
      { id: 'not-a-uuid', firstName: 'New' },
      { id: client.id, firstName: 'x'.repeat(81) },
      { id: client.id, createdAt: '2020-01-01T00:00:00Z' },
      { id: client.id, firstName: null },
    ]) {
      expect(await owner.api.failure('mutation', 'update', input), JSON.stringify(input)).toMatchObject({ status: 400 });
    }
    expect(await clientCount(tenantId)).toBe(before);
    expect((await auditRows(tenantId)).length).toBe(auditBefore);
    const [row] = await h.owner<
      { first_name: string }[]
    >`select first_name from clients where tenant_id = ${tenantId} and id = ${client.id}`;
    expect(row?.first_name).toBe('Kalle');
    expect(await owner.api.failure('mutation', 'update', { id: newId(), firstName: 'Ghost' })).toMatchObject({
      status: 404,
      reason: 'NOT_FOUND',
    });
  });
});

describe('searching the register', () => {
  let ids: Record<string, string>;
  let searchTenant: string;
  let api: ClientsApi;

  beforeAll(async () => {
    const clinic = await newClinic(h.baseUrl, 'Search Clinic');
    searchTenant = clinic.me.tenant?.tenantId as string;
    api = clientsApi(h, clinic.client);
    ids = {};
    for (const [key, input] of Object.entries({
      virtanen: { firstName: 'Anna', lastName: 'Virtanen', email: 'anna.v@example.test', phone: '+358 40 123 4567' },
      lahtinen: { firstName: 'Olli', lastName: 'Lahtinen', email: 'olli@posti.example', phone: '040-987 6543' },
      aho: { firstName: 'Anni', lastName: 'Aho', email: null, phone: null },
      ojala: { firstName: 'Sata%', lastName: 'Ojala', email: 'sata@example.test', phone: null },
    })) {
      ids[key] = (await api.mutate<ClientRecord>('create', input)).id;
    }
  });

  const search = async (query?: string, extra: Record<string, unknown> = {}) =>
    (await api.query<ClientListPage>('list', { ...(query === undefined ? {} : { query }), ...extra })).clients.map(
      (client) => client.lastName,
    );

  it('lists everyone sorted by last name', async () => {
    expect(await search()).toEqual(['Aho', 'Lahtinen', 'Ojala', 'Virtanen']);
  });

  it('matches part of a name, email or phone number, in any case', async () => {
    expect(await search('VIRT')).toEqual(['Virtanen']);
    expect(await search('ann')).toEqual(['Aho', 'Virtanen']);
    expect(await search('posti.EXAMPLE')).toEqual(['Lahtinen']);
    expect(await search('987 6543')).toEqual(['Lahtinen']);
    expect(await search('0409876543')).toEqual(['Lahtinen']);
    expect(await search('040 123 45')).toEqual(['Virtanen']);
    expect(await search('+35840123')).toEqual(['Virtanen']);
    expect(await search('anna virtanen')).toEqual(['Virtanen']);
    expect(await search('anni virtanen')).toEqual([]);
    expect(await search('nobody')).toEqual([]);
    expect(await search('   ')).toEqual(['Aho', 'Lahtinen', 'Ojala', 'Virtanen']);
  });

  it('treats LIKE wildcards in the search as plain text', async () => {
    expect(await search('%')).toEqual(['Ojala']);
    expect(await search('_')).toEqual([]);
  });

  it('pages with a cursor', async () => {
    const first = await api.query<ClientListPage>('list', { limit: 3 });
    expect(first.clients.map((client) => client.lastName)).toEqual(['Aho', 'Lahtinen', 'Ojala']);
    expect(first.nextCursor).toBe(ids.ojala);
    const second = await api.query<ClientListPage>('list', { limit: 3, cursor: first.nextCursor });
    expect(second.clients.map((client) => client.lastName)).toEqual(['Virtanen']);
    expect(second.nextCursor).toBeNull();
    expect(await api.failure('query', 'list', { limit: 101 })).toMatchObject({ status: 400 });
    expect(await api.failure('query', 'list', { limit: 0 })).toMatchObject({ status: 400 });
    expect(await api.failure('query', 'list', { query: 'q'.repeat(101) })).toMatchObject({ status: 400 });
    expect(await api.failure('query', 'list', { cursor: newId() })).toMatchObject({ status: 404 });
  });

  it('shows the last and next booking, leaving cancelled ones out', async () => {
    const now = Date.now();
    await seedBookings(searchTenant, ids.virtanen as string, [
      { start: new Date(now - 30 * DAY), status: 'completed' },
      { start: new Date(now - 5 * DAY), status: 'cancelled' },
      { start: new Date(now + 3 * DAY), status: 'confirmed' },
      { start: new Date(now + 1 * DAY), status: 'cancelled' },
      { start: new Date(now + 10 * DAY), status: 'confirmed' },
    ]);
    const page = await api.query<ClientListPage>('list', { query: 'virtanen' });
    expect(page.clients).toEqual([
      {
        id: ids.virtanen,
        firstName: 'Anna',
        lastName: 'Virtanen',
        email: 'anna.v@example.test',
        phone: '+358 40 123 4567',
        lastBookingAt: new Date(now - 30 * DAY).toISOString(),
        nextBookingAt: new Date(now + 3 * DAY).toISOString(),
      },
    ]);
    const aho = await api.query<ClientListPage>('list', { query: 'aho' });
    expect(aho.clients[0]).toMatchObject({ lastBookingAt: null, nextBookingAt: null });
  });

  it('audits each list as a view with the count, never the search text', async () => {
    await api.query<ClientListPage>('list', { query: 'Virtanen' });
    expect(await lastAudit(searchTenant)).toMatchObject({ action: 'view', entity: 'client_list', details: { count: 1, hasQuery: true } });
    const listed = await api.query<ClientListPage>('list', {});
    // Who was shown, by id: a client can be told who saw their details in a list.
    expect((await lastAudit(searchTenant))?.details).toEqual({
      count: 4,
      hasQuery: false,
      clientIds: listed.clients.map((client) => client.id),
    });
    const all = shownText(await auditRows(searchTenant));
    expect(all).not.toMatch(/Virtanen|posti|987/i);
  });

  it('is open to every staff role', async () => {
    for (const member of [admin, reception, practitioner]) {
      expect((await member.api.query<ClientListPage>('list', {})).clients.length).toBeGreaterThan(0);
    }
  });

  it("shows nothing of another clinic's register", async () => {
    const page = await other.api.query<ClientListPage>('list', { query: 'Virtanen' });
    expect(page.clients).toEqual([]);
    expect(await other.api.failure('query', 'list', { cursor: ids.virtanen })).toMatchObject({ status: 404 });
    expect(await other.api.failure('query', 'get', { id: ids.virtanen })).toMatchObject({ status: 404, reason: 'NOT_FOUND' });
  });
});

describe('the client profile', () => {
  it('shows details, bookings with the service name, consents; health data only to practitioners and owners', async () => {
    const client = await reception.api.mutate<ClientRecord>('create', { firstName: 'Eeva', lastName: 'Salo', email: 'eeva@example.test' });
    const seeded = await seedBookings(tenantId, client.id, [
      { start: new Date('2024-01-10T08:00:00Z'), status: 'completed' },
      { start: new Date('2030-01-10T08:00:00Z'), status: 'confirmed' },
    ]);
    await reception.api.mutate('recordConsent', { clientId: client.id, purpose: 'photo_video', granted: true, noticeVersion: '2024-1' });

    for (const member of [reception, admin]) {
      const profile = await member.api.query<ClientProfile>('get', { id: client.id });
      expect(profile).toMatchObject({
        id: client.id,
        firstName: 'Eeva',
        lastName: 'Salo',
        personalIdentityCodeRequired: false,
        clinical: null,
      });
      expect(profile.bookings).toEqual([
        {
          id: seeded.bookingIds[1],
          start: '2030-01-10T08:00:00.000Z',
          end: '2030-01-10T09:00:00.000Z',
          status: 'confirmed',
          service: { id: seeded.serviceId, name: { fi: 'Hieronta', en: 'Massage' } },
          practitioner: { id: seeded.practitionerId, name: 'Maija Hieroja' },
        },
        expect.objectContaining({ id: seeded.bookingIds[0], status: 'completed', start: '2024-01-10T08:00:00.000Z' }),
      ]);
      expect(profile.consents.current).toMatchObject({
        photo_video: { granted: true, source: 'staff_verbal' },
        marketing_email: null,
        marketing_sms: null,
      });
      expect(profile.consents.history).toHaveLength(1);
      expect(await lastAudit(tenantId)).toMatchObject({
        action: 'view',
        entity: 'client',
        entity_id: client.id,
        actor_id: member.me.user.id,
      });
    }
    for (const member of [practitioner, owner]) {
      const profile = await member.api.query<ClientProfile>('get', { id: client.id });
      expect(profile.clinical).toEqual({ healthInfo: null, notes: { notes: [], nextCursor: null } });
      const rows = await auditRows(tenantId);
      expect(rows.slice(-2)).toMatchObject([
        { action: 'view', entity: 'client', entity_id: client.id, actor_id: member.me.user.id },
        { action: 'view', entity: 'health_info', entity_id: client.id, actor_id: member.me.user.id },
      ]);
    }
  });

  it('is NOT_FOUND for an id of another clinic or none at all', async () => {
    const theirs = await other.api.mutate<ClientRecord>('create', { firstName: 'Toinen', lastName: 'Asiakas' });
    expect(await owner.api.failure('query', 'get', { id: theirs.id })).toMatchObject({ status: 404, reason: 'NOT_FOUND' });
    expect(await owner.api.failure('query', 'get', { id: newId() })).toMatchObject({ status: 404, reason: 'NOT_FOUND' });
    expect(await owner.api.failure('query', 'get', { id: 'x' })).toMatchObject({ status: 400 });
  });
});

describe('the consent ledger, recorded by staff', () => {
  it("a contact made from a client who has not said their language gets the clinic's", async () => {
    const clinic = await newClinic(h.baseUrl);
    await clinic.client.mutate('staff.settings.update', { defaultLocale: 'sv' });
    const api = clientsApi(h, clinic.client);
    const email = `svenska-${newId()}@example.test`;
    const client = await api.mutate<ClientRecord>('create', { firstName: 'Sven', lastName: 'Svensson', email });
    await api.mutate('recordConsent', { clientId: client.id, purpose: 'marketing_email', granted: true, noticeVersion: '1' });
    const contacts = await h.owner<{ locale: string }[]>`select locale from marketing_contacts where client_id = ${client.id}`;
    expect(contacts).toEqual([{ locale: 'sv' }]);
  });

  it('a marketing consent staff record reaches the marketing register: a withdrawal stops campaigns, a grant joins', async () => {
    const email = `verbal-${newId()}@example.test`;
    const client = await owner.api.mutate<ClientRecord>('create', { firstName: 'Ville', lastName: 'Verbal', email, phone: '040 123 4567' });
    // Already in the register by a web form, under the same address but not linked to the client.
    await h.owner`insert into marketing_contacts (tenant_id, id, name, email, locale, created_at, updated_at)
      values (${tenantId}, ${newId()}, 'Ville', ${email}, 'fi', now(), now())`;
    const record = (purpose: string, granted: boolean) =>
      reception.api.mutate('recordConsent', { clientId: client.id, purpose, granted, noticeVersion: '2024-1' });
    const register = () =>
      h.owner<{ channel: string; granted: boolean; source: string; linked: boolean }[]>`
        select mc.channel, mc.granted, mc.source, ct.client_id is not null as linked
        from marketing_consents mc join marketing_contacts ct on ct.tenant_id = mc.tenant_id and ct.id = mc.contact_id
        where mc.tenant_id = ${tenantId} and (ct.email = ${email} or ct.client_id = ${client.id}) order by mc.recorded_at, mc.id`;

    await record('marketing_email', true);
    await record('marketing_sms', true);
    await record('photo_video', true);
    expect((await register()).map(({ channel, granted, source }) => [channel, granted, source])).toEqual([
      ['email', true, 'staff_verbal'],
      ['sms', true, 'staff_verbal'],
    ]);
    await record('marketing_email', false);
    const rows = await register();
    expect(rows.at(-1)).toMatchObject({ channel: 'email', granted: false, source: 'staff_verbal' });
    const states = await h.owner<{ granted: boolean }[]>`
      select distinct on (mc.contact_id) mc.granted from marketing_consents mc join marketing_contacts ct on ct.tenant_id = mc.tenant_id and ct.id = mc.contact_id
      where mc.tenant_id = ${tenantId} and (ct.email = ${email} or ct.client_id = ${client.id}) and mc.channel = 'email'
      order by mc.contact_id, mc.recorded_at desc, mc.id desc`;
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((row) => !row.granted)).toBe(true);
  });

  it('appends grants and withdrawals; the current state is the latest row per purpose; history is kept', async () => {
    const client = await owner.api.mutate<ClientRecord>('create', { firstName: 'Liisa', lastName: 'Lindholm' });
    type Consents = ClientProfile['consents'];
    const granted = await reception.api.mutate<Consents>('recordConsent', {
      clientId: client.id,
      purpose: 'marketing_email',
      granted: true,
      noticeVersion: '2024-1',
    });
    expect(granted.current.marketing_email).toMatchObject({ granted: true, source: 'staff_verbal' });
    await reception.api.mutate('recordConsent', { clientId: client.id, purpose: 'marketing_sms', granted: true, noticeVersion: '2024-1' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const withdrawn = await practitioner.api.mutate<Consents>('recordConsent', {
      clientId: client.id,
      purpose: 'marketing_email',
      granted: false,
      noticeVersion: '2024-2',
    });
    expect(withdrawn.current).toMatchObject({
      marketing_email: { granted: false, source: 'staff_verbal' },
      marketing_sms: { granted: true },
      photo_video: null,
    });
    expect(withdrawn.history.map((entry) => [entry.purpose, entry.granted, entry.noticeVersion])).toEqual([
      ['marketing_email', false, '2024-2'],
      ['marketing_sms', true, '2024-1'],
      ['marketing_email', true, '2024-1'],
    ]);
    expect(withdrawn.history[0]).toMatchObject({ staffActorId: practitioner.me.user.id, fromIp: false, source: 'staff_verbal' });

    const rows = await h.owner<
      { purpose: string; granted: boolean; source: string; staff_actor_id: string; ip: string | null; notice_version: string }[]
    >`
      select purpose, granted, source, staff_actor_id, ip, notice_version from consents where tenant_id = ${tenantId} and client_id = ${client.id}
      order by recorded_at`;
    expect(rows).toEqual([
      {
        purpose: 'marketing_email',
        granted: true,
        source: 'staff_verbal',
        staff_actor_id: reception.me.user.id,
        ip: null,
        notice_version: '2024-1',
      },
      {
        purpose: 'marketing_sms',
        granted: true,
        source: 'staff_verbal',
        staff_actor_id: reception.me.user.id,
        ip: null,
        notice_version: '2024-1',
      },
      {
        purpose: 'marketing_email',
        granted: false,
        source: 'staff_verbal',
        staff_actor_id: practitioner.me.user.id,
        ip: null,
        notice_version: '2024-2',
      },
    ]);
    expect(await lastAudit(tenantId)).toMatchObject({
      action: 'withdraw',
      entity: 'client_consent',
      entity_id: client.id,
      details: { purpose: 'marketing_email', source: 'staff_verbal' },
    });
  });

  it('refuses unknown purposes, missing or oversized notice versions, and other clinics’ clients', async () => {
    const client = await owner.api.mutate<ClientRecord>('create', { firstName: 'Ville', lastName: 'Valo' });
    for (const input of [
      { clientId: client.id, purpose: 'profiling', granted: true, noticeVersion: '1' },
      { clientId: client.id, purpose: 'marketing_email', granted: 'yes', noticeVersion: '1' },
      { clientId: client.id, purpose: 'marketing_email', granted: true },
      { clientId: client.id, purpose: 'marketing_email', granted: true, noticeVersion: 'v'.repeat(41) },
      { clientId: client.id, purpose: 'marketing_email', granted: true, noticeVersion: '1', source: 'widget' },
    ]) {
      expect(await owner.api.failure('mutation', 'recordConsent', input), JSON.stringify(input)).toMatchObject({ status: 400 });
    }
    expect(
      await other.api.failure('mutation', 'recordConsent', {
        clientId: client.id,
        purpose: 'marketing_email',
        granted: true,
        noticeVersion: '1',
      }),
    ).toMatchObject({ status: 404 });
    const [row] = await h.owner<{ n: number }[]>`select count(*)::int as n from consents where client_id = ${client.id}`;
    expect(row?.n).toBe(0);
  });
});

describe('personal identity codes', () => {
  it('are refused unless the clinic keeps them', async () => {
    const refused = await owner.api.failure('mutation', 'create', {
      firstName: 'Hetu',
      lastName: 'Ei',
      personalIdentityCode: '131052-308T',
    });
    expect(refused).toMatchObject({ status: 400, reason: 'IDENTITY_CODE_NOT_KEPT' });
  });

  it('once a clinic stops keeping them, a code sent is refused even when it is the stored one: no answer tells a guess', async () => {
    const clinic = await newClinic(h.baseUrl, 'Stopped Codes');
    const api = clientsApi(h, clinic.client);
    await clinic.client.mutate('staff.settings.update', { preferences: { requirePersonalIdentityCode: true } });
    const client = await api.mutate<ClientRecord>('create', {
      firstName: 'Vanha',
      lastName: 'Tunnus',
      personalIdentityCode: '131052-308T',
    });
    // The mask keeps no check character, which would narrow the hidden number to a few dozen.
    expect(client.personalIdentityCode).toBe('131052-****');
    await clinic.client.mutate('staff.settings.update', { preferences: { requirePersonalIdentityCode: false } });
    const reception = clientsApi(h, (await addMember(clinic.client, 'reception', h.baseUrl)).client);
    for (const guess of ['131052-308T', '131052-309U']) {
      expect(await reception.failure('mutation', 'update', { id: client.id, personalIdentityCode: guess }), guess).toMatchObject({
        status: 400,
        reason: 'IDENTITY_CODE_NOT_KEPT',
      });
    }
  });

  it('are validated, stored encrypted, masked in the profile, absent from lists, and revealed to owners only with an audit row', async () => {
    const clinic = await newClinic(h.baseUrl, 'Code Clinic');
    const codeTenant = clinic.me.tenant?.tenantId as string;
    const api = clientsApi(h, clinic.client);
    await clinic.client.mutate('staff.settings.update', { preferences: { requirePersonalIdentityCode: true } });
    const adminOfClinic = await addMember(clinic.client, 'admin', h.baseUrl);
    const adminApi = clientsApi(h, adminOfClinic.client);

    const bad = await api.failure('mutation', 'create', { firstName: 'Väärä', lastName: 'Tunnus', personalIdentityCode: '131052-308U' });
    expect(bad).toMatchObject({ status: 400, reason: 'INVALID_INPUT' });
    expect(bad.fieldErrors?.personalIdentityCode).toBeDefined();
    const mismatch = await api.failure('mutation', 'create', {
      firstName: 'Väärä',
      lastName: 'Päivä',
      birthDate: '1952-10-14',
      personalIdentityCode: '131052-308T',
    });
    expect(mismatch).toMatchObject({ status: 400, reason: 'INVALID_INPUT' });
    expect(await clientCount(codeTenant)).toBe(0);

    const created = await api.mutate<ClientRecord>('create', {
      firstName: 'Oikea',
      lastName: 'Tunnus',
      personalIdentityCode: '131052-308t',
    });
    expect(created.personalIdentityCode).toBe('131052-****');
    expect((await lastAudit(codeTenant))?.details.fields).toContain('personalIdentityCode');

    const [raw] = await h.owner<{ personal_identity_code: string }[]>`
      select personal_identity_code from clients where tenant_id = ${codeTenant} and id = ${created.id}`;
    expect(raw?.personal_identity_code).toMatch(/^v1\./);
    expect(raw?.personal_identity_code).not.toContain('131052');
    expect(raw?.personal_identity_code).not.toContain('131052-308T');

    const list = await api.query<ClientListPage>('list', {});
    expect(shownText(list)).not.toMatch(/131052|308T|\*\*\*/);
    expect(list.clients[0]).not.toHaveProperty('personalIdentityCode');

    const profile = await adminApi.query<ClientProfile>('get', { id: created.id });
    expect(profile.personalIdentityCode).toBe('131052-****');
    expect(profile.personalIdentityCodeRequired).toBe(true);
    expect(shownText(profile)).not.toContain('308');

    expect(await adminApi.failure('query', 'revealIdentityCode', { id: created.id })).toMatchObject({
      status: 403,
      reason: 'ROLE_FORBIDDEN',
    });
    const revealed = await api.query<{ personalIdentityCode: string }>('revealIdentityCode', { id: created.id });
    expect(revealed).toEqual({ personalIdentityCode: '131052-308T' });
    expect(await lastAudit(codeTenant)).toMatchObject({
      action: 'view',
      entity: 'personal_identity_code',
      entity_id: created.id,
      actor_id: clinic.me.user.id,
      details: { present: true },
    });
    expect(shownText(await auditRows(codeTenant))).not.toContain('308');

    // Changing and clearing the code.
    const changed = await api.mutate<ClientRecord>('update', { id: created.id, personalIdentityCode: '311280-888Y' });
    expect(changed.personalIdentityCode).toBe('311280-****');
    expect(await lastAudit(codeTenant)).toMatchObject({ action: 'update', details: { fields: ['personalIdentityCode'] } });
    const cleared = await api.mutate<ClientRecord>('update', { id: created.id, personalIdentityCode: null });
    expect(cleared.personalIdentityCode).toBeNull();
    expect(await api.query('revealIdentityCode', { id: created.id })).toEqual({ personalIdentityCode: null });

    // A ciphertext copied onto another client's row does not open there.
    const second = await api.mutate<ClientRecord>('create', {
      firstName: 'Toinen',
      lastName: 'Tunnus',
      personalIdentityCode: '010594Y9021',
    });
    await h.owner`update clients set personal_identity_code = (select personal_identity_code from clients where id = ${second.id})
      where tenant_id = ${codeTenant} and id = ${created.id}`;
    expect(await api.failure('query', 'revealIdentityCode', { id: created.id })).toMatchObject({ status: 500 });
  });
});
