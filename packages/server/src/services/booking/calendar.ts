import { and, asc, eq, gt, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { allocations, bookings, clients, services } from '../../db/schema/index.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/uuid.js';
import type { Actor } from '../audit/auditLog.js';
import { appendAudit } from '../audit/auditLog.js';
import { assertResourceExists } from '../catalogue/resources.js';
import { getService } from '../catalogue/services.js';
import { clientLanguage } from '../clients/clients.js';
import { heldRange, holdResources, releaseBookingResources } from './allocations.js';
import { placeBooking } from './placeBooking.js';

export type CalendarEntry =
  | {
      type: 'booking';
      id: string;
      start: string;
      end: string;
      status: string;
      practitionerId: string;
      roomId: string | null;
      service: { id: string; name: Record<string, string | undefined> };
      client: { id: string; name: string };
    }
  | { type: 'block'; id: string; resourceId: string; start: string; end: string; note: string | null };

const MAX_CALENDAR_DAYS = 42;

/**
 * Bookings (with client names) and blocks that touch [from, to), for the chosen resources (or all).
 * Showing them is a view of client data, so it is audited: the range and how many bookings.
 */
export async function listCalendar(
  tx: Tx,
  tenantId: string,
  actor: Actor,
  range: { from: string; to: string; resourceIds?: string[] | undefined },
): Promise<CalendarEntry[]> {
  const from = new Date(range.from);
  const to = new Date(range.to);
  // Clinic days, from midnight to midnight: across a clock change they are an hour longer.
  if (!(to > from) || to.getTime() - from.getTime() > MAX_CALENDAR_DAYS * 86_400_000 + 3_600_000) {
    throw new DomainError('BAD_REQUEST', 'INVALID_INPUT', `Ask for a range of up to ${MAX_CALENDAR_DAYS} days`);
  }
  const byResource = range.resourceIds?.length
    ? sql`(${inArray(bookings.practitionerId, range.resourceIds)} or ${inArray(bookings.roomId, range.resourceIds)})`
    : undefined;
  const bookingRows = await tx
    .select({ booking: bookings, serviceName: services.name, firstName: clients.firstName, lastName: clients.lastName })
    .from(bookings)
    .innerJoin(services, and(eq(services.tenantId, bookings.tenantId), eq(services.id, bookings.serviceId)))
    .innerJoin(clients, and(eq(clients.tenantId, bookings.tenantId), eq(clients.id, bookings.clientId)))
    .where(and(eq(bookings.tenantId, tenantId), lt(bookings.startsAt, to), gte(bookings.endsAt, from), byResource))
    .orderBy(asc(bookings.startsAt));
  const blockRows = await tx
    .select({
      id: allocations.id,
      resourceId: allocations.resourceId,
      note: allocations.note,
      start: allocations.heldFrom,
      end: allocations.heldUntil,
    })
    .from(allocations)
    .where(
      and(
        eq(allocations.tenantId, tenantId),
        eq(allocations.kind, 'block'),
        sql`${allocations.live}`,
        lt(allocations.heldFrom, to),
        gt(allocations.heldUntil, from),
        range.resourceIds?.length ? inArray(allocations.resourceId, range.resourceIds) : undefined,
      ),
    );
  await appendAudit(tx, tenantId, actor, {
    action: 'view',
    entity: 'calendar',
    details: { from: from.toISOString(), to: to.toISOString(), bookings: bookingRows.length },
  });
  return [
    ...bookingRows.map(
      (row): CalendarEntry => ({
        type: 'booking',
        id: row.booking.id,
        start: row.booking.startsAt.toISOString(),
        end: row.booking.endsAt.toISOString(),
        status: row.booking.status,
        practitionerId: row.booking.practitionerId,
        roomId: row.booking.roomId,
        service: { id: row.booking.serviceId, name: row.serviceName },
        client: { id: row.booking.clientId, name: `${row.firstName} ${row.lastName}` },
      }),
    ),
    ...blockRows.map(
      (row): CalendarEntry => ({
        type: 'block',
        id: row.id,
        resourceId: row.resourceId,
        start: (row.start as Date).toISOString(),
        end: (row.end as Date).toISOString(),
        note: row.note,
      }),
    ),
  ].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

export type StaffBookingInput = {
  clientId: string;
  serviceId: string;
  practitionerId: string;
  roomId?: string | null | undefined;
  start: string;
};

/**
 * Staff book on a client's behalf. Working hours and online rules do not bind staff (they may
 * squeeze someone in), but the resources must still be free: the exclusion constraint decides.
 */
export async function createStaffBooking(tx: Tx, tenantId: string, actor: Actor, input: StaffBookingInput): Promise<{ id: string }> {
  const service = await getService(tx, tenantId, input.serviceId);
  const language = await clientLanguage(tx, tenantId, input.clientId);
  await assertResourceExists(tx, tenantId, input.practitionerId, 'practitioner');
  if (service.needsRoom && !input.roomId) throw new DomainError('BAD_REQUEST', 'INVALID_INPUT', 'This service needs a room');
  if (input.roomId) await assertResourceExists(tx, tenantId, input.roomId, 'room');
  const start = new Date(input.start);
  const end = new Date(start.getTime() + service.durationMinutes * 60_000);
  const id = newId();
  await placeBooking(tx, tenantId, {
    id,
    clientId: input.clientId,
    serviceId: service.id,
    practitionerId: input.practitionerId,
    roomId: input.roomId ?? null,
    startsAt: start,
    endsAt: end,
    source: 'staff',
    priceCents: service.priceCents,
    currency: service.currency,
    // The client's own language for the confirmation and reminders, else the clinic's.
    language,
    idempotencyKey: null,
    manageTokenHash: null,
    heldDuring: heldRange(start, end, service.bufferBeforeMinutes, service.bufferAfterMinutes),
    createdBy: actor.id,
  });
  await appendAudit(tx, tenantId, actor, { action: 'create', entity: 'booking', entityId: id, details: { source: 'staff' } });
  return { id };
}

async function lockBooking(tx: Tx, tenantId: string, bookingId: string) {
  const [booking] = await tx
    .select()
    .from(bookings)
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.id, bookingId)))
    .for('update');
  if (!booking) throw notFound('Booking');
  return booking;
}

/** Moves a booking in time and/or to another practitioner or room, under the same constraint. */
export async function moveBooking(
  tx: Tx,
  tenantId: string,
  actor: Actor,
  input: { bookingId: string; start: string; practitionerId?: string | undefined; roomId?: string | null | undefined },
): Promise<void> {
  const booking = await lockBooking(tx, tenantId, input.bookingId);
  if (booking.status !== 'confirmed' && booking.status !== 'pending_payment') {
    throw new DomainError('CONFLICT', 'INVALID_INPUT', 'Only an upcoming booking can be moved');
  }
  const service = await getService(tx, tenantId, booking.serviceId);
  const practitionerId = input.practitionerId ?? booking.practitionerId;
  const roomId = input.roomId === undefined ? booking.roomId : input.roomId;
  if (input.practitionerId) await assertResourceExists(tx, tenantId, practitionerId, 'practitioner');
  if (roomId && input.roomId !== undefined) await assertResourceExists(tx, tenantId, roomId, 'room');
  if (service.needsRoom && !roomId) throw new DomainError('BAD_REQUEST', 'INVALID_INPUT', 'This service needs a room');
  const start = new Date(input.start);
  const end = new Date(start.getTime() + (booking.endsAt.getTime() - booking.startsAt.getTime()));
  await releaseBookingResources(tx, tenantId, booking.id);
  await tx
    .update(bookings)
    .set({ startsAt: start, endsAt: end, practitionerId, roomId, updatedAt: new Date() })
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.id, booking.id)));
  await holdResources(tx, tenantId, {
    bookingId: booking.id,
    kind: 'booking',
    resourceIds: roomId ? [practitionerId, roomId] : [practitionerId],
    during: heldRange(start, end, service.bufferBeforeMinutes, service.bufferAfterMinutes),
    createdBy: actor.id,
  });
  await appendAudit(tx, tenantId, actor, {
    action: 'update',
    entity: 'booking',
    entityId: booking.id,
    details: { fields: ['start', 'resources'] },
  });
}

export async function cancelStaffBooking(tx: Tx, tenantId: string, actor: Actor, bookingId: string): Promise<boolean> {
  const booking = await lockBooking(tx, tenantId, bookingId);
  if (booking.status === 'cancelled') return false;
  // A visit that took place (or was missed) stays on record: cancelling it would also tell the client it was cancelled.
  if (booking.status === 'completed' || booking.status === 'no_show') {
    throw new DomainError('CONFLICT', 'INVALID_INPUT', 'A visit that has taken place cannot be cancelled');
  }
  await tx
    .update(bookings)
    .set({ status: 'cancelled', cancelledAt: new Date(), manageTokenHash: null, updatedAt: new Date() })
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.id, bookingId)));
  await releaseBookingResources(tx, tenantId, bookingId);
  await appendAudit(tx, tenantId, actor, { action: 'cancel', entity: 'booking', entityId: bookingId });
  return true;
}

/** After the visit: completed or no-show. The time stays held (it was used). */
export async function setVisitOutcome(
  tx: Tx,
  tenantId: string,
  actor: Actor,
  bookingId: string,
  status: 'completed' | 'no_show',
): Promise<void> {
  const booking = await lockBooking(tx, tenantId, bookingId);
  if (booking.status === 'cancelled') throw new DomainError('CONFLICT', 'INVALID_INPUT', 'A cancelled booking has no visit');
  await tx
    .update(bookings)
    .set({ status, updatedAt: new Date() })
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.id, bookingId)));
  await appendAudit(tx, tenantId, actor, { action: 'update', entity: 'booking', entityId: bookingId, details: { status } });
}

/** Holds a resource's time with no booking: a meeting, a break, time off. */
export async function blockTime(
  tx: Tx,
  tenantId: string,
  actor: Actor,
  input: { resourceId: string; start: string; end: string; note?: string | null | undefined },
): Promise<{ id: string }> {
  await assertResourceExists(tx, tenantId, input.resourceId);
  const start = new Date(input.start);
  const end = new Date(input.end);
  if (!(end > start)) throw new DomainError('BAD_REQUEST', 'INVALID_INPUT', 'The end must be after the start');
  const [id] = await holdResources(tx, tenantId, {
    bookingId: null,
    kind: 'block',
    resourceIds: [input.resourceId],
    during: `[${start.toISOString()},${end.toISOString()})`,
    note: input.note ?? null,
    createdBy: actor.id,
  });
  await appendAudit(tx, tenantId, actor, { action: 'create', entity: 'block', entityId: id ?? null });
  return { id: id as string };
}

export async function removeBlock(tx: Tx, tenantId: string, actor: Actor, blockId: string): Promise<void> {
  const removed = await tx
    .update(allocations)
    .set({ live: false })
    .where(and(eq(allocations.tenantId, tenantId), eq(allocations.id, blockId), eq(allocations.kind, 'block'), eq(allocations.live, true)))
    .returning({ id: allocations.id });
  if (removed.length === 0) throw notFound('Block');
  await appendAudit(tx, tenantId, actor, { action: 'delete', entity: 'block', entityId: blockId });
}
