import { type Locale, type TenantPreferences, tenantPreferencesSchema, toE164, wallClockHoursBefore } from '@hetki/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { outboxMessages } from '../../db/schema/index.js';
import type { OutboxDispatcher } from '../../outbox/outboxQueue.js';
import { type NewOutboxMessage, queueMessages } from '../../outbox/writeOutbox.js';
import { type BookingFacts, loadBookingFacts } from './bookingFacts.js';

export type BookingEvent = 'created' | 'rescheduled' | 'cancelled';

type Audience = { email: string | null; phone: string | null; locale: Locale };

const NOTICE_KIND = { created: 'booking_confirmation', rescheduled: 'booking_rescheduled', cancelled: 'booking_cancelled' } as const;

/**
 * Writes the messages a booking change causes into the outbox, in the change's own transaction:
 * the notice to the client (email, and SMS where the clinic enables it), the reminder at the
 * clinic's wall-clock hour, and the staff notification of a new booking. A reschedule or
 * cancellation first cancels reminders that have not gone out.
 */
export async function queueBookingNotices(
  tx: Tx,
  outbox: OutboxDispatcher,
  tenantId: string,
  bookingId: string,
  event: BookingEvent,
  now: Date,
): Promise<void> {
  const facts = await loadBookingFacts(tx, tenantId, bookingId);
  if (facts) await queueNoticesFor(tx, outbox, tenantId, facts, event, now);
}

/** The same, for a caller that has just read the booking's facts for its own answer too. */
export async function queueNoticesFor(
  tx: Tx,
  outbox: OutboxDispatcher,
  tenantId: string,
  facts: BookingFacts,
  event: BookingEvent,
  now: Date,
): Promise<void> {
  const bookingId = facts.id;
  const preferences: TenantPreferences = tenantPreferencesSchema.parse(facts.clinic.preferences);
  const client: Audience = {
    email: facts.client.email,
    phone: facts.client.phone ? toE164(facts.client.phone) : null,
    locale: (facts.language as Locale) ?? facts.clinic.defaultLocale,
  };

  if (event !== 'created') {
    await tx
      .update(outboxMessages)
      .set({ status: 'cancelled', updatedAt: sql`now()` })
      .where(
        and(
          eq(outboxMessages.tenantId, tenantId),
          eq(outboxMessages.bookingId, bookingId),
          eq(outboxMessages.status, 'pending'),
          inArray(outboxMessages.kind, ['booking_reminder', 'booking_confirmation', 'booking_rescheduled']),
        ),
      );
  }

  const messages: NewOutboxMessage[] = [];
  const toClient = (kind: NewOutboxMessage['kind'], dueAt: Date, withSms: boolean) => {
    if (client.email) messages.push({ kind, channel: 'email', recipient: client.email, locale: client.locale, dueAt, bookingId });
    if (withSms && preferences.messaging.bookingSms && client.phone) {
      messages.push({ kind, channel: 'sms', recipient: client.phone, locale: client.locale, dueAt, bookingId });
    }
  };
  toClient(NOTICE_KIND[event], now, event !== 'cancelled' || preferences.messaging.bookingSms);

  const hours = preferences.messaging.reminderHoursBefore;
  if (event !== 'cancelled' && hours > 0) {
    const remindAt = wallClockHoursBefore(facts.startsAt, hours, facts.clinic.timeZone);
    if (remindAt > now) toClient('booking_reminder', remindAt, true);
  }
  if (event === 'created' && facts.source === 'widget' && preferences.messaging.notifyStaffOfBookings) {
    const staff = new Set([facts.clinic.contactEmail, facts.practitioner.staffEmail].filter((email): email is string => Boolean(email)));
    for (const email of staff) {
      messages.push({
        kind: 'staff_new_booking',
        channel: 'email',
        recipient: email,
        locale: facts.clinic.defaultLocale,
        dueAt: now,
        bookingId,
      });
    }
  }
  await queueMessages(tx, outbox, tenantId, messages);
}
