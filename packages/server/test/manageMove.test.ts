import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_WEEK, type BookingClinic, bookingClinic, bookingRequest, freeSlotsIn, type Slot } from './bookingFixture.js';
import { ApiClient, type Harness, startHarness } from './harness.js';

/**
 * The emailed manage link offers moving only for a booking the client could get free times for
 * online: a service the clinic no longer offers online (or switched off), or a practitioner who does
 * not perform it (staff may move a booking to one), is moved by the clinic. Cancelling still works.
 */
let h: Harness;
let clinic: BookingClinic;
let visitor: ApiClient;

type Managed = { id: string; status: string; start: string; practitioner: { id: string }; movable: boolean };

beforeAll(async () => {
  h = await startHarness();
  clinic = await bookingClinic(h.baseUrl);
  visitor = new ApiClient(h.baseUrl);
});
afterAll(() => h.close());

const slotsOn = (days: number): Promise<Slot[]> => freeSlotsIn(visitor, clinic, days);

/** Books the `slotIndex`-th free slot `days` ahead through the widget; returns the booking id and its manage token. */
async function bookOnline(days: number, slotIndex: number): Promise<{ id: string; token: string }> {
  const slot = (await slotsOn(days))[slotIndex] as Slot;
  const created = await visitor.mutate<{ booking: { id: string }; manageToken: string }>(
    'public.booking.book',
    bookingRequest(clinic, slot.start),
  );
  return { id: created.booking.id, token: created.manageToken };
}

const view = (token: string) => visitor.query<Managed>('public.booking.manage.view', { slug: clinic.slug, token });

/** Everything a move would change: the booking row, its held resources, its audit trail and notices. */
async function bookingState(bookingId: string): Promise<string> {
  const rows = await h.owner`
    select b.status, b.starts_at, b.ends_at, b.practitioner_id, b.room_id, b.updated_at,
      (select json_agg(a.* order by a.resource_id) from allocations a where a.tenant_id = b.tenant_id and a.booking_id = b.id) as held,
      (select count(*)::int from audit_log l where l.tenant_id = b.tenant_id and l.entity_id = b.id::text) as audits,
      (select count(*)::int from outbox_messages m where m.tenant_id = b.tenant_id and m.booking_id = b.id) as notices
    from bookings b where b.tenant_id = ${clinic.tenantId} and b.id = ${bookingId}`;
  return JSON.stringify(rows);
}

/** A move by the link is refused with NOT_MOVABLE_ONLINE and leaves the booking as it was. */
async function expectMoveRefused(bookingId: string, token: string, start: string): Promise<void> {
  const before = await bookingState(bookingId);
  const refused = await visitor.failure('mutation', 'public.booking.manage.reschedule', { slug: clinic.slug, token, start });
  expect(refused).toMatchObject({ status: 403, data: { reason: 'NOT_MOVABLE_ONLINE' } });
  expect(await bookingState(bookingId)).toBe(before);
}

describe('moving a booking by its manage link', () => {
  it('a booking of a service offered online says so and moves', async () => {
    const booked = await bookOnline(5, 1);
    expect(await view(booked.token)).toMatchObject({ id: booked.id, movable: true });
    const to = (await slotsOn(6))[2]?.start as string;
    const moved = await visitor.mutate<Managed>('public.booking.manage.reschedule', { slug: clinic.slug, token: booked.token, start: to });
    expect(moved).toMatchObject({ id: booked.id, start: to, movable: true });
  });

  it('a service no longer offered online, or switched off: only cancelling, and a move changes nothing', async () => {
    const booked = await bookOnline(7, 1);
    const to = (await slotsOn(8))[3]?.start as string;

    await clinic.owner.mutate('staff.catalogue.services.update', { id: clinic.serviceId, bookableOnline: false });
    try {
      expect(await view(booked.token)).toMatchObject({ status: 'confirmed', movable: false });
      await expectMoveRefused(booked.id, booked.token, to);
    } finally {
      await clinic.owner.mutate('staff.catalogue.services.update', { id: clinic.serviceId, bookableOnline: true });
    }

    await clinic.owner.mutate('staff.catalogue.services.update', { id: clinic.serviceId, active: false });
    try {
      expect(await view(booked.token)).toMatchObject({ movable: false });
      await expectMoveRefused(booked.id, booked.token, to);
      const cancelled = await visitor.mutate<Managed>('public.booking.manage.cancel', { slug: clinic.slug, token: booked.token });
      expect(cancelled).toMatchObject({ id: booked.id, status: 'cancelled' });
    } finally {
      await clinic.owner.mutate('staff.catalogue.services.update', { id: clinic.serviceId, active: true });
    }
  });

  it('a booking staff moved to a practitioner who does not perform its service: cancel only, until they do', async () => {
    const booked = await bookOnline(9, 1);
    const other = await clinic.owner.mutate<{ id: string }>('staff.catalogue.resources.create', {
      kind: 'practitioner',
      name: 'Another practitioner',
      weeklyHours: ALL_WEEK,
    });
    const staffStart = (await slotsOn(10))[0]?.start as string;
    await clinic.owner.mutate('staff.calendar.move', { bookingId: booked.id, start: staffStart, practitionerId: other.id });

    expect(await view(booked.token)).toMatchObject({ practitioner: { id: other.id }, movable: false });
    const to = (await slotsOn(11))[1]?.start as string;
    await expectMoveRefused(booked.id, booked.token, to);

    // Once the practitioner performs the service, the client may move it again.
    await clinic.owner.mutate('staff.catalogue.services.update', {
      id: clinic.serviceId,
      practitionerIds: [...clinic.practitionerIds, other.id],
    });
    try {
      expect(await view(booked.token)).toMatchObject({ movable: true });
      const moved = await visitor.mutate<Managed>('public.booking.manage.reschedule', {
        slug: clinic.slug,
        token: booked.token,
        start: to,
      });
      expect(moved).toMatchObject({ start: to, practitioner: { id: other.id }, movable: true });
    } finally {
      await clinic.owner.mutate('staff.catalogue.services.update', { id: clinic.serviceId, practitionerIds: clinic.practitionerIds });
    }

    const cancelled = await visitor.mutate<Managed>('public.booking.manage.cancel', { slug: clinic.slug, token: booked.token });
    expect(cancelled.status).toBe('cancelled');
  });
});
