import type { PortalBooking, PortalBookings } from '@hetki/shared';
import { and, desc, eq } from 'drizzle-orm';
import { bookings, resources, services } from '../../db/schema/index.js';
import { movableOnline } from '../booking/movableOnline.js';
import { changeDeadline, effectiveRules } from '../booking/rules.js';
import type { PortalContext } from './portalContext.js';

const LIVE = new Set(['confirmed', 'pending_payment']);
/** The portal lists this many bookings at most: the rest stay with the clinic's records. */
const MAX_BOOKINGS = 200;

/** The client's own bookings: live ones still to come (soonest first), and the rest (newest first). */
export async function listPortalBookings({ tx, tenant, session }: PortalContext, now: Date): Promise<PortalBookings> {
  const rows = await tx
    .select({ booking: bookings, service: services, practitionerName: resources.name, movable: movableOnline })
    .from(bookings)
    .innerJoin(services, and(eq(services.tenantId, bookings.tenantId), eq(services.id, bookings.serviceId)))
    .innerJoin(resources, and(eq(resources.tenantId, bookings.tenantId), eq(resources.id, bookings.practitionerId)))
    .where(and(eq(bookings.tenantId, tenant.id), eq(bookings.clientId, session.clientId)))
    .orderBy(desc(bookings.startsAt))
    .limit(MAX_BOOKINGS);
  const upcoming: PortalBooking[] = [];
  const past: PortalBooking[] = [];
  for (const { booking, service, practitionerName, movable } of rows) {
    const live = LIVE.has(booking.status) && booking.startsAt > now;
    const deadline = live ? changeDeadline(booking.startsAt, effectiveRules(tenant.preferences.bookingRules, service.rules)) : null;
    const changeable = deadline !== null && now <= deadline;
    const view: PortalBooking = {
      id: booking.id,
      status: booking.status,
      start: booking.startsAt.toISOString(),
      end: booking.endsAt.toISOString(),
      service: { id: service.id, name: service.name },
      practitioner: { id: booking.practitionerId, name: practitionerName },
      canChangeUntil: deadline?.toISOString() ?? null,
      changeable,
      movable: changeable && movable === true,
    };
    (live ? upcoming : past).push(view);
  }
  upcoming.reverse();
  return { upcoming, past };
}
