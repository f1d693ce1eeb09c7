import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { APP_ROLE, connect, urlForRole } from '../src/db/connections.js';
import { withTenant } from '../src/db/context.js';
import { newId } from '../src/lib/uuid.js';
import { heldRange, holdResources, releaseBookingResources } from '../src/services/booking/allocations.js';
import { type BookingClinic, bookingClinic, bookingRequest, helsinkiDate, type Slot } from './bookingFixture.js';
import { ApiClient, type Harness, startHarness } from './harness.js';
import { TEST_ROLE_PASSWORDS } from './testEnv.js';

let h: Harness;
let visitor: ApiClient;
beforeAll(async () => {
  h = await startHarness();
  visitor = new ApiClient(h.baseUrl);
});
afterAll(() => h.close());

type Created = { booking: { id: string; start: string; end: string; status: string; practitioner: { id: string } }; manageToken: string };

async function slotsOn(clinic: BookingClinic, date: string, serviceId = clinic.serviceId): Promise<Slot[]> {
  const result = await visitor.query<{ slots: Slot[] }>('public.booking.availability', {
    slug: clinic.slug,
    serviceId,
    from: date,
    to: date,
  });
  return result.slots;
}

async function bookingCount(tenantId: string): Promise<number> {
  const [row] = await h.owner<{ n: number }[]>`select count(*)::int as n from bookings where tenant_id = ${tenantId}`;
  return row?.n ?? 0;
}

describe('public booking', () => {
  it('offers the working day in the clinic’s zone, and a booked slot (with its buffer) disappears', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    const date = helsinkiDate(3);
    const before = await slotsOn(clinic, date);
    // 08:00–16:00 local, 60-minute service, 15-minute step: 08:00 … 15:00 is 29 starts.
    expect(before).toHaveLength(29);
    const ten = before.find(
      (slot) =>
        new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', hour: '2-digit', minute: '2-digit' }).format(
          new Date(slot.start),
        ) === '10:00',
    );
    expect(ten).toBeDefined();
    const created = await visitor.mutate<Created>('public.booking.book', bookingRequest(clinic, ten?.start as string));
    expect(created.booking).toMatchObject({ status: 'confirmed', start: ten?.start });
    expect(created.manageToken.length).toBeGreaterThanOrEqual(40);

    const after = (await slotsOn(clinic, date)).map((slot) => slot.start);
    const tenMs = Date.parse(ten?.start as string);
    // The booking holds 10:00–11:15 (15-minute buffer after). A new start S holds [S, S + 75 min), so
    // 09:00 … 11:00 are gone, while 08:45 (holds until 10:00) and 11:15 remain.
    for (let offset = -60; offset <= 60; offset += 15) expect(after).not.toContain(new Date(tenMs + offset * 60_000).toISOString());
    expect(after).toContain(new Date(tenMs + 75 * 60_000).toISOString());
    expect(after).toContain(new Date(tenMs - 75 * 60_000).toISOString());
    expect(after).toHaveLength(29 - 9);
  });

  it('one slot booked concurrently from many connections yields exactly one booking and clean conflicts', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    const [slot] = await slotsOn(clinic, helsinkiDate(4));
    const results = await Promise.all(
      Array.from({ length: 25 }, () =>
        new ApiClient(h.baseUrl).call('mutation', 'public.booking.book', bookingRequest(clinic, slot?.start as string)),
      ),
    );
    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(24);
    for (const result of results.filter((r) => r.status === 409)) expect(result.body.error?.data.reason).toBe('SLOT_TAKEN');
    expect(await bookingCount(clinic.tenantId)).toBe(1);
  });

  it('a retried or double-clicked booking creates one booking and returns the same token', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    const [slot] = await slotsOn(clinic, helsinkiDate(5));
    const request = bookingRequest(clinic, slot?.start as string);
    const [first, second] = await Promise.all([
      visitor.mutate<Created>('public.booking.book', request),
      visitor.mutate<Created>('public.booking.book', request),
    ]);
    const third = await visitor.mutate<Created>('public.booking.book', request);
    expect(second.booking.id).toBe(first.booking.id);
    expect(third.booking.id).toBe(first.booking.id);
    expect(third.manageToken).toBe(first.manageToken);
    expect(await bookingCount(clinic.tenantId)).toBe(1);
  });

  it('with a room-needing service, a practitioner and a free room are held together', async () => {
    const clinic = await bookingClinic(h.baseUrl, { practitioners: 2, rooms: 1 });
    const date = helsinkiDate(6);
    const [slot] = await slotsOn(clinic, date, clinic.roomServiceId);
    expect(slot?.free).toBe(2);
    await visitor.mutate<Created>(
      'public.booking.book',
      bookingRequest(clinic, slot?.start as string, { serviceId: clinic.roomServiceId }),
    );
    // The second practitioner is free, but the only room is not: the slot is gone.
    expect((await slotsOn(clinic, date, clinic.roomServiceId)).map((s) => s.start)).not.toContain(slot?.start);
    const second = await visitor.failure(
      'mutation',
      'public.booking.book',
      bookingRequest(clinic, slot?.start as string, { serviceId: clinic.roomServiceId }),
    );
    expect(second.data.reason).toBe('SLOT_TAKEN');
    const held = await h.owner<
      { resource_id: string }[]
    >`select resource_id from allocations where tenant_id = ${clinic.tenantId} and live`;
    const heldIds = held.map((row) => row.resource_id);
    expect(heldIds).toHaveLength(2);
    expect(heldIds).toContain(clinic.roomIds[0]);
    expect(clinic.practitionerIds.filter((id) => heldIds.includes(id))).toHaveLength(1);
  });

  it('links a known email to the existing client without saying so, and records only ticked consents', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    const slots = await slotsOn(clinic, helsinkiDate(7));
    const first = bookingRequest(clinic, slots[0]?.start as string, {
      consents: { marketingEmail: true, marketingSms: false, photoVideo: true, noticeVersion: '2026-03' },
    });
    const again = bookingRequest(clinic, slots[10]?.start as string, {
      client: { ...first.client, firstName: 'Someone', lastName: 'Else' },
    });
    const a = await visitor.mutate<Created>('public.booking.book', first);
    const b = await visitor.mutate<Created>('public.booking.book', again);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    const clients = await h.owner<
      { id: string; first_name: string }[]
    >`select id, first_name from clients where tenant_id = ${clinic.tenantId}`;
    expect(clients).toEqual([{ id: expect.any(String), first_name: 'Maija' }]);
    const consents = await h.owner<{ purpose: string; granted: boolean; notice_version: string; source: string }[]>`
      select purpose, granted, notice_version, source from consents where tenant_id = ${clinic.tenantId} order by purpose`;
    expect(consents).toEqual([
      { purpose: 'marketing_email', granted: true, notice_version: '2026-03', source: 'widget' },
      { purpose: 'photo_video', granted: true, notice_version: '2026-03', source: 'widget' },
    ]);
  });

  it('refuses times that are not offered: outside hours, inside the notice period, off the step', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    const [slot] = await slotsOn(clinic, helsinkiDate(8));
    const start = Date.parse(slot?.start as string);
    for (const bad of [start - 60 * 60_000, start + 7 * 60_000, Date.now() + 10 * 60_000]) {
      const refused = await visitor.failure('mutation', 'public.booking.book', bookingRequest(clinic, new Date(bad).toISOString()));
      expect(refused.data.reason).toBe('SLOT_TAKEN');
    }
    expect(await bookingCount(clinic.tenantId)).toBe(0);
  });

  it('invalid or oversized input is a 400 and stores nothing', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    const [slot] = await slotsOn(clinic, helsinkiDate(9));
    const base = bookingRequest(clinic, slot?.start as string);
    for (const bad of [
      { ...base, client: { ...base.client, email: 'not-an-email' } },
      { ...base, client: { ...base.client, firstName: 'x'.repeat(5_000) } },
      { ...base, start: 'tomorrow at ten' },
      { ...base, idempotencyKey: 'short' },
      { ...base, consents: { marketingEmail: 'yes', noticeVersion: '1' } },
      { ...base, tenantId: clinic.tenantId },
    ]) {
      expect((await visitor.failure('mutation', 'public.booking.book', bad)).status).toBe(400);
    }
    const window = await visitor.failure('query', 'public.booking.availability', {
      slug: clinic.slug,
      serviceId: clinic.serviceId,
      from: '2030-01-01',
      to: '2030-06-01',
    });
    expect(window).toMatchObject({ status: 400, data: { reason: 'INVALID_INPUT' } });
    expect(await bookingCount(clinic.tenantId)).toBe(0);
    const [clientCount] = await h.owner<{ n: number }[]>`select count(*)::int as n from clients where tenant_id = ${clinic.tenantId}`;
    expect(clientCount?.n).toBe(0);
  });
});

describe('manage token', () => {
  it('cannot be had from what the database keeps: the idempotency key is stored only as a keyed digest', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    const slots = await slotsOn(clinic, helsinkiDate(9));
    const request = bookingRequest(clinic, slots[0]?.start as string);
    const created = await visitor.mutate<Created>('public.booking.book', request);
    const [row] = await h.owner<{ idempotency_key: string; manage_token_hash: string }[]>`
      select idempotency_key, manage_token_hash from bookings where tenant_id = ${clinic.tenantId} and id = ${created.booking.id}`;
    expect(row?.idempotency_key).not.toContain(request.idempotencyKey);
    expect(row?.manage_token_hash).not.toBe(created.manageToken);
    // The client's own retry still finds the booking and its token...
    expect((await visitor.mutate<Created>('public.booking.book', request)).manageToken).toBe(created.manageToken);
    // ...but replaying the stored value (read from a backup, say), as it is or as a valid key, gets no token.
    const stored = row?.idempotency_key as string;
    const verbatim = await visitor.failure('mutation', 'public.booking.book', { ...request, idempotencyKey: stored });
    expect(verbatim.status).toBe(400);
    const asKey = await visitor.failure('mutation', 'public.booking.book', { ...request, idempotencyKey: stored.replace(/^a1\./, '') });
    expect(asKey).toMatchObject({ status: 409, data: { reason: 'SLOT_TAKEN' } });
    expect(JSON.stringify([verbatim, asKey])).not.toContain(created.manageToken);
  });

  it('views, reschedules and cancels; after cancelling it opens nothing; a guessed token opens nothing', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    const slots = await slotsOn(clinic, helsinkiDate(10));
    const created = await visitor.mutate<Created>('public.booking.book', bookingRequest(clinic, slots[0]?.start as string));
    const token = created.manageToken;
    expect((await visitor.query<{ id: string }>('public.booking.manage.view', { slug: clinic.slug, token })).id).toBe(created.booking.id);

    const guessed = `${token.slice(0, -4)}AAAA`;
    expect((await visitor.failure('query', 'public.booking.manage.view', { slug: clinic.slug, token: guessed })).status).toBe(404);

    const moved = await visitor.mutate<{ start: string }>('public.booking.manage.reschedule', {
      slug: clinic.slug,
      token,
      start: slots[12]?.start,
    });
    expect(moved.start).toBe(slots[12]?.start);
    expect((await slotsOn(clinic, helsinkiDate(10))).map((slot) => slot.start)).toContain(slots[0]?.start);

    await visitor.mutate('public.booking.manage.cancel', { slug: clinic.slug, token });
    expect((await visitor.failure('query', 'public.booking.manage.view', { slug: clinic.slug, token })).status).toBe(404);
    expect((await visitor.failure('mutation', 'public.booking.manage.cancel', { slug: clinic.slug, token })).status).toBe(404);
    expect((await slotsOn(clinic, helsinkiDate(10))).map((slot) => slot.start)).toContain(slots[12]?.start);
  });

  it('closes changes inside the cancellation window', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    const slots = await slotsOn(clinic, helsinkiDate(2));
    const created = await visitor.mutate<Created>('public.booking.book', bookingRequest(clinic, slots[0]?.start as string));
    h.clock.offsetMs = Date.parse(slots[0]?.start as string) - Date.now() - 23 * 3_600_000;
    try {
      const refused = await visitor.failure('mutation', 'public.booking.manage.cancel', { slug: clinic.slug, token: created.manageToken });
      expect(refused).toMatchObject({ status: 403, data: { reason: 'CHANGE_WINDOW_CLOSED' } });
    } finally {
      h.clock.offsetMs = 0;
    }
  });

  it('a token of one clinic opens nothing at another', async () => {
    const first = await bookingClinic(h.baseUrl);
    const second = await bookingClinic(h.baseUrl);
    const [slot] = await slotsOn(first, helsinkiDate(11));
    const created = await visitor.mutate<Created>('public.booking.book', bookingRequest(first, slot?.start as string));
    expect((await visitor.failure('query', 'public.booking.manage.view', { slug: second.slug, token: created.manageToken })).status).toBe(
      404,
    );
  });
});

describe('no double booking by any code path', () => {
  it('the database refuses an overlapping live allocation even from code that skips every check', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    const resourceId = clinic.practitionerIds[0] as string;
    const insert = (from: string, to: string) =>
      withTenant(h.deps.db, clinic.tenantId, (tx) =>
        tx.execute(sql`insert into allocations (tenant_id, id, resource_id, kind, during)
          values (${clinic.tenantId}, ${newId()}, ${resourceId}, 'block', tstzrange(${from}::timestamptz, ${to}::timestamptz, '[)'))`),
      );
    await insert('2031-01-01T10:00:00Z', '2031-01-01T11:00:00Z');
    await expect(insert('2031-01-01T10:59:00Z', '2031-01-01T12:00:00Z')).rejects.toMatchObject({ cause: { code: '23P01' } });
    await insert('2031-01-01T11:00:00Z', '2031-01-01T12:00:00Z');
  });
});

describe('staff calendar', () => {
  it('books, moves, blocks and cancels under the same constraint', async () => {
    const clinic = await bookingClinic(h.baseUrl, { practitioners: 2 });
    const [p1, p2] = clinic.practitionerIds as [string, string];
    const slots = await slotsOn(clinic, helsinkiDate(12));
    const created = await visitor.mutate<Created>(
      'public.booking.book',
      bookingRequest(clinic, slots[0]?.start as string, { practitionerId: p1 }),
    );
    const day = { from: new Date(Date.now()).toISOString(), to: new Date(Date.now() + 20 * 86_400_000).toISOString() };
    const entries = await clinic.owner.query<{ type: string; id: string; client: { id: string } }[]>('staff.calendar.list', day);
    const [viewed] = await h.owner<{ action: string; entity: string; details: { bookings: number } }[]>`
      select action, entity, details from audit_log where tenant_id = ${clinic.tenantId} order by seq desc limit 1`;
    expect(viewed).toMatchObject({ action: 'view', entity: 'calendar', details: { bookings: 1 } });
    const clientId = entries.find((entry) => entry.id === created.booking.id)?.client.id as string;

    // Staff book p2 at the same time: fine. Then try to move it onto p1: taken.
    const second = await clinic.owner.mutate<{ id: string }>('staff.calendar.book', {
      clientId,
      serviceId: clinic.serviceId,
      practitionerId: p2,
      start: slots[0]?.start,
    });
    const clash = await clinic.owner.failure('mutation', 'staff.calendar.move', {
      bookingId: second.id,
      start: slots[1]?.start,
      practitionerId: p1,
    });
    expect(clash).toMatchObject({ status: 409, data: { reason: 'SLOT_TAKEN' } });
    // Blocking p1 over its booking is refused; blocking later works and removes those slots for p1.
    const blockClash = await clinic.owner.failure('mutation', 'staff.calendar.block', {
      resourceId: p1,
      start: slots[0]?.start,
      end: slots[4]?.start,
    });
    expect(blockClash.data.reason).toBe('SLOT_TAKEN');
    const block = await clinic.owner.mutate<{ id: string }>('staff.calendar.block', {
      resourceId: p1,
      start: slots[20]?.start,
      end: slots[24]?.start,
      note: 'Koulutus',
    });
    const p1Slots = await visitor.query<{ slots: Slot[] }>('public.booking.availability', {
      slug: clinic.slug,
      serviceId: clinic.serviceId,
      practitionerId: p1,
      from: helsinkiDate(12),
      to: helsinkiDate(12),
    });
    expect(p1Slots.slots.map((slot) => slot.start)).not.toContain(slots[20]?.start);
    await clinic.owner.mutate('staff.calendar.unblock', { blockId: block.id });

    await clinic.owner.mutate('staff.calendar.cancel', { bookingId: created.booking.id });
    await clinic.owner.mutate('staff.calendar.move', { bookingId: second.id, start: slots[1]?.start, practitionerId: p1 });
    await clinic.owner.mutate('staff.calendar.setOutcome', { bookingId: second.id, outcome: 'completed' });
    const final = await clinic.owner.query<{ type: string; id: string; status: string; practitionerId: string }[]>(
      'staff.calendar.list',
      day,
    );
    expect(
      final.filter((entry) => entry.type === 'booking').map(({ id, status, practitionerId }) => ({ id, status, practitionerId })),
    ).toEqual([
      { id: created.booking.id, status: 'cancelled', practitionerId: p1 },
      { id: second.id, status: 'completed', practitionerId: p1 },
    ]);
  });

  it('a visit that took place or was missed cannot be cancelled afterwards, and no cancellation goes out', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    const slots = await slotsOn(clinic, helsinkiDate(13));
    const outcomes = ['completed', 'no_show'] as const;
    for (const [index, outcome] of outcomes.entries()) {
      const created = await visitor.mutate<Created>('public.booking.book', bookingRequest(clinic, slots[index * 8]?.start as string));
      await clinic.owner.mutate('staff.calendar.setOutcome', { bookingId: created.booking.id, outcome });
      const refused = await clinic.owner.failure('mutation', 'staff.calendar.cancel', { bookingId: created.booking.id });
      expect(refused).toMatchObject({ status: 409, data: { reason: 'INVALID_INPUT' } });
      const [row] = await h.owner<{ status: string; cancelled: number }[]>`
        select b.status, (select count(*)::int from outbox_messages m
                          where m.tenant_id = b.tenant_id and m.booking_id = b.id and m.kind = 'booking_cancelled') as cancelled
        from bookings b where b.tenant_id = ${clinic.tenantId} and b.id = ${created.booking.id}`;
      expect(row).toEqual({ status: outcome, cancelled: 0 });
    }
  });

  it("a booking staff make speaks the client's language, else the clinic's default", async () => {
    const clinic = await bookingClinic(h.baseUrl, { practitioners: 2 });
    await clinic.owner.mutate('staff.settings.update', { defaultLocale: 'sv' });
    const english = await clinic.owner.mutate<{ id: string }>('staff.clients.create', {
      firstName: 'Emma',
      lastName: 'English',
      email: `emma-${newId()}@example.test`,
      language: 'en',
    });
    const unsaid = await clinic.owner.mutate<{ id: string }>('staff.clients.create', {
      firstName: 'Ville',
      lastName: 'Virtanen',
      email: `ville-${newId()}@example.test`,
    });
    const start = (await slotsOn(clinic, helsinkiDate(14)))[0]?.start as string;
    const languages: string[] = [];
    for (const [index, clientId] of [english.id, unsaid.id].entries()) {
      const booked = await clinic.owner.mutate<{ id: string }>('staff.calendar.book', {
        clientId,
        serviceId: clinic.serviceId,
        practitionerId: clinic.practitionerIds[index],
        start,
      });
      const [row] = await h.owner<{ language: string; locales: string[] }[]>`
        select b.language, array(select m.locale from outbox_messages m where m.tenant_id = b.tenant_id and m.booking_id = b.id) as locales
        from bookings b where b.tenant_id = ${clinic.tenantId} and b.id = ${booked.id}`;
      expect(row?.locales.length).toBeGreaterThan(0);
      expect(new Set(row?.locales)).toEqual(new Set([row?.language]));
      languages.push(row?.language as string);
    }
    expect(languages).toEqual(['en', 'sv']);
  });

  it('six weeks of clinic days across the autumn clock change are one range (the dashboard asks for them); longer ones are refused', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    // Monday 2026-10-12 00:00 EEST to Monday 2026-11-23 00:00 EET: 42 days and one hour.
    const sixWeeks = { from: '2026-10-11T21:00:00.000Z', to: '2026-11-22T22:00:00.000Z' };
    expect(Array.isArray(await clinic.owner.query('staff.calendar.list', sixWeeks))).toBe(true);
    const longer = await clinic.owner.failure('query', 'staff.calendar.list', { ...sixWeeks, to: '2026-11-23T22:00:00.000Z' });
    expect(longer).toMatchObject({ status: 400, data: { reason: 'INVALID_INPUT' } });
  });

  it("two moves heading into each other's freed times at once: the one PostgreSQL aborts gets SLOT_TAKEN, not a 500", async () => {
    const clinic = await bookingClinic(h.baseUrl);
    const slots = await slotsOn(clinic, helsinkiDate(15));
    const [first, second] = await Promise.all(
      [slots[0], slots[8]].map((slot) => visitor.mutate<Created>('public.booking.book', bookingRequest(clinic, slot?.start as string))),
    );
    const pool = connect(urlForRole(inject('ownerUrl'), APP_ROLE, TEST_ROLE_PASSWORDS.app), { max: 2, name: 'test-swap' });
    let released = 0;
    let bothReleased: () => void = () => {};
    const barrier = new Promise<void>((resolve) => {
      bothReleased = resolve;
    });
    // Each frees its own time, waits until the other has too, then takes the other's: a deadlock.
    const swap = (own: Created, other: Created) =>
      withTenant(pool.db, clinic.tenantId, async (tx) => {
        await releaseBookingResources(tx, clinic.tenantId, own.booking.id);
        released += 1;
        if (released === 2) bothReleased();
        await barrier;
        await holdResources(tx, clinic.tenantId, {
          bookingId: own.booking.id,
          kind: 'booking',
          resourceIds: [clinic.practitionerIds[0] as string],
          during: heldRange(new Date(other.booking.start), new Date(other.booking.end), 0, 15),
          createdBy: null,
        });
      });
    try {
      const outcomes = await Promise.allSettled([swap(first as Created, second as Created), swap(second as Created, first as Created)]);
      const reasons = outcomes.map((outcome) => (outcome.status === 'rejected' ? (outcome.reason as { reason?: string }).reason : 'ok'));
      // The victim rolls back, so its old time is held again and the survivor's insert loses to it too.
      expect(reasons).toEqual(['SLOT_TAKEN', 'SLOT_TAKEN']);
    } finally {
      await pool.close();
    }
  });

  it('times outside the years 2000-2100 are a 400 everywhere, not a 500, and store nothing', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    const before = await bookingCount(clinic.tenantId);
    const practitionerId = clinic.practitionerIds[0] as string;
    const client = await clinic.owner.mutate<{ id: string }>('staff.clients.create', { firstName: 'Aika', lastName: 'Matkaaja' });
    for (const start of ['0999-06-01T10:00:00Z', '0000-06-01T10:00:00Z', '9999-12-31T23:30:00Z']) {
      const failures = [
        await visitor.failure('mutation', 'public.booking.book', bookingRequest(clinic, start)),
        await clinic.owner.failure('mutation', 'staff.calendar.book', {
          clientId: client.id,
          serviceId: clinic.serviceId,
          practitionerId,
          start,
        }),
        await clinic.owner.failure('mutation', 'staff.calendar.block', { resourceId: practitionerId, start, end: '2030-01-01T00:00:00Z' }),
      ];
      for (const failure of failures) expect(failure).toMatchObject({ status: 400, data: { reason: 'INVALID_INPUT' } });
    }
    const window = { slug: clinic.slug, serviceId: clinic.serviceId, from: '0999-06-01', to: '0999-06-02' };
    expect(await visitor.failure('query', 'public.booking.availability', window)).toMatchObject({ status: 400 });
    expect(await bookingCount(clinic.tenantId)).toBe(before);
  });
});
