import { randomUUID } from 'node:crypto';
import type { ApiClient } from '../harness.js';

const ALL_WEEK = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((day) => [day, [{ start: '00:00', end: '24:00' }]]));

/** B's practitioner, service, a client (made by a public booking), a staff booking and a block. */
export async function bookingClinicResources(ownerOfB: ApiClient): Promise<Record<string, string>> {
  const practitioner = await ownerOfB.mutate<{ id: string }>('staff.catalogue.resources.create', {
    kind: 'practitioner',
    name: 'B Calendar Practitioner',
    weeklyHours: ALL_WEEK,
  });
  const service = await ownerOfB.mutate<{ id: string }>('staff.catalogue.services.create', {
    name: { fi: 'B Calendar Service' },
    durationMinutes: 30,
    priceCents: 1000,
    practitionerIds: [practitioner.id],
  });
  const me = await ownerOfB.query<{ tenant: { slug: string } }>('auth.me');
  const from = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  const availability = await ownerOfB.query<{ slots: { start: string }[] }>('public.booking.availability', {
    slug: me.tenant.slug,
    serviceId: service.id,
    from,
    to: from,
  });
  const booked = await ownerOfB.mutate<{ booking: { id: string } }>('public.booking.book', {
    slug: me.tenant.slug,
    serviceId: service.id,
    start: availability.slots[0]?.start,
    client: { firstName: 'Bertta', lastName: 'Bee', email: `bertta.${randomUUID().slice(0, 8)}@example.test`, phone: '+358 40 000 0000' },
    consents: { noticeVersion: '1' },
    idempotencyKey: `seed-${randomUUID()}`,
  });
  const calendar = await ownerOfB.query<{ type: string; id: string; client?: { id: string } }[]>('staff.calendar.list', {
    from: new Date(Date.now()).toISOString(),
    to: new Date(Date.now() + 10 * 86_400_000).toISOString(),
  });
  const clientId = calendar.find((entry) => entry.id === booked.booking.id)?.client?.id as string;
  const block = await ownerOfB.mutate<{ id: string }>('staff.calendar.block', {
    resourceId: practitioner.id,
    start: '2031-03-05T10:00:00Z',
    end: '2031-03-05T12:00:00Z',
    note: 'B meeting',
  });
  return {
    calendarPractitionerId: practitioner.id,
    calendarServiceId: service.id,
    calendarClientId: clientId,
    calendarBookingId: booked.booking.id,
    calendarBlockId: block.id,
  };
}
