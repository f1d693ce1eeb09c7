import type { CreateBookingInput, PublicBooking } from '@hetki/shared';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { bookings } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { localDate } from '../../lib/clinicDate.js';
import { isUniqueViolation } from '../../lib/pgErrors.js';
import { newId } from '../../lib/uuid.js';
import { appendAudit } from '../audit/auditLog.js';
import { type ConsentEntry, type ConsentPurpose, recordConsent } from '../consents/consentLedger.js';
import { joinMarketingRegister } from '../marketing/joinFromBooking.js';
import { heldRange, slotTaken } from './allocations.js';
import { offeredSlotAt } from './availability.js';
import { loadBookingFacts } from './bookingFacts.js';
import { queueNoticesFor } from './bookingNotices.js';
import { publicBookingView, publicViewOf } from './bookingView.js';
import { clientForBooking } from './clientForBooking.js';
import type { ManageTokens } from './manageToken.js';
import { placeBooking } from './placeBooking.js';
import { type PublicTenant, withPublicTenant } from './publicTenant.js';

export type CreatedBooking = { booking: PublicBooking; manageToken: string };

const CONSENT_FIELDS: [keyof CreateBookingInput['consents'], ConsentPurpose][] = [
  ['marketingEmail', 'marketing_email'],
  ['marketingSms', 'marketing_sms'],
  ['photoVideo', 'photo_video'],
];

/** The booking an idempotency key already made, if any. */
async function earlierBooking(tx: Tx, tenant: PublicTenant, tokens: ManageTokens, idempotencyKey: string): Promise<CreatedBooking | null> {
  const attempt = tokens.attemptRef(tenant.id, idempotencyKey);
  const [row] = await tx
    .select({ id: bookings.id })
    .from(bookings)
    .where(and(eq(bookings.tenantId, tenant.id), eq(bookings.idempotencyKey, attempt)));
  if (!row) return null;
  return { booking: await publicBookingView(tx, tenant, row.id), manageToken: tokens.tokenFor(tenant.id, attempt) };
}

/**
 * A client books a slot through the public widget. The slot must be one the engine offers right
 * now; the database's exclusion constraint settles any race. Retrying with the same idempotency key
 * returns the booking already made (looked up only when a retry is evident, to keep the usual path short).
 */
export async function createPublicBooking(deps: Deps, input: CreateBookingInput, ip: string | null): Promise<CreatedBooking> {
  const tokens = deps.manageTokens;
  try {
    const outcome = await withPublicTenant(deps, input.slug, async (tx, tenant) => {
      const start = new Date(input.start);
      const { service, slot } = await offeredSlotAt(
        tx,
        tenant,
        { serviceId: input.serviceId, practitionerId: input.practitionerId, start },
        deps.now(),
      );
      if (!slot) {
        // A retry of a booking that went through finds its own slot taken: answer with that booking.
        const earlier = await earlierBooking(tx, tenant, tokens, input.idempotencyKey);
        if (earlier) return { tenantId: tenant.id, created: false, result: earlier };
        throw slotTaken();
      }
      const practitionerId = slot.practitionerIds[0] as string;
      const roomId = service.needsRoom ? (slot.roomIds[0] as string) : null;
      const end = new Date(slot.end);

      const client = await clientForBooking(
        tx,
        tenant.id,
        input.client,
        tenant.preferences.clientFields,
        localDate(deps.now(), tenant.timeZone),
      );
      const bookingId = newId();
      const attempt = tokens.attemptRef(tenant.id, input.idempotencyKey);
      const manageToken = tokens.tokenFor(tenant.id, attempt);
      await placeBooking(tx, tenant.id, {
        id: bookingId,
        clientId: client.id,
        serviceId: service.id,
        practitionerId,
        roomId,
        startsAt: start,
        endsAt: end,
        source: 'widget',
        priceCents: service.priceCents,
        currency: service.currency,
        language: input.language,
        idempotencyKey: attempt,
        manageTokenHash: tokens.hash(manageToken),
        heldDuring: heldRange(start, end, service.bufferBeforeMinutes, service.bufferAfterMinutes),
        createdBy: null,
      });
      // An unticked box is no decision, not a withdrawal: only grants are recorded here.
      const grants: ConsentEntry[] = CONSENT_FIELDS.filter(([field]) => input.consents[field] === true).map(([, purpose]) => ({
        purpose,
        granted: true,
        source: 'widget',
        noticeVersion: input.consents.noticeVersion,
        ip,
        staffActorId: null,
      }));
      await recordConsent(tx, tenant.id, client.id, grants, deps.now());
      await joinMarketingRegister(tx, tenant.id, client.id, input, ip, deps.now());
      const facts = await loadBookingFacts(tx, tenant.id, bookingId);
      if (!facts) throw new Error('createPublicBooking: the booking just placed is not visible');
      await queueNoticesFor(tx, deps.outbox, tenant.id, facts, 'created', deps.now());
      const booking = publicViewOf(tenant, facts);
      // Last before commit: the audit chain serialises a clinic's writes from here to the commit.
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
      return { tenantId: tenant.id, created: true, result: { booking, manageToken } };
    });
    if (outcome.created) await deps.availabilityCache.invalidate(outcome.tenantId);
    return outcome.result;
  } catch (error) {
    // The same key was used again while the slot was still free (another practitioner, or a
    // double click racing itself): the booking already made wins, and is returned.
    if (isUniqueViolation(error, 'bookings_tenant_idempotency_key')) {
      const winner = await withPublicTenant(deps, input.slug, (tx, tenant) => earlierBooking(tx, tenant, tokens, input.idempotencyKey));
      if (winner) return winner;
    }
    throw error;
  }
}
