import type { ManagedBooking } from '@hetki/shared';
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { bookings } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { appendAudit } from '../audit/auditLog.js';
import { getService } from '../catalogue/services.js';
import { heldRange, holdResources, releaseBookingResources, slotTaken } from './allocations.js';
import { offeredSlotAt } from './availability.js';
import { queueBookingNotices } from './bookingNotices.js';
import { publicBookingView } from './bookingView.js';
import { assertMovableOnline, isMovableOnline } from './movableOnline.js';
import { type PublicTenant, withPublicTenant } from './publicTenant.js';
import { changeDeadline, effectiveRules } from './rules.js';

export type Located = { tenant: PublicTenant; booking: typeof bookings.$inferSelect };

/** The live booking a manage token opens. A cancelled booking's token opens nothing. */
async function locate(tx: Tx, tenant: PublicTenant, deps: Deps, token: string): Promise<Located> {
  const hash = deps.manageTokens.hash(token);
  const [booking] = await tx
    .select()
    .from(bookings)
    .where(
      and(eq(bookings.tenantId, tenant.id), eq(bookings.manageTokenHash, hash), inArray(bookings.status, ['confirmed', 'pending_payment'])),
    )
    .for('update');
  if (!booking) throw notFound('Booking');
  return { tenant, booking };
}

async function assertChangeable(tx: Tx, { tenant, booking }: Located, now: Date): Promise<void> {
  const service = await getService(tx, tenant.id, booking.serviceId);
  const deadline = changeDeadline(booking.startsAt, effectiveRules(tenant.preferences.bookingRules, service.rules));
  if (now > deadline) {
    throw new DomainError('FORBIDDEN', 'CHANGE_WINDOW_CLOSED', 'This booking can no longer be changed online. Please contact the clinic.');
  }
}

async function managedView(tx: Tx, tenant: PublicTenant, bookingId: string): Promise<ManagedBooking> {
  return { ...(await publicBookingView(tx, tenant, bookingId)), movable: await isMovableOnline(tx, tenant.id, bookingId) };
}

export function viewBookingByToken(deps: Deps, slug: string, token: string): Promise<ManagedBooking> {
  return withPublicTenant(deps, slug, async (tx, tenant) => {
    const { booking } = await locate(tx, tenant, deps, token);
    return managedView(tx, tenant, booking.id);
  });
}

/** Cancels within the window. The token is spent: it cannot open or change the booking again. */
export async function cancelBookingByToken(deps: Deps, slug: string, token: string, ip: string | null): Promise<ManagedBooking> {
  const view = await withPublicTenant(deps, slug, async (tx, tenant) => {
    const located = await locate(tx, tenant, deps, token);
    await cancelLocatedBooking(tx, deps, located, ip);
    return { tenantId: tenant.id, view: await managedView(tx, tenant, located.booking.id) };
  });
  await deps.availabilityCache.invalidate(view.tenantId);
  return view.view;
}

/**
 * The client's own live booking, locked, for the client portal: another client's booking, or one
 * that is no longer live, is not found.
 */
export async function locateClientBooking(tx: Tx, tenant: PublicTenant, clientId: string, bookingId: string): Promise<Located> {
  const [booking] = await tx
    .select()
    .from(bookings)
    .where(
      and(
        eq(bookings.tenantId, tenant.id),
        eq(bookings.id, bookingId),
        eq(bookings.clientId, clientId),
        inArray(bookings.status, ['confirmed', 'pending_payment']),
      ),
    )
    .for('update');
  if (!booking) throw notFound('Booking');
  return { tenant, booking };
}

/**
 * Cancels a located booking by its client, within the change window: resources freed, notices
 * queued, audited. The caller invalidates cached availability after commit.
 */
export async function cancelLocatedBooking(tx: Tx, deps: Deps, located: Located, ip: string | null): Promise<void> {
  await assertChangeable(tx, located, deps.now());
  const { tenant, booking } = located;
  await tx
    .update(bookings)
    .set({ status: 'cancelled', cancelledAt: deps.now(), manageTokenHash: null, updatedAt: deps.now() })
    .where(and(eq(bookings.tenantId, tenant.id), eq(bookings.id, booking.id)));
  await releaseBookingResources(tx, tenant.id, booking.id);
  await queueBookingNotices(tx, deps.outbox, tenant.id, booking.id, 'cancelled', deps.now());
  await appendAudit(
    tx,
    tenant.id,
    { type: 'client', id: booking.clientId, ip },
    { action: 'cancel', entity: 'booking', entityId: booking.id },
  );
}

/**
 * Moves the booking to another offered slot (same service and practitioner) within the window. A
 * booking of a service not offered online (see movableOnline) is moved by the clinic: refused here.
 */
export async function rescheduleBookingByToken(
  deps: Deps,
  slug: string,
  token: string,
  startIso: string,
  ip: string | null,
): Promise<ManagedBooking> {
  const moved = await withPublicTenant(deps, slug, async (tx, tenant) => {
    const located = await locate(tx, tenant, deps, token);
    await assertMovableOnline(tx, tenant.id, located.booking.id);
    await rescheduleLocatedBooking(tx, deps, located, startIso, ip);
    return { tenantId: tenant.id, view: await managedView(tx, tenant, located.booking.id) };
  });
  await deps.availabilityCache.invalidate(moved.tenantId);
  return moved.view;
}

/**
 * Moves a located booking by its client to another offered slot, within the change window. The
 * caller invalidates cached availability after commit.
 */
export async function rescheduleLocatedBooking(tx: Tx, deps: Deps, located: Located, startIso: string, ip: string | null): Promise<void> {
  await assertChangeable(tx, located, deps.now());
  const { tenant, booking } = located;
  // Free the current time first, so a move by a few minutes can overlap the booking's own old span.
  await releaseBookingResources(tx, tenant.id, booking.id);
  const start = new Date(startIso);
  const { service, slot } = await offeredSlotAt(
    tx,
    tenant,
    { serviceId: booking.serviceId, practitionerId: booking.practitionerId, start },
    deps.now(),
  );
  if (!slot) throw slotTaken();
  const roomId = service.needsRoom ? (slot.roomIds.includes(booking.roomId ?? '') ? booking.roomId : (slot.roomIds[0] ?? null)) : null;
  const end = new Date(slot.end);
  await tx
    .update(bookings)
    .set({ startsAt: start, endsAt: end, roomId, updatedAt: deps.now() })
    .where(and(eq(bookings.tenantId, tenant.id), eq(bookings.id, booking.id)));
  await holdResources(tx, tenant.id, {
    bookingId: booking.id,
    kind: 'booking',
    resourceIds: roomId ? [booking.practitionerId, roomId] : [booking.practitionerId],
    during: heldRange(start, end, service.bufferBeforeMinutes, service.bufferAfterMinutes),
  });
  await queueBookingNotices(tx, deps.outbox, tenant.id, booking.id, 'rescheduled', deps.now());
  await appendAudit(
    tx,
    tenant.id,
    { type: 'client', id: booking.clientId, ip },
    {
      action: 'update',
      entity: 'booking',
      entityId: booking.id,
      details: { fields: ['start'] },
    },
  );
}
