import type { PortalBooking, PortalBookings } from '@hetki/shared';
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { bookings, resources, servicePractitioners, services } from '../../db/schema/index.js';
import { DomainError } from '../../lib/errors.js';
import { changeDeadline, effectiveRules } from '../booking/rules.js';
import type { PortalContext } from './portalContext.js';

const LIVE = new Set(['confirmed', 'pending_payment']);
/** The portal lists this many bookings at most: the rest stay with the clinic's records. */
const MAX_BOOKINGS = 200;

/**
 * Whether the client could ever be offered free times to move the booking to, for a query joining
 * the booking to its service and practitioner: the online free times (and the move itself) are only
 * for an active service that is bookable online, with its practitioner still active and performing
 * it. Staff may book other services; the client moves those by contacting the clinic.
 */
const movableOnline: SQL<boolean> = sql<boolean>`(${services.active} and ${services.bookableOnline} and ${resources.active} and exists (
  select 1 from ${servicePractitioners}
  where ${servicePractitioners.tenantId} = ${bookings.tenantId}
    and ${servicePractitioners.serviceId} = ${bookings.serviceId}
    and ${servicePractitioners.resourceId} = ${bookings.practitionerId}
))`;

/** Refuses to move a booking whose service the client can never get free times for online. */
export async function assertMovableOnline({ tx, tenant }: PortalContext, bookingId: string): Promise<void> {
  const [row] = await tx
    .select({ movable: movableOnline })
    .from(bookings)
    .innerJoin(services, and(eq(services.tenantId, bookings.tenantId), eq(services.id, bookings.serviceId)))
    .innerJoin(resources, and(eq(resources.tenantId, bookings.tenantId), eq(resources.id, bookings.practitionerId)))
    .where(and(eq(bookings.tenantId, tenant.id), eq(bookings.id, bookingId)));
  if (!row?.movable) {
    throw new DomainError('FORBIDDEN', 'NOT_MOVABLE_ONLINE', 'This booking cannot be moved online. Please contact the clinic to move it.');
  }
}

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
