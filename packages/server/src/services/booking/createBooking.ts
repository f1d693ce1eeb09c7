import type { CreateBookingInput, PublicBooking } from '@hetki/shared';
import { and, eq } from 'drizzle-orm';
import { bookings } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { isUniqueViolation } from '../../lib/pgErrors.js';
import { newId } from '../../lib/uuid.js';
import { appendAudit } from '../audit/auditLog.js';
import { type ConsentPurpose, recordConsent } from '../consents/consentLedger.js';
import { heldRange, holdResources, slotTaken } from './allocations.js';
import { findSlots, localDate } from './availability.js';
import { publicBookingView } from './bookingView.js';
import { clientForBooking } from './clientForBooking.js';
import { ManageTokens } from './manageToken.js';
import { withPublicTenant } from './publicTenant.js';

export type CreatedBooking = { booking: PublicBooking; manageToken: string };

const CONSENT_FIELDS: [keyof CreateBookingInput['consents'], ConsentPurpose][] = [
  ['marketingEmail', 'marketing_email'],
  ['marketingSms', 'marketing_sms'],
  ['photoVideo', 'photo_video'],
];

/**
 * A client books a slot through the public widget. The slot must be one the engine offers right
 * now; the database's exclusion constraint settles any race. Retrying with the same idempotency key
 * returns the booking already made.
 */
export async function createPublicBooking(deps: Deps, input: CreateBookingInput, ip: string | null): Promise<CreatedBooking> {
  const tokens = new ManageTokens(deps.env.MASTER_KEY);
  const existing = () =>
    withPublicTenant(deps, input.slug, async (tx, tenant) => {
      const [row] = await tx
        .select({ id: bookings.id, tokenHash: bookings.manageTokenHash })
        .from(bookings)
        .where(and(eq(bookings.tenantId, tenant.id), eq(bookings.idempotencyKey, input.idempotencyKey)));
      if (!row) return null;
      return { booking: await publicBookingView(tx, tenant, row.id), manageToken: tokens.tokenFor(tenant.id, input.idempotencyKey) };
    });

  const earlier = await existing();
  if (earlier) return earlier;
  try {
    const created = await withPublicTenant(deps, input.slug, async (tx, tenant) => {
      const start = new Date(input.start);
      const date = localDate(start, tenant.timeZone);
      const { service, slots } = await findSlots(
        tx,
        tenant,
        { serviceId: input.serviceId, practitionerId: input.practitionerId, from: date, to: date },
        deps.now(),
        { onlineOnly: true },
      );
      const slot = slots.find((candidate) => candidate.start === start.getTime());
      if (!slot) throw slotTaken();
      const practitionerId = slot.practitionerIds[0] as string;
      const roomId = service.needsRoom ? (slot.roomIds[0] as string) : null;
      const end = new Date(slot.end);

      const client = await clientForBooking(tx, tenant.id, input.client, tenant.preferences.clientFields, start);
      const bookingId = newId();
      const manageToken = tokens.tokenFor(tenant.id, input.idempotencyKey);
      await tx.insert(bookings).values({
        tenantId: tenant.id,
        id: bookingId,
        clientId: client.id,
        serviceId: service.id,
        practitionerId,
        roomId,
        startsAt: start,
        endsAt: end,
        status: 'confirmed',
        source: 'widget',
        priceCents: service.priceCents,
        currency: service.currency,
        language: input.language,
        idempotencyKey: input.idempotencyKey,
        manageTokenHash: tokens.hash(manageToken),
      });
      await holdResources(tx, tenant.id, {
        bookingId,
        kind: 'booking',
        resourceIds: roomId ? [practitionerId, roomId] : [practitionerId],
        during: heldRange(start, end, service.bufferBeforeMinutes, service.bufferAfterMinutes),
      });
      for (const [field, purpose] of CONSENT_FIELDS) {
        // An unticked box is no decision, not a withdrawal: only grants are recorded here.
        if (input.consents[field] === true) {
          await recordConsent(
            tx,
            tenant.id,
            client.id,
            { purpose, granted: true, source: 'widget', noticeVersion: input.consents.noticeVersion, ip, staffActorId: null },
            deps.now(),
          );
        }
      }
      await appendAudit(
        tx,
        tenant.id,
        { type: 'public', id: null, ip },
        {
          action: 'create',
          entity: 'booking',
          entityId: bookingId,
          details: { clientCreated: client.created, serviceId: service.id },
        },
      );
      return { tenantId: tenant.id, booking: await publicBookingView(tx, tenant, bookingId), manageToken };
    });
    await deps.availabilityCache.invalidate(created.tenantId);
    return { booking: created.booking, manageToken: created.manageToken };
  } catch (error) {
    // The same request raced itself (a double click): the other attempt won, return its booking.
    if (isUniqueViolation(error, 'bookings_tenant_idempotency_key')) {
      const winner = await existing();
      if (winner) return winner;
    }
    throw error;
  }
}
