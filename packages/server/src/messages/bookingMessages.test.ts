import { describe, expect, it } from 'vitest';
import {
  type BookingMessageContext,
  type BookingMessageKind,
  type Locale,
  renderBookingEmail,
  renderBookingSms,
} from './bookingMessages.js';
import { smsSegments } from './smsSegments.js';

const LOCALES: Locale[] = ['fi', 'sv', 'en'];
const KINDS: BookingMessageKind[] = [
  'booking_confirmation',
  'booking_reminder',
  'booking_cancelled',
  'booking_rescheduled',
  'staff_new_booking',
];

function context(overrides: Partial<BookingMessageContext> = {}): BookingMessageContext {
  return {
    kind: 'booking_confirmation',
    locale: 'fi',
    clinic: {
      name: 'Fysio Hetki',
      email: 'info@fysiohetki.example',
      phone: '+358 40 123 4567',
      address: { street: 'Mannerheimintie 1', postalCode: '00100', city: 'Helsinki' },
      timeZone: 'Europe/Helsinki',
    },
    booking: {
      id: '0191f0c2-1111-7000-8000-000000000001',
      start: new Date('2026-11-24T12:00:00Z'),
      end: new Date('2026-11-24T13:00:00Z'),
      serviceName: 'Hieronta 60 min',
      practitionerName: 'Anna Virtanen',
      roomName: 'Huone 2',
      priceCents: 7500,
      currency: 'EUR',
    },
    clientFirstName: 'Matti',
    manageUrl: 'https://hetki.example/manage/abc?token=x&y=1',
    clientFullName: 'Matti Meikäläinen',
    now: new Date('2026-11-01T10:00:00Z'),
    ...overrides,
  };
}

const LOCAL_TIME: Record<Locale, string> = {
  fi: 'ti 24.11.2026 klo 14.00–15.00',
  sv: 'tis 24.11.2026 kl. 14.00–15.00',
  en: 'Tue, 24 November 2026 at 14:00–15:00',
};

describe('renderBookingEmail', () => {
  for (const locale of LOCALES) {
    for (const kind of KINDS) {
      it(`${locale} ${kind}: subject, text and html carry the clinic, its contact and the local time`, () => {
        const email = renderBookingEmail(context({ locale, kind }));
        expect(email.subject).toContain('Fysio Hetki');
        expect(email.subject).toMatch(/14[.:]00/);
        for (const body of [email.text, email.html]) {
          expect(body).toContain('Fysio Hetki');
          expect(body).toContain(LOCAL_TIME[locale]);
          expect(body).toContain('Europe/Helsinki');
          expect(body).toContain('info@fysiohetki.example');
          expect(body).toContain('+358 40 123 4567');
          expect(body).toContain('Mannerheimintie 1, 00100 Helsinki');
          expect(body).toContain('Anna Virtanen');
        }
        expect(email.html).toContain(`<html lang="${locale}">`);
      });
    }
  }

  it('uses copy of its own language', () => {
    expect(renderBookingEmail(context({ locale: 'fi' })).text).toContain('Varauksesi on vahvistettu');
    expect(renderBookingEmail(context({ locale: 'sv' })).text).toContain('Din bokning är bekräftad');
    expect(renderBookingEmail(context({ locale: 'en' })).text).toContain('Your appointment is confirmed');
  });

  it('shows the Helsinki wall clock across DST changes', () => {
    // Summer time ends at 04:00 local on 25 Oct 2026 and begins at 03:00 local on 29 Mar 2026.
    const autumn = renderBookingEmail(
      context({ booking: { ...context().booking, start: new Date('2026-10-25T12:00:00Z'), end: new Date('2026-10-25T13:00:00Z') } }),
    );
    expect(autumn.text).toContain('su 25.10.2026 klo 14.00–15.00');
    const spring = renderBookingEmail(
      context({ booking: { ...context().booking, start: new Date('2026-03-29T12:00:00Z'), end: new Date('2026-03-29T13:00:00Z') } }),
    );
    expect(spring.text).toContain('su 29.3.2026 klo 15.00–16.00');
  });

  it('shows times in the clinic zone, not the server zone', () => {
    const email = renderBookingEmail(context({ locale: 'en', clinic: { ...context().clinic, timeZone: 'America/New_York' } }));
    expect(email.text).toContain('Tue, 24 November 2026 at 7:00–8:00');
    expect(email.text).toContain('America/New_York');
  });

  it('shows both dates for a booking that crosses midnight', () => {
    const booking = { ...context().booking, start: new Date('2026-11-24T21:00:00Z'), end: new Date('2026-11-24T22:30:00Z') };
    expect(renderBookingEmail(context({ booking })).text).toContain('ti 24.11.2026 klo 23.00 – ke 25.11.2026 klo 0.30');
  });

  it('escapes every interpolated value in the html', () => {
    const nasty = '<b>"A&B"</b>';
    const email = renderBookingEmail(
      context({
        clinic: { ...context().clinic, name: nasty, email: 'a"b@example.com' },
        clientFirstName: '<script>alert(1)</script>',
        booking: { ...context().booking, serviceName: 'x<img src=y>', roomName: "O'Brien" },
        manageUrl: 'https://hetki.example/m?a=1&b="2"',
      }),
    );
    expect(email.html).toContain('&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;');
    expect(email.html).not.toContain(nasty);
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain('O&#39;Brien');
    expect(email.html).toContain('href="https://hetki.example/m?a=1&amp;b=&quot;2&quot;"');
    expect(email.html).toContain('href="mailto:a&quot;b@example.com"');
    // The plain text is not HTML and keeps the name as it is.
    expect(email.text).toContain(nasty);
    expect(email.subject).toContain(nasty);
  });

  it('refuses a manage link that is not http(s)', () => {
    expect(() => renderBookingEmail(context({ manageUrl: 'javascript:alert(1)' }))).toThrow(/http/);
  });

  it('attaches an .ics to confirmation, reschedule and cancellation only', () => {
    const ics = (kind: BookingMessageKind, now = new Date('2026-11-01T10:00:00Z')) => renderBookingEmail(context({ kind, now })).ics;
    const confirmation = ics('booking_confirmation');
    expect(confirmation).toContain('METHOD:REQUEST');
    expect(confirmation).toContain('SEQUENCE:0\r\n');
    expect(confirmation).toContain('UID:0191f0c2-1111-7000-8000-000000000001@hetki');

    const sequenceOf = (text: string | null) => Number(/SEQUENCE:(\d+)/.exec(text ?? '')?.[1]);
    const rescheduled = ics('booking_rescheduled');
    expect(rescheduled).toContain('METHOD:REQUEST');
    expect(sequenceOf(rescheduled)).toBeGreaterThanOrEqual(1);
    expect(sequenceOf(ics('booking_rescheduled', new Date('2026-11-02T10:00:00Z')))).toBeGreaterThan(sequenceOf(rescheduled));

    const cancelled = ics('booking_cancelled', new Date('2026-11-03T10:00:00Z'));
    expect(cancelled).toContain('METHOD:CANCEL');
    expect(cancelled).toContain('STATUS:CANCELLED');
    expect(sequenceOf(cancelled)).toBeGreaterThan(sequenceOf(rescheduled));
    expect(sequenceOf(cancelled)).toBeLessThan(2 ** 31);

    expect(ics('booking_reminder')).toBeNull();
    expect(ics('staff_new_booking')).toBeNull();
  });

  it('gives clients the manage link with a sentence on cancelling and rescheduling', () => {
    const email = renderBookingEmail(context({ locale: 'fi', kind: 'booking_reminder' }));
    expect(email.text).toContain('Jos haluat perua tai siirtää aikasi');
    expect(email.text).toContain('https://hetki.example/manage/abc?token=x&y=1');
    expect(email.html).toContain('<a href="https://hetki.example/manage/abc?token=x&amp;y=1"');
  });

  it('asks the client to get in touch when there is no manage link', () => {
    const email = renderBookingEmail(context({ locale: 'en', manageUrl: null }));
    expect(email.text).toContain('please contact us');
    expect(email.html).not.toContain('<a href="http');
  });

  it('shows the client name only to staff and greets staff without a first name', () => {
    const staff = renderBookingEmail(context({ kind: 'staff_new_booking', locale: 'en', manageUrl: null }));
    expect(staff.text).toContain('Client: Matti Meikäläinen');
    expect(staff.text).toContain('Hello,');
    expect(staff.subject).not.toContain('Matti');
    const client = renderBookingEmail(context({ locale: 'en' }));
    expect(client.text).toContain('Hello Matti,');
    expect(client.text).not.toContain('Meikäläinen');
  });

  it('shows the price except on a cancellation, and leaves out an empty room', () => {
    const noRoom = { ...context().booking, roomName: null };
    expect(renderBookingEmail(context({ booking: noRoom })).text).toContain('Hinta: 75,00 €');
    expect(renderBookingEmail(context({ booking: noRoom })).text).not.toContain('Huone');
    expect(renderBookingEmail(context({ kind: 'booking_cancelled' })).text).not.toContain('Hinta');
  });

  it('leaves out contact details the clinic does not have', () => {
    const email = renderBookingEmail(context({ clinic: { ...context().clinic, email: null, phone: null, address: null } }));
    expect(email.text).not.toContain('Sähköposti');
    expect(email.text).not.toContain('Puhelin');
    expect(email.text).toContain('Paikka: Fysio Hetki\n');
    expect(email.ics).not.toContain('ORGANIZER');
  });
});

describe('renderBookingSms', () => {
  it('names the clinic and the local date and time in each language', () => {
    expect(renderBookingSms(context({ kind: 'booking_cancelled' }))).toBe('Fysio Hetki: Aikasi ti 24.11. klo 14.00 on peruttu.');
    expect(renderBookingSms(context({ kind: 'booking_cancelled', locale: 'sv' }))).toBe(
      'Fysio Hetki: Din tid tis 24.11 kl. 14.00 har avbokats.',
    );
    expect(renderBookingSms(context({ kind: 'booking_cancelled', locale: 'en' }))).toBe(
      'Fysio Hetki: Your appointment on Tue 24 Nov at 14:00 has been cancelled.',
    );
  });

  it('includes the manage link in a confirmation', () => {
    const sms = renderBookingSms(context());
    expect(sms).toBe(
      'Fysio Hetki: Aikasi ti 24.11. klo 14.00 on vahvistettu. Tervetuloa! Peru tai siirrä: https://hetki.example/manage/abc?token=x&y=1',
    );
    expect(smsSegments(sms)).toEqual({ encoding: 'GSM-7', characters: sms.length, segments: 1 });
  });

  it('stays within one GSM-7 segment for every kind and locale', () => {
    for (const locale of LOCALES) {
      for (const kind of KINDS) {
        const size = smsSegments(renderBookingSms(context({ locale, kind })));
        expect(size, `${locale} ${kind}`).toMatchObject({ encoding: 'GSM-7', segments: 1 });
      }
    }
  });

  it('drops the link from a reminder when it would cost another segment', () => {
    const manageUrl = `https://hetki.example/manage/${'x'.repeat(100)}`;
    expect(renderBookingSms(context({ kind: 'booking_reminder', manageUrl }))).not.toContain('https://');
    expect(renderBookingSms(context({ kind: 'booking_confirmation', manageUrl }))).toContain(manageUrl);
  });

  it('never mentions the service, which could reveal health information', () => {
    for (const kind of KINDS) expect(renderBookingSms(context({ kind }))).not.toContain('Hieronta');
  });
});
