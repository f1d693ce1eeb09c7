import type { PublicBooking } from '@hetki/shared';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { bookings, resources, services } from '../../db/schema/index.js';
import { notFound } from '../../lib/errors.js';
import type { PublicTenant } from './publicTenant.js';
import { changeDeadline, effectiveRules } from './rules.js';

/** What the client sees of a booking: no other client's data, no internal notes. */
export async function publicBookingView(tx: Tx, tenant: PublicTenant, bookingId: string): Promise<PublicBooking> {
  const [row] = await tx
    .select({ booking: bookings, service: services, practitionerName: resources.name })
    .from(bookings)
    .innerJoin(services, and(eq(services.tenantId, bookings.tenantId), eq(services.id, bookings.serviceId)))
    .innerJoin(resources, and(eq(resources.tenantId, bookings.tenantId), eq(resources.id, bookings.practitionerId)))
    .where(and(eq(bookings.tenantId, tenant.id), eq(bookings.id, bookingId)));
  if (!row) throw notFound('Booking');
  const rules = effectiveRules(tenant.preferences.bookingRules, row.service.rules);
  return {
    id: row.booking.id,
    status: row.booking.status,
    start: row.booking.startsAt.toISOString(),
    end: row.booking.endsAt.toISOString(),
    service: { id: row.service.id, name: row.service.name },
    practitioner: { id: row.booking.practitionerId, name: row.practitionerName },
    clinic: { slug: tenant.slug, name: tenant.name, timeZone: tenant.timeZone },
    canChangeUntil: changeDeadline(row.booking.startsAt, rules).toISOString(),
  };
}
