import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { bookings, resources, servicePractitioners, services } from '../../db/schema/index.js';
import { DomainError } from '../../lib/errors.js';

/**
 * Whether the client could ever be offered free times to move the booking to, for a query joining
 * the booking to its service and practitioner: the online free times (and the move itself) are only
 * for an active service that is bookable online, with its practitioner still active and performing
 * it. Staff may book other services; the client moves those by contacting the clinic.
 */
export const movableOnline: SQL<boolean> = sql<boolean>`(${services.active} and ${services.bookableOnline} and ${resources.active} and exists (
  select 1 from ${servicePractitioners}
  where ${servicePractitioners.tenantId} = ${bookings.tenantId}
    and ${servicePractitioners.serviceId} = ${bookings.serviceId}
    and ${servicePractitioners.resourceId} = ${bookings.practitionerId}
))`;

/** Whether the client may move the booking online (see movableOnline); false for a booking not found. */
export async function isMovableOnline(tx: Tx, tenantId: string, bookingId: string): Promise<boolean> {
  const [row] = await tx
    .select({ movable: movableOnline })
    .from(bookings)
    .innerJoin(services, and(eq(services.tenantId, bookings.tenantId), eq(services.id, bookings.serviceId)))
    .innerJoin(resources, and(eq(resources.tenantId, bookings.tenantId), eq(resources.id, bookings.practitionerId)))
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.id, bookingId)));
  return row?.movable === true;
}

/** Refuses to move a booking whose service the client can never get free times for online. */
export async function assertMovableOnline(tx: Tx, tenantId: string, bookingId: string): Promise<void> {
  if (!(await isMovableOnline(tx, tenantId, bookingId))) {
    throw new DomainError('FORBIDDEN', 'NOT_MOVABLE_ONLINE', 'This booking cannot be moved online. Please contact the clinic to move it.');
  }
}
