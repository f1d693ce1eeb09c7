import type { Locale } from '@hetki/shared';
import { and, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/connections.js';
import { bookings, clients, type LocalizedText, type outboxMessages, resources, services } from '../../db/schema/index.js';
import { type BookingMessageKind, renderBookingEmail, renderBookingSms } from '../../messages/index.js';
import type { ManageTokens } from '../../services/booking/manageToken.js';
import type { SenderProfile } from '../senderProfile.js';
import type { Composed } from './types.js';

type OutboxRow = typeof outboxMessages.$inferSelect;

const LIVE = new Set(['confirmed', 'pending_payment']);

export function localizedText(text: LocalizedText, locale: Locale): string {
  return text[locale] ?? text.fi ?? text.en ?? text.sv ?? '';
}

/**
 * A booking message from the booking as it is now. A confirmation or reminder for a booking that
 * has since been cancelled is skipped; the cancellation notice goes out instead.
 */
export async function composeBookingMessage(
  tx: Tx,
  row: OutboxRow,
  profile: SenderProfile,
  links: { baseUrl: string; manageTokens: ManageTokens },
  now: Date,
): Promise<Composed> {
  if (!row.bookingId) return { kind: 'skip', reason: 'booking_missing' };
  const room = alias(resources, 'room');
  const [found] = await tx
    .select({ booking: bookings, serviceName: services.name, practitionerName: resources.name, roomName: room.name, client: clients })
    .from(bookings)
    .innerJoin(services, and(eq(services.tenantId, bookings.tenantId), eq(services.id, bookings.serviceId)))
    .innerJoin(resources, and(eq(resources.tenantId, bookings.tenantId), eq(resources.id, bookings.practitionerId)))
    .leftJoin(room, and(eq(room.tenantId, bookings.tenantId), eq(room.id, bookings.roomId)))
    .innerJoin(clients, and(eq(clients.tenantId, bookings.tenantId), eq(clients.id, bookings.clientId)))
    .where(and(eq(bookings.tenantId, row.tenantId), eq(bookings.id, row.bookingId)));
  if (!found) return { kind: 'skip', reason: 'booking_missing' };
  const { booking, client } = found;
  const kind = row.kind as BookingMessageKind;
  const live = LIVE.has(booking.status);
  if (kind !== 'booking_cancelled' && !live) return { kind: 'skip', reason: 'booking_not_active' };
  if (kind === 'booking_reminder' && booking.startsAt <= now) return { kind: 'skip', reason: 'booking_started' };

  const locale = row.locale as Locale;
  const manageUrl =
    live && booking.idempotencyKey && kind !== 'staff_new_booking'
      ? `${links.baseUrl}/book/${profile.slug}/manage#${links.manageTokens.tokenFor(row.tenantId, booking.idempotencyKey)}`
      : null;
  const context = {
    kind,
    locale,
    clinic: { name: profile.name, email: profile.email, phone: profile.phone, address: profile.address, timeZone: profile.timeZone },
    booking: {
      id: booking.id,
      start: booking.startsAt,
      end: booking.endsAt,
      serviceName: localizedText(found.serviceName, locale),
      practitionerName: found.practitionerName,
      roomName: found.roomName,
      priceCents: booking.priceCents,
      currency: booking.currency,
    },
    clientFirstName: client.firstName,
    clientFullName: `${client.firstName} ${client.lastName}`,
    manageUrl,
    now,
  };
  if (row.channel === 'sms') return { kind: 'sms', body: renderBookingSms(context) };
  const rendered = renderBookingEmail(context);
  return {
    kind: 'email',
    email: {
      fromName: profile.name,
      replyTo: profile.email,
      to: row.recipient,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      headers: {},
      calendar: rendered.ics ? { method: kind === 'booking_cancelled' ? 'CANCEL' : 'REQUEST', content: rendered.ics } : null,
    },
  };
}
