import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { uuidArray } from '../../db/uuidArray.js';
import { newId } from '../../lib/uuid.js';
import { lostTheSlot, slotTaken } from './allocations.js';

export type NewBooking = {
  id: string;
  clientId: string;
  serviceId: string;
  practitionerId: string;
  roomId: string | null;
  startsAt: Date;
  endsAt: Date;
  source: 'widget' | 'staff';
  priceCents: number;
  currency: string;
  /** The client's language for messages; null means the clinic's default language. */
  language: string | null;
  /** The attempt's digest (ManageTokens.attemptRef), never the client's key itself. */
  idempotencyKey: string | null;
  manageTokenHash: string | null;
  /** The span its resources are held for, buffers included (heldRange). */
  heldDuring: string;
  createdBy: string | null;
};

/**
 * Inserts a confirmed booking and the allocations that hold its practitioner (and room) in one
 * statement. The exclusion constraint on allocations is the only arbiter of overlaps: a lost race
 * fails the statement (see lostTheSlot), which becomes a CONFLICT and rolls the caller back.
 */
export async function placeBooking(tx: Tx, tenantId: string, booking: NewBooking): Promise<void> {
  const resourceIds = booking.roomId ? [booking.practitionerId, booking.roomId] : [booking.practitionerId];
  try {
    await tx.execute(sql`
      with booking as (
        insert into bookings (tenant_id, id, client_id, service_id, practitioner_id, room_id, starts_at, ends_at, status,
                              source, price_cents, currency, language, idempotency_key, manage_token_hash)
        values (${tenantId}, ${booking.id}, ${booking.clientId}, ${booking.serviceId}, ${booking.practitionerId},
                ${booking.roomId}, ${booking.startsAt.toISOString()}, ${booking.endsAt.toISOString()}, 'confirmed',
                ${booking.source}, ${booking.priceCents}, ${booking.currency}, coalesce(${booking.language}, (select default_locale from tenants where id = ${tenantId})),
                ${booking.idempotencyKey}, ${booking.manageTokenHash})
        returning tenant_id, id
      )
      insert into allocations (tenant_id, id, resource_id, booking_id, kind, during, created_by)
      select booking.tenant_id, held.id, held.resource_id, booking.id, 'booking', ${booking.heldDuring}::tstzrange, ${booking.createdBy}
      from booking, unnest(${uuidArray(resourceIds.map(() => newId()))}, ${uuidArray(resourceIds)}) as held(id, resource_id)`);
  } catch (error) {
    if (lostTheSlot(error)) throw slotTaken();
    throw error;
  }
}
