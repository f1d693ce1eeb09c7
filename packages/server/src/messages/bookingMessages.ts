import type { Locale } from '@hetki/shared';
import { COPY } from './copy.js';
import { type Block, contactLines, type Email, type Line, renderHtml, renderText } from './emailLayout.js';
import { assertWebUrl, formatAddress, formatDateTime, formatMoney, formatShortDateTime, formatTimeRange } from './format.js';
import { buildIcs } from './ics.js';
import { smsSegments } from './smsSegments.js';

export type { Locale };

export type BookingMessageKind =
  | 'booking_confirmation'
  | 'booking_reminder'
  | 'booking_cancelled'
  | 'booking_rescheduled'
  | 'staff_new_booking';

export type BookingMessageContext = {
  kind: BookingMessageKind;
  locale: Locale;
  clinic: {
    name: string;
    email: string | null;
    phone: string | null;
    address: { street: string; postalCode: string; city: string } | null;
    timeZone: string;
  };
  booking: {
    id: string;
    start: Date;
    end: Date;
    serviceName: string;
    practitionerName: string;
    roomName: string | null;
    priceCents: number;
    currency: string;
  };
  clientFirstName: string;
  /** Link to view/cancel/reschedule; null when not available (e.g. staff message, or cancelled). */
  manageUrl: string | null;
  /** staff_new_booking only: the client's full name shown to clinic staff. */
  clientFullName?: string;
  now: Date;
};

export type RenderedEmail = { subject: string; text: string; html: string; ics: string | null };

const ICS_METHOD: Record<BookingMessageKind, 'REQUEST' | 'CANCEL' | null> = {
  booking_confirmation: 'REQUEST',
  booking_rescheduled: 'REQUEST',
  booking_cancelled: 'CANCEL',
  booking_reminder: null,
  staff_new_booking: null,
};

/** Kinds whose SMS may carry the manage link. */
const SMS_LINK_KINDS: ReadonlySet<BookingMessageKind> = new Set(['booking_confirmation', 'booking_rescheduled', 'booking_reminder']);

// Sequence numbers count seconds from here: they grow with every update without a stored counter,
// and stay within the 32-bit integer that calendar clients expect for decades longer than Unix time would.
const SEQUENCE_EPOCH_MS = Date.UTC(2025, 0, 1);

export function renderBookingEmail(ctx: BookingMessageContext): RenderedEmail {
  const copy = COPY[ctx.locale];
  const kindCopy = copy.booking[ctx.kind];
  const subject = kindCopy.subject({ clinic: ctx.clinic.name, when: formatDateTime(ctx.booking.start, ctx.locale, ctx.clinic.timeZone) });
  const ics = bookingIcs(ctx);
  const blocks: Block[] = [
    { kind: 'heading', text: kindCopy.heading },
    { kind: 'paragraph', lines: [[greeting(ctx)]] },
    { kind: 'paragraph', lines: [[kindCopy.lead]] },
    { kind: 'details', rows: detailRows(ctx) },
    { kind: 'small', lines: [[copy.timeZoneNote(ctx.clinic.timeZone)]] },
    ...manageBlocks(ctx),
  ];
  if (ics !== null && kindCopy.calendarNote) blocks.push(paragraph(kindCopy.calendarNote));
  if (kindCopy.afterword) blocks.push(paragraph(kindCopy.afterword));
  blocks.push(
    { kind: 'paragraph', lines: [[copy.signOff], [ctx.clinic.name]] },
    { kind: 'divider' },
    { kind: 'small', lines: [[copy.contactHeading], ...clinicContact(ctx)] },
  );
  const email: Email = { lang: ctx.locale, title: subject, blocks };
  return { subject, text: renderText(email), html: renderHtml(email), ics };
}

/**
 * A short SMS with the clinic and the time. The service is left out on purpose: an SMS shows on a
 * locked screen, and a service name ("psychotherapy") can reveal health information.
 */
export function renderBookingSms(ctx: BookingMessageContext): string {
  const copy = COPY[ctx.locale];
  const message = copy.booking[ctx.kind].sms({
    clinic: ctx.clinic.name,
    when: formatShortDateTime(ctx.booking.start, ctx.locale, ctx.clinic.timeZone),
    practitioner: ctx.booking.practitionerName,
  });
  if (ctx.manageUrl === null || !SMS_LINK_KINDS.has(ctx.kind)) return message;
  const withLink = `${message} ${copy.smsManage(assertWebUrl(ctx.manageUrl))}`;
  // A reminder is complete without the link, so it gets one only when that costs no extra segment.
  if (ctx.kind === 'booking_reminder' && smsSegments(withLink).segments > smsSegments(message).segments) return message;
  return withLink;
}

function paragraph(text: string): Block {
  return { kind: 'paragraph', lines: [[text]] };
}

function isStaff(ctx: BookingMessageContext): boolean {
  return ctx.kind === 'staff_new_booking';
}

function greeting(ctx: BookingMessageContext): string {
  const copy = COPY[ctx.locale];
  const firstName = ctx.clientFirstName.trim();
  return isStaff(ctx) || firstName === '' ? copy.greetingWithoutName : copy.greeting(firstName);
}

function location(ctx: BookingMessageContext): string {
  const { name, address } = ctx.clinic;
  return address ? `${name}, ${formatAddress(address)}` : name;
}

function detailRows(ctx: BookingMessageContext): Array<{ label: string; value: string }> {
  const { labels } = COPY[ctx.locale];
  const { booking } = ctx;
  const rows = [
    { label: labels.time, value: formatTimeRange(booking.start, booking.end, ctx.locale, ctx.clinic.timeZone) },
    { label: labels.service, value: booking.serviceName },
    { label: labels.practitioner, value: booking.practitionerName },
  ];
  if (booking.roomName) rows.push({ label: labels.room, value: booking.roomName });
  if (isStaff(ctx)) rows.push({ label: labels.client, value: ctx.clientFullName ?? ctx.clientFirstName });
  // Whether a cancellation costs anything is not known here, so it shows no price rather than a wrong one.
  if (booking.priceCents > 0 && ctx.kind !== 'booking_cancelled') {
    rows.push({ label: labels.price, value: formatMoney(booking.priceCents, booking.currency, ctx.locale) });
  }
  rows.push({ label: labels.location, value: location(ctx) });
  return rows;
}

function manageBlocks(ctx: BookingMessageContext): Block[] {
  const kindCopy = COPY[ctx.locale].booking[ctx.kind];
  if (ctx.manageUrl !== null) {
    const link: Line = [{ text: kindCopy.manageLinkText, href: assertWebUrl(ctx.manageUrl) }];
    return [{ kind: 'paragraph', lines: [[kindCopy.manageSentence], link] }];
  }
  return kindCopy.withoutLinkSentence ? [paragraph(kindCopy.withoutLinkSentence)] : [];
}

function clinicContact(ctx: BookingMessageContext): Line[] {
  const { clinic } = ctx;
  const address = clinic.address ? formatAddress(clinic.address) : null;
  return contactLines({ name: clinic.name, email: clinic.email, phone: clinic.phone, address }, COPY[ctx.locale].labels);
}

function bookingIcs(ctx: BookingMessageContext): string | null {
  const method = ICS_METHOD[ctx.kind];
  if (method === null) return null;
  const { booking, clinic } = ctx;
  const { labels } = COPY[ctx.locale];
  const description = [`${labels.service}: ${booking.serviceName}`, `${labels.practitioner}: ${booking.practitionerName}`];
  if (booking.roomName) description.push(`${labels.room}: ${booking.roomName}`);
  if (method === 'REQUEST' && ctx.manageUrl !== null) description.push('', assertWebUrl(ctx.manageUrl));
  return buildIcs({
    // The same UID for every message about the booking, so that updates replace the calendar entry.
    uid: `${booking.id}@hetki`,
    start: booking.start,
    end: booking.end,
    summary: `${booking.serviceName} – ${clinic.name}`,
    description: description.join('\n'),
    location: location(ctx),
    organizerName: clinic.name,
    organizerEmail: clinic.email,
    method,
    sequence: ctx.kind === 'booking_confirmation' ? 0 : updateSequence(ctx.now),
    now: ctx.now,
  });
}

function updateSequence(now: Date): number {
  return Math.max(1, Math.floor((now.getTime() - SEQUENCE_EPOCH_MS) / 1000));
}
