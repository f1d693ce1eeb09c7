import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BookingClinic, bookingClinic, freeSlotsIn, type Slot } from './bookingFixture.js';
import { ApiClient, type Harness, startHarness } from './harness.js';
import { bookAsNewClient, type PortalClient, signedInClient } from './portalFixture.js';

/**
 * The portal offers "Move" only for a booking the client could get free times for online: staff may
 * book a service that is not bookable online (or later switched off), and moving that is the
 * clinic's job. No delivering worker here: sign-in links are read from the database.
 */
let h: Harness;
let clinic: BookingClinic;
let visitor: ApiClient;

type Listed = { upcoming: { id: string; start: string; changeable: boolean; movable: boolean }[] };

beforeAll(async () => {
  h = await startHarness();
  clinic = await bookingClinic(h.baseUrl);
  visitor = new ApiClient(h.baseUrl);
});
afterAll(() => h.close());

const slotsOn = (days: number): Promise<Slot[]> => freeSlotsIn(visitor, clinic, days);

async function clientIdOf(bookingId: string): Promise<string> {
  const [row] = await h.owner<{ client_id: string }[]>`
    select client_id from bookings where tenant_id = ${clinic.tenantId} and id = ${bookingId}`;
  return row?.client_id as string;
}

/** Everything a move would change: the booking row, its held resources, its audit trail and notices. */
async function bookingState(bookingId: string): Promise<string> {
  const rows = await h.owner`
    select b.status, b.starts_at, b.ends_at, b.room_id, b.updated_at,
      (select json_agg(a.* order by a.resource_id) from allocations a where a.tenant_id = b.tenant_id and a.booking_id = b.id) as held,
      (select count(*)::int from audit_log l where l.tenant_id = b.tenant_id and l.entity_id = b.id::text) as audits,
      (select count(*)::int from outbox_messages m where m.tenant_id = b.tenant_id and m.booking_id = b.id) as notices
    from bookings b where b.tenant_id = ${clinic.tenantId} and b.id = ${bookingId}`;
  return JSON.stringify(rows);
}

const listed = async (browser: PortalClient, id: string) =>
  (await browser.query<Listed>('portal.bookings.list', { slug: clinic.slug })).upcoming.find((booking) => booking.id === id);

describe('moving a booking in the portal', () => {
  it('a staff booking of a service not bookable online can be cancelled but not moved; an online one can be moved', async () => {
    const online = await bookAsNewClient(visitor, clinic, { days: 5, slotIndex: 1 });
    const clientId = await clientIdOf(online.bookingId);
    const offline = await clinic.owner.mutate<{ id: string }>('staff.catalogue.services.create', {
      name: { fi: 'Kotikäynti', en: 'Home visit' },
      durationMinutes: 60,
      priceCents: 9000,
      bookableOnline: false,
      practitionerIds: clinic.practitionerIds,
    });
    const staffStart = (await slotsOn(6))[0]?.start as string;
    const staffBooking = await clinic.owner.mutate<{ id: string }>('staff.calendar.book', {
      clientId,
      serviceId: offline.id,
      practitionerId: clinic.practitionerIds[0],
      start: staffStart,
    });

    const browser = await signedInClient(h, clinic, online.email);
    expect(await listed(browser, staffBooking.id)).toMatchObject({ changeable: true, movable: false });
    expect(await listed(browser, online.bookingId)).toMatchObject({ changeable: true, movable: true });

    // A time the clinic offers online that day, for the same practitioner: still refused, and nothing changes.
    const before = await bookingState(staffBooking.id);
    const to = (await slotsOn(7))[2]?.start as string;
    const refused = await browser.failure('mutation', 'portal.bookings.reschedule', {
      slug: clinic.slug,
      bookingId: staffBooking.id,
      start: to,
    });
    expect(refused.status).toBe(403);
    expect(refused.data.reason).toBe('NOT_MOVABLE_ONLINE');
    expect(await bookingState(staffBooking.id)).toBe(before);

    // The online-bookable booking still moves.
    const moved = await browser.mutate<Listed>('portal.bookings.reschedule', { slug: clinic.slug, bookingId: online.bookingId, start: to });
    expect(moved.upcoming.find((booking) => booking.id === online.bookingId)).toMatchObject({ start: to, movable: true });

    // The staff booking can still be cancelled online.
    const cancelled = await browser.mutate<Listed & { past: { id: string; status: string }[] }>('portal.bookings.cancel', {
      slug: clinic.slug,
      bookingId: staffBooking.id,
    });
    expect(cancelled.past.find((booking) => booking.id === staffBooking.id)?.status).toBe('cancelled');
  });

  it('a service switched off, or no longer performed by the practitioner, cannot be moved online either', async () => {
    const booked = await bookAsNewClient(visitor, clinic, { days: 8, slotIndex: 3 });
    const browser = await signedInClient(h, clinic, booked.email);
    const to = (await slotsOn(9))[1]?.start as string;
    expect(await listed(browser, booked.bookingId)).toMatchObject({ movable: true });

    await clinic.owner.mutate('staff.catalogue.services.update', { id: clinic.serviceId, active: false });
    try {
      expect(await listed(browser, booked.bookingId)).toMatchObject({ changeable: true, movable: false });
      const before = await bookingState(booked.bookingId);
      const refused = await browser.failure('mutation', 'portal.bookings.reschedule', {
        slug: clinic.slug,
        bookingId: booked.bookingId,
        start: to,
      });
      expect(refused).toMatchObject({ status: 403, data: { reason: 'NOT_MOVABLE_ONLINE' } });
      expect(await bookingState(booked.bookingId)).toBe(before);
    } finally {
      await clinic.owner.mutate('staff.catalogue.services.update', { id: clinic.serviceId, active: true });
    }

    // The practitioner no longer performs the service: the online free times would not include them.
    const extra = await clinic.owner.mutate<{ id: string }>('staff.catalogue.resources.create', {
      kind: 'practitioner',
      name: 'Another practitioner',
      weeklyHours: {},
    });
    await clinic.owner.mutate('staff.catalogue.services.update', { id: clinic.serviceId, practitionerIds: [extra.id] });
    try {
      expect(await listed(browser, booked.bookingId)).toMatchObject({ changeable: true, movable: false });
      const refused = await browser.failure('mutation', 'portal.bookings.reschedule', {
        slug: clinic.slug,
        bookingId: booked.bookingId,
        start: to,
      });
      expect(refused).toMatchObject({ status: 403, data: { reason: 'NOT_MOVABLE_ONLINE' } });
    } finally {
      await clinic.owner.mutate('staff.catalogue.services.update', { id: clinic.serviceId, practitionerIds: clinic.practitionerIds });
    }

    // Back on offer: it moves again.
    expect(await listed(browser, booked.bookingId)).toMatchObject({ movable: true });
    const moved = await browser.mutate<Listed>('portal.bookings.reschedule', { slug: clinic.slug, bookingId: booked.bookingId, start: to });
    expect(moved.upcoming.find((booking) => booking.id === booked.bookingId)?.start).toBe(to);
  });
});
