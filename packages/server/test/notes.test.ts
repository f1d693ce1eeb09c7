import type { ClientHealthInfo, ClientProfile, ClientRecord, VisitNote, VisitNotePage } from '@hetki/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/context.js';
import { bookings, resources, services } from '../src/db/schema/index.js';
import { newId } from '../src/lib/uuid.js';
import { masterKeyRing, openField, sealField, TenantCipher, tenantDataKey } from '../src/services/keys/tenantKeys.js';
import { type ClientsApi, clientsApi } from './clientsApi.js';
import { addMember, type Harness, type Me, newClinic, startHarness } from './harness.js';

let h: Harness;
let tenantId: string;
let otherTenantId: string;
let owner: { me: Me; api: ClientsApi };
let practitioner: { me: Me; api: ClientsApi };
let practitioner2: { me: Me; api: ClientsApi };
let reception: { me: Me; api: ClientsApi };
let admin: { me: Me; api: ClientsApi };
let other: { me: Me; api: ClientsApi };
let clientId: string;

const SECRET = 'Lannerangan välilevyn pullistuma, kipu 7/10; ei tulehduskipulääkkeitä (astma).';
const HEALTH = 'Penisilliiniallergia. Sydämentahdistin: ei sähköhoitoja.';

const ring = () => masterKeyRing(h.deps.env.MASTER_KEY);

type AuditRow = { action: string; entity: string; entity_id: string | null; actor_id: string; details: Record<string, unknown> };
const auditRows = (tenant: string) =>
  h.owner<AuditRow[]>`select action, entity, entity_id, actor_id, details from audit_log where tenant_id = ${tenant} order by seq`;
const count = async (table: 'visit_notes' | 'client_health_info', tenant: string) => {
  const [row] = await h.owner.unsafe<{ n: number }[]>(`select count(*)::int as n from ${table} where tenant_id = $1`, [tenant]);
  return row?.n ?? 0;
};

beforeAll(async () => {
  h = await startHarness();
  const clinic = await newClinic(h.baseUrl, 'Notes Clinic');
  tenantId = clinic.me.tenant?.tenantId as string;
  owner = { me: clinic.me, api: clientsApi(h, clinic.client) };
  const member = async (role: string) => {
    const added = await addMember(clinic.client, role, h.baseUrl);
    return { me: added.me, api: clientsApi(h, added.client) };
  };
  practitioner = await member('practitioner');
  practitioner2 = await member('practitioner');
  reception = await member('reception');
  admin = await member('admin');
  const otherClinic = await newClinic(h.baseUrl, 'Other Notes Clinic');
  otherTenantId = otherClinic.me.tenant?.tenantId as string;
  other = { me: otherClinic.me, api: clientsApi(h, otherClinic.client) };
  clientId = (await reception.api.mutate<ClientRecord>('create', { firstName: 'Potilas', lastName: 'Esimerkki' })).id;
});
afterAll(() => h.close());

async function seedBooking(tenant: string, client: string): Promise<string> {
  return withTenant(h.deps.db, tenant, async (tx) => {
    const serviceId = newId();
    const practitionerId = newId();
    const id = newId();
    await tx
      .insert(services)
      .values({ tenantId: tenant, id: serviceId, name: { fi: 'Fysioterapia' }, durationMinutes: 45, priceCents: 7000 });
    await tx.insert(resources).values({ tenantId: tenant, id: practitionerId, kind: 'practitioner', name: 'Fysio' });
    await tx.insert(bookings).values({
      tenantId: tenant,
      id,
      clientId: client,
      serviceId,
      practitionerId,
      startsAt: new Date('2025-03-03T10:00:00Z'),
      endsAt: new Date('2025-03-03T10:45:00Z'),
      status: 'completed',
      source: 'staff',
      priceCents: 7000,
      currency: 'EUR',
    });
    return id;
  });
}

describe('visit notes', () => {
  it('are stored encrypted: the body column never holds the plaintext', async () => {
    const bookingId = await seedBooking(tenantId, clientId);
    const note = await practitioner.api.mutate<VisitNote>('notes.create', { clientId, bookingId, body: SECRET });
    expect(note).toMatchObject({
      clientId,
      bookingId,
      body: SECRET,
      author: { id: practitioner.me.user.id, name: 'practitioner person' },
      editable: true,
    });

    const [raw] = await h.owner<{ body: string }[]>`select body from visit_notes where tenant_id = ${tenantId} and id = ${note.id}`;
    expect(raw?.body).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(raw?.body).not.toContain('välilevyn');
    expect(raw?.body).not.toContain('astma');
    expect(Buffer.from(raw?.body.split('.')[3] ?? '', 'base64url').toString('utf8')).not.toContain('astma');

    const [key] = await h.owner<
      { wrapped_key: string; version: string }[]
    >`select wrapped_key, version from tenant_keys where tenant_id = ${tenantId}`;
    expect(key?.version).toBe('v1');

    const audit = (await auditRows(tenantId)).at(-1);
    expect(audit).toMatchObject({
      action: 'create',
      entity: 'visit_note',
      entity_id: note.id,
      actor_id: practitioner.me.user.id,
      details: { clientId, bookingId },
    });
    expect(JSON.stringify(await auditRows(tenantId))).not.toMatch(/välilevy|astma/);
  });

  it("open only under this clinic's key, for this column and this row", async () => {
    const note = await practitioner.api.mutate<VisitNote>('notes.create', { clientId, body: SECRET });
    const [raw] = await h.owner<{ body: string }[]>`select body from visit_notes where tenant_id = ${tenantId} and id = ${note.id}`;
    const sealed = raw?.body as string;
    const ownKey = await withTenant(h.deps.db, tenantId, (tx) => tenantDataKey(tx, ring(), tenantId));
    expect(openField(ownKey, 'visit_note.body', note.id, sealed)).toBe(SECRET);

    // Another clinic's key, even with this clinic's id in the authenticated data, does not open it.
    const otherKey = await withTenant(h.deps.db, otherTenantId, (tx) => tenantDataKey(tx, ring(), otherTenantId));
    expect(otherKey.key.equals(ownKey.key)).toBe(false);
    expect(() => openField(otherKey, 'visit_note.body', note.id, sealed)).toThrow();
    expect(() => openField({ ...otherKey, tenantId }, 'visit_note.body', note.id, sealed)).toThrow();
    // Nor does this clinic's key for another column, another row, or a tampered ciphertext.
    expect(() => openField(ownKey, 'health_info.body', note.id, sealed)).toThrow();
    expect(() => openField(ownKey, 'visit_note.body', newId(), sealed)).toThrow();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3] as string, 'base64url');
    body[0] = (body[0] as number) ^ 1;
    expect(() =>
      openField(ownKey, 'visit_note.body', note.id, [parts[0], parts[1], parts[2], body.toString('base64url')].join('.')),
    ).toThrow();

    // A wrapped key copied to another clinic's row does not unwrap there, nor under another master key.
    const [wrapped] = await h.owner<{ wrapped_key: string }[]>`select wrapped_key from tenant_keys where tenant_id = ${tenantId}`;
    expect(() => ring().unwrap(otherTenantId, 'v1', wrapped?.wrapped_key as string)).toThrow();
    expect(() =>
      masterKeyRing('another-master-key-of-at-least-32-characters').unwrap(tenantId, 'v1', wrapped?.wrapped_key as string),
    ).toThrow();
    expect(wrapped?.wrapped_key).not.toContain(ownKey.key.toString('base64url'));

    // A note body moved onto another clinic's note row cannot be read there.
    const theirClient = (await other.api.mutate<ClientRecord>('create', { firstName: 'Toinen', lastName: 'Potilas' })).id;
    const theirs = await other.api.mutate<VisitNote>('notes.create', { clientId: theirClient, body: 'their own note' });
    await h.owner`update visit_notes set body = ${sealed} where tenant_id = ${otherTenantId} and id = ${theirs.id}`;
    expect(await other.api.failure('query', 'notes.list', { clientId: theirClient })).toMatchObject({ status: 500 });
  });

  it('a booking id must be one of this client’s bookings', async () => {
    const secondClient = (await owner.api.mutate<ClientRecord>('create', { firstName: 'Toinen', lastName: 'Asiakas' })).id;
    const theirBooking = await seedBooking(tenantId, secondClient);
    const before = await count('visit_notes', tenantId);
    expect(await practitioner.api.failure('mutation', 'notes.create', { clientId, bookingId: theirBooking, body: 'x' })).toMatchObject({
      status: 404,
      reason: 'NOT_FOUND',
    });
    expect(await practitioner.api.failure('mutation', 'notes.create', { clientId, bookingId: newId(), body: 'x' })).toMatchObject({
      status: 404,
    });
    expect(await practitioner.api.failure('mutation', 'notes.create', { clientId: newId(), body: 'x' })).toMatchObject({ status: 404 });
    const otherClient = (await other.api.mutate<ClientRecord>('create', { firstName: 'Vieras', lastName: 'Asiakas' })).id;
    const otherBooking = await seedBooking(otherTenantId, otherClient);
    expect(await practitioner.api.failure('mutation', 'notes.create', { clientId, bookingId: otherBooking, body: 'x' })).toMatchObject({
      status: 404,
    });
    expect(await other.api.failure('mutation', 'notes.create', { clientId, bookingId: otherBooking, body: 'x' })).toMatchObject({
      status: 404,
    });
    expect(await count('visit_notes', tenantId)).toBe(before);
  });

  it('are listed decrypted, newest first, in pages, with a view audit row per note shown', async () => {
    const fresh = (await owner.api.mutate<ClientRecord>('create', { firstName: 'Listattava', lastName: 'Potilas' })).id;
    const bodies = ['eka käynti', 'toka käynti', 'kolmas käynti'];
    const created: VisitNote[] = [];
    for (const body of bodies) created.push(await practitioner.api.mutate<VisitNote>('notes.create', { clientId: fresh, body }));
    const firstPage = await owner.api.query<VisitNotePage>('notes.list', { clientId: fresh, limit: 2 });
    expect(firstPage.notes.map((note) => note.body)).toEqual(['kolmas käynti', 'toka käynti']);
    expect(firstPage.notes.every((note) => note.editable === false)).toBe(true);
    expect(firstPage.nextCursor).toBe(created[1]?.id);
    const views = (await auditRows(tenantId)).slice(-2);
    expect(views).toEqual([
      { action: 'view', entity: 'visit_note', entity_id: created[2]?.id, actor_id: owner.me.user.id, details: { clientId: fresh } },
      { action: 'view', entity: 'visit_note', entity_id: created[1]?.id, actor_id: owner.me.user.id, details: { clientId: fresh } },
    ]);
    const secondPage = await practitioner.api.query<VisitNotePage>('notes.list', {
      clientId: fresh,
      limit: 2,
      cursor: firstPage.nextCursor,
    });
    expect(secondPage.notes.map((note) => [note.body, note.editable])).toEqual([['eka käynti', true]]);
    expect(secondPage.nextCursor).toBeNull();

    const profile = await practitioner.api.query<ClientProfile>('get', { id: fresh });
    expect(profile.clinical?.notes.notes.map((note) => note.body)).toEqual(['kolmas käynti', 'toka käynti', 'eka käynti']);
    const rows = (await auditRows(tenantId)).slice(-5);
    expect(rows.map((row) => `${row.action}:${row.entity}:${row.entity_id}`)).toEqual([
      `view:client:${fresh}`,
      `view:health_info:${fresh}`,
      ...[...created].reverse().map((note) => `view:visit_note:${note.id}`),
    ]);
  });

  it('can be edited by their author only', async () => {
    const note = await practitioner.api.mutate<VisitNote>('notes.create', { clientId, body: 'alkuperäinen' });
    for (const stranger of [practitioner2, owner]) {
      expect(await stranger.api.failure('mutation', 'notes.update', { id: note.id, body: 'muutettu' })).toMatchObject({
        status: 403,
        reason: 'NOT_AUTHOR',
      });
    }
    const edited = await practitioner.api.mutate<VisitNote>('notes.update', { id: note.id, body: 'korjattu' });
    expect(edited).toMatchObject({ id: note.id, body: 'korjattu', editable: true });
    expect(await (await auditRows(tenantId)).at(-1)).toMatchObject({
      action: 'update',
      entity: 'visit_note',
      entity_id: note.id,
      actor_id: practitioner.me.user.id,
      details: { clientId, fields: ['body'], revision: 1 },
    });
    const [raw] = await h.owner<{ body: string }[]>`select body from visit_notes where id = ${note.id}`;
    expect(raw?.body).not.toContain('korjattu');
    // The corrected text is kept: the record shows what was first written.
    await practitioner.api.mutate('notes.update', { id: note.id, body: 'korjattu uudelleen' });
    const revisions = await owner.api.query<{ revision: number; body: string }[]>('notes.revisions', { id: note.id });
    expect(revisions.map(({ revision, body }) => ({ revision, body }))).toEqual([
      { revision: 1, body: 'alkuperäinen' },
      { revision: 2, body: 'korjattu' },
    ]);
    const [storedRevision] = await h.owner<
      { body: string }[]
    >`select body from visit_note_revisions where note_id = ${note.id} and revision = 1`;
    expect(storedRevision?.body).not.toContain('alkuper');
    expect(await practitioner.api.failure('mutation', 'notes.update', { id: newId(), body: 'x' })).toMatchObject({ status: 404 });
  });

  it('refuse an empty or oversized body and store nothing', async () => {
    const before = await count('visit_notes', tenantId);
    for (const body of ['', '   ', 'x'.repeat(20_001)]) {
      expect(await practitioner.api.failure('mutation', 'notes.create', { clientId, body })).toMatchObject({ status: 400 });
    }
    expect(await practitioner.api.failure('mutation', 'notes.create', { clientId, body: 'ok', authorId: owner.me.user.id })).toMatchObject({
      status: 400,
    });
    expect(await count('visit_notes', tenantId)).toBe(before);
    const longest = await practitioner.api.mutate<VisitNote>('notes.create', { clientId, body: 'ä'.repeat(20_000) });
    expect(longest.body).toHaveLength(20_000);
  });
});

describe('health information', () => {
  it('is written, replaced and read back; encrypted at rest; every read and write audited', async () => {
    expect(await practitioner.api.query('health.get', { clientId })).toBeNull();
    expect((await auditRows(tenantId)).at(-1)).toMatchObject({
      action: 'view',
      entity: 'health_info',
      entity_id: clientId,
      details: { present: false },
    });

    const written = await practitioner.api.mutate<ClientHealthInfo>('health.put', { clientId, body: HEALTH });
    expect(written).toMatchObject({ clientId, body: HEALTH, updatedBy: { id: practitioner.me.user.id, name: 'practitioner person' } });
    expect((await auditRows(tenantId)).at(-1)).toMatchObject({ action: 'create', entity: 'health_info', entity_id: clientId });

    const [raw] = await h.owner<
      { body: string }[]
    >`select body from client_health_info where tenant_id = ${tenantId} and client_id = ${clientId}`;
    expect(raw?.body).toMatch(/^v1\./);
    expect(raw?.body).not.toMatch(/allergia|Sydämen/);

    await owner.api.mutate('health.put', { clientId, body: `${HEALTH} Päivitetty.` });
    expect((await auditRows(tenantId)).at(-1)).toMatchObject({
      action: 'update',
      entity: 'health_info',
      entity_id: clientId,
      actor_id: owner.me.user.id,
    });
    const read = await practitioner.api.query<ClientHealthInfo>('health.get', { clientId });
    expect(read).toMatchObject({ body: `${HEALTH} Päivitetty.`, updatedBy: { id: owner.me.user.id } });
    expect((await auditRows(tenantId)).at(-1)).toMatchObject({
      action: 'view',
      entity: 'health_info',
      actor_id: practitioner.me.user.id,
      details: { present: true },
    });
    expect(await count('client_health_info', tenantId)).toBe(1);
    expect(JSON.stringify(await auditRows(tenantId))).not.toMatch(/allergia|Sydämen/);

    const profile = await owner.api.query<ClientProfile>('get', { id: clientId });
    expect(profile.clinical?.healthInfo?.body).toBe(`${HEALTH} Päivitetty.`);
  });

  it('keeps every text it replaced, sealed as it was; the revisions are read by clinical roles only, audited', async () => {
    const client = await owner.api.mutate<ClientRecord>('create', { firstName: 'Reija', lastName: 'Revisio' });
    await practitioner.api.mutate('health.put', { clientId: client.id, body: 'Ensimmäinen: allergia.' });
    await owner.api.mutate('health.put', { clientId: client.id, body: 'Toinen: allergia ja astma.' });
    await practitioner.api.mutate('health.put', { clientId: client.id, body: '' });
    expect((await auditRows(tenantId)).at(-1)).toMatchObject({ action: 'update', details: { cleared: true, revision: 2 } });

    type Revision = { revision: number; body: string; author: { id: string }; writtenAt: string; replacedAt: string };
    const revisions = await practitioner2.api.query<Revision[]>('health.revisions', { clientId: client.id });
    expect(revisions.map(({ revision, body, author }) => ({ revision, body, author: author.id }))).toEqual([
      { revision: 1, body: 'Ensimmäinen: allergia.', author: practitioner.me.user.id },
      { revision: 2, body: 'Toinen: allergia ja astma.', author: owner.me.user.id },
    ]);
    expect((await auditRows(tenantId)).at(-1)).toMatchObject({
      action: 'view',
      entity: 'health_info_revisions',
      entity_id: client.id,
      actor_id: practitioner2.me.user.id,
      details: { count: 2 },
    });
    const raw = await h.owner<{ body: string }[]>`
      select body from client_health_info_revisions where tenant_id = ${tenantId} and client_id = ${client.id}`;
    expect(raw).toHaveLength(2);
    for (const row of raw) expect(row.body).toMatch(/^v1\./);
    expect(JSON.stringify(raw)).not.toMatch(/allergia/);

    for (const member of [reception, admin]) {
      expect(await member.api.failure('query', 'health.revisions', { clientId: client.id })).toMatchObject({ status: 403 });
    }
    expect(await other.api.failure('query', 'health.revisions', { clientId: client.id })).toMatchObject({ status: 404 });
    // Append-only for the app: no change or removal of what was kept.
    await expect(
      withTenant(h.deps.db, tenantId, (tx) => tx.execute(sql`delete from client_health_info_revisions where client_id = ${client.id}`)),
    ).rejects.toMatchObject({ cause: { code: '42501' } });
  });

  it('refuses an oversized body and other clinics’ clients', async () => {
    expect(await practitioner.api.failure('mutation', 'health.put', { clientId, body: 'x'.repeat(20_001) })).toMatchObject({ status: 400 });
    expect(await other.api.failure('mutation', 'health.put', { clientId, body: 'x' })).toMatchObject({ status: 404 });
    expect(await other.api.failure('query', 'health.get', { clientId })).toMatchObject({ status: 404 });
    expect(await count('client_health_info', otherTenantId)).toBe(0);
  });
});

describe('reception and admin', () => {
  it('get FORBIDDEN for every notes and health procedure, and a profile without them', async () => {
    const note = await practitioner.api.mutate<VisitNote>('notes.create', { clientId, body: SECRET });
    const before = { notes: await count('visit_notes', tenantId), audit: (await auditRows(tenantId)).length };
    for (const member of [reception, admin]) {
      const attempts: ['query' | 'mutation', string, unknown][] = [
        ['query', 'notes.list', { clientId }],
        ['mutation', 'notes.create', { clientId, body: 'reception note' }],
        ['mutation', 'notes.update', { id: note.id, body: 'changed by reception' }],
        ['query', 'notes.revisions', { id: note.id }],
        ['query', 'health.get', { clientId }],
        ['mutation', 'health.put', { clientId, body: 'changed by reception' }],
      ];
      for (const [type, path, input] of attempts) {
        const refused = await member.api.failure(type, path, input);
        expect(refused, `${path}`).toMatchObject({ status: 403, reason: 'ROLE_FORBIDDEN' });
        expect(JSON.stringify(refused)).not.toContain('välilevy');
      }
      const profile = await member.api.query<ClientProfile>('get', { id: clientId });
      expect(profile.clinical).toBeNull();
      expect(JSON.stringify(profile)).not.toMatch(/välilevy|allergia/);
    }
    expect(await count('visit_notes', tenantId)).toBe(before.notes);
    const newRows = (await auditRows(tenantId)).slice(before.audit);
    expect(newRows.map((row) => `${row.action}:${row.entity}`)).toEqual(['view:client', 'view:client']);
  });
});

describe('tenant data keys', () => {
  it('are created once even when two transactions ask for the first key at the same moment', async () => {
    const fresh = await newClinic(h.baseUrl, 'Race Clinic');
    const freshId = fresh.me.tenant?.tenantId as string;
    let release: () => void = () => {};
    const bothAsked = new Promise<void>((resolve) => {
      release = resolve;
    });
    let asked = 0;
    const first = (delayMs: number) =>
      withTenant(h.deps.db, freshId, async (tx) => {
        const key = tenantDataKey(tx, ring(), freshId);
        asked += 1;
        if (asked === 2) release();
        await bothAsked;
        const resolved = await key;
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        return resolved;
      });
    const [a, b] = await Promise.all([first(50), first(0)]);
    expect(a.key.equals(b.key)).toBe(true);
    const rows = await h.owner<{ version: string }[]>`select version from tenant_keys where tenant_id = ${freshId}`;
    expect(rows).toEqual([{ version: 'v1' }]);
  });

  it('roll back with the transaction that created them', async () => {
    const fresh = await newClinic(h.baseUrl, 'Rollback Clinic');
    const freshId = fresh.me.tenant?.tenantId as string;
    await expect(
      withTenant(h.deps.db, freshId, async (tx) => {
        await new TenantCipher(tx, ring(), freshId).seal('visit_note.body', newId(), 'x');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await h.owner`select 1 from tenant_keys where tenant_id = ${freshId}`).toHaveLength(0);
  });

  it('cannot be changed or deleted by the app role, nor read across clinics', async () => {
    for (const statement of [
      sql`update tenant_keys set wrapped_key = 'x' where tenant_id = ${tenantId}`,
      sql`delete from tenant_keys where tenant_id = ${tenantId}`,
    ]) {
      await expect(withTenant(h.deps.db, tenantId, (tx) => tx.execute(statement))).rejects.toMatchObject({ cause: { code: '42501' } });
    }
    const seen = await withTenant(h.deps.db, otherTenantId, (tx) => tx.execute(sql`select tenant_id from tenant_keys`));
    expect(seen.map((row) => row.tenant_id)).toEqual([otherTenantId]);
    const notes = await withTenant(h.deps.db, otherTenantId, (tx) =>
      tx.execute(sql`select id from visit_notes where tenant_id = ${tenantId}`),
    );
    expect(notes).toHaveLength(0);
  });

  it('seal a value differently every time', async () => {
    const key = await withTenant(h.deps.db, tenantId, (tx) => tenantDataKey(tx, ring(), tenantId));
    const recordId = newId();
    const one = sealField(key, 'health_info.body', recordId, 'sama');
    const two = sealField(key, 'health_info.body', recordId, 'sama');
    expect(one).not.toBe(two);
    expect(openField(key, 'health_info.body', recordId, two)).toBe('sama');
  });
});
