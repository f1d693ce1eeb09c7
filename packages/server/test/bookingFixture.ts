import { randomUUID } from 'node:crypto';
import { type ApiClient, newClinic } from './harness.js';

export const ALL_WEEK = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((day) => [day, [{ start: '08:00', end: '16:00' }]]));

export type BookingClinic = {
  owner: ApiClient;
  slug: string;
  tenantId: string;
  practitionerIds: string[];
  roomIds: string[];
  serviceId: string;
  roomServiceId: string;
};

/** A clinic open 08–16 every day: practitioners, rooms, a 60-minute service with a 15-minute buffer after, and one that needs a room. */
export async function bookingClinic(baseUrl: string, options: { practitioners?: number; rooms?: number } = {}): Promise<BookingClinic> {
  const { client: owner, slug, me } = await newClinic(baseUrl, 'Booking Clinic');
  await owner.mutate('staff.settings.update', {
    preferences: { bookingRules: { minNoticeMinutes: 60, maxAdvanceDays: 60, slotStepMinutes: 15, cancellationWindowHours: 24 } },
  });
  const practitionerIds: string[] = [];
  for (let index = 0; index < (options.practitioners ?? 1); index += 1) {
    const practitioner = await owner.mutate<{ id: string }>('staff.catalogue.resources.create', {
      kind: 'practitioner',
      name: `Practitioner ${index + 1}`,
      weeklyHours: ALL_WEEK,
    });
    practitionerIds.push(practitioner.id);
  }
  const roomIds: string[] = [];
  for (let index = 0; index < (options.rooms ?? 1); index += 1) {
    const room = await owner.mutate<{ id: string }>('staff.catalogue.resources.create', {
      kind: 'room',
      name: `Room ${index + 1}`,
      weeklyHours: ALL_WEEK,
    });
    roomIds.push(room.id);
  }
  const service = await owner.mutate<{ id: string }>('staff.catalogue.services.create', {
    name: { fi: 'Hieronta', en: 'Massage' },
    durationMinutes: 60,
    priceCents: 6500,
    bufferAfterMinutes: 15,
    practitionerIds,
  });
  const roomService = await owner.mutate<{ id: string }>('staff.catalogue.services.create', {
    name: { fi: 'Fysioterapia' },
    durationMinutes: 45,
    priceCents: 8000,
    needsRoom: true,
    practitionerIds,
  });
  return {
    owner,
    slug,
    tenantId: me.tenant?.tenantId as string,
    practitionerIds,
    roomIds,
    serviceId: service.id,
    roomServiceId: roomService.id,
  };
}

/** The clinic-local date `days` from today in Helsinki. */
export function helsinkiDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

export function bookingRequest(clinic: BookingClinic, start: string, overrides: Record<string, unknown> = {}) {
  const suffix = randomUUID().slice(0, 8);
  return {
    slug: clinic.slug,
    serviceId: clinic.serviceId,
    start,
    client: { firstName: 'Maija', lastName: `Meikäläinen-${suffix}`, email: `maija.${suffix}@example.test`, phone: '+358 40 123 4567' },
    consents: { marketingEmail: false, marketingSms: false, photoVideo: false, noticeVersion: '2026-01' },
    language: 'fi',
    idempotencyKey: `key-${randomUUID()}`,
    ...overrides,
  };
}

export type Slot = { start: string; end: string; free: number };

/** The free slots of a service (the clinic's 60-minute one unless told) `days` ahead, as the widget asks for them. */
export async function freeSlotsIn(visitor: ApiClient, clinic: BookingClinic, days: number, serviceId = clinic.serviceId): Promise<Slot[]> {
  const date = helsinkiDate(days);
  const { slots } = await visitor.query<{ slots: Slot[] }>('public.booking.availability', {
    slug: clinic.slug,
    serviceId,
    from: date,
    to: date,
  });
  return slots;
}
