import type { PublicBooking } from '@hetki/shared';
import type { Tx } from '../../db/connections.js';
import { notFound } from '../../lib/errors.js';
import { type BookingFacts, loadBookingFacts } from './bookingFacts.js';
import type { PublicTenant } from './publicTenant.js';
import { changeDeadline, effectiveRules } from './rules.js';

/** What the client sees of a booking: no other client's data, no internal notes. */
export function publicViewOf(tenant: PublicTenant, facts: BookingFacts): PublicBooking {
  const rules = effectiveRules(tenant.preferences.bookingRules, facts.service.rules);
  return {
    id: facts.id,
    status: facts.status,
    start: facts.startsAt.toISOString(),
    end: facts.endsAt.toISOString(),
    service: { id: facts.service.id, name: facts.service.name },
    practitioner: { id: facts.practitioner.id, name: facts.practitioner.name },
    clinic: { slug: tenant.slug, name: tenant.name, timeZone: tenant.timeZone },
    canChangeUntil: changeDeadline(facts.startsAt, rules).toISOString(),
  };
}

export async function publicBookingView(tx: Tx, tenant: PublicTenant, bookingId: string): Promise<PublicBooking> {
  const facts = await loadBookingFacts(tx, tenant.id, bookingId);
  if (!facts) throw notFound('Booking');
  return publicViewOf(tenant, facts);
}
