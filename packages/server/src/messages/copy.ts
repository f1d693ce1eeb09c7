import type { Locale } from '@hetki/shared';
import type { BookingMessageKind } from './bookingMessages.js';

/**
 * Every user-visible string of booking messages, campaigns and SMS, per locale, so that translators
 * see them in one place. Clinic names are never inflected (Finnish cases would mangle them), so
 * sentences are built to take the name as is.
 */

type Moment = { clinic: string; when: string };

export type BookingKindCopy = {
  subject: (v: Moment) => string;
  heading: string;
  lead: string;
  /** Introduces the manage link when the context has one. */
  manageSentence: string;
  manageLinkText: string;
  /** Said instead when there is no manage link; null says nothing. */
  withoutLinkSentence: string | null;
  /** A closing remark after the details; null for none. */
  afterword: string | null;
  /** Explains the attached .ics; null when the kind has none. */
  calendarNote: string | null;
  sms: (v: Moment & { practitioner: string }) => string;
};

export type Copy = {
  /** BCP 47 tag for Intl formatting. */
  intlLocale: string;
  /** Between the date and the time: "ti 24.11.2026 klo 14.00". */
  dateTimeJoiner: string;
  greeting: (firstName: string) => string;
  greetingWithoutName: string;
  labels: {
    time: string;
    service: string;
    practitioner: string;
    room: string;
    price: string;
    client: string;
    location: string;
    email: string;
    phone: string;
  };
  timeZoneNote: (timeZone: string) => string;
  signOff: string;
  contactHeading: string;
  booking: Record<BookingMessageKind, BookingKindCopy>;
  /** Appended to a booking SMS that carries the manage link. */
  smsManage: (url: string) => string;
  campaign: {
    reason: (clinic: string) => string;
    unsubscribeSentence: string;
    unsubscribeLinkText: string;
  };
  smsStop: string;
};

const fi: Copy = {
  intlLocale: 'fi-FI',
  dateTimeJoiner: ' klo ',
  greeting: (firstName) => `Hei ${firstName},`,
  greetingWithoutName: 'Hei,',
  labels: {
    time: 'Aika',
    service: 'Palvelu',
    practitioner: 'Työntekijä',
    room: 'Huone',
    price: 'Hinta',
    client: 'Asiakas',
    location: 'Paikka',
    email: 'Sähköposti',
    phone: 'Puhelin',
  },
  timeZoneNote: (timeZone) => `Ajat on ilmoitettu aikavyöhykkeen ${timeZone} mukaan.`,
  signOff: 'Ystävällisin terveisin',
  contactHeading: 'Yhteystiedot',
  booking: {
    booking_confirmation: {
      subject: ({ clinic, when }) => `Varausvahvistus – ${clinic}, ${when}`,
      heading: 'Varauksesi on vahvistettu',
      lead: 'Kiitos varauksestasi! Tässä ovat aikasi tiedot.',
      manageSentence: 'Jos haluat perua tai siirtää aikasi, voit tehdä sen alla olevan linkin kautta.',
      manageLinkText: 'Näytä, siirrä tai peru varaus',
      withoutLinkSentence: 'Jos haluat perua tai siirtää aikasi, otathan yhteyttä meihin.',
      afterword: 'Tervetuloa!',
      calendarNote: 'Viestin liitteenä on kalenterimerkintä, jonka voit lisätä omaan kalenteriisi.',
      sms: ({ clinic, when }) => `${clinic}: Aikasi ${when} on vahvistettu. Tervetuloa!`,
    },
    booking_reminder: {
      subject: ({ clinic, when }) => `Muistutus ajastasi – ${clinic}, ${when}`,
      heading: 'Muistutus tulevasta ajastasi',
      lead: 'Muistutamme sinua tulevasta ajastasi.',
      manageSentence: 'Jos haluat perua tai siirtää aikasi, voit tehdä sen alla olevan linkin kautta.',
      manageLinkText: 'Näytä, siirrä tai peru varaus',
      withoutLinkSentence: 'Jos haluat perua tai siirtää aikasi, otathan yhteyttä meihin.',
      afterword: 'Tervetuloa!',
      calendarNote: null,
      sms: ({ clinic, when }) => `${clinic}: Muistutus ajastasi ${when}. Tervetuloa!`,
    },
    booking_cancelled: {
      subject: ({ clinic, when }) => `Varaus peruttu – ${clinic}, ${when}`,
      heading: 'Varauksesi on peruttu',
      lead: 'Alla oleva varauksesi on peruttu.',
      manageSentence: 'Voit tarkastella varauksen tietoja alla olevan linkin kautta.',
      manageLinkText: 'Näytä varaus',
      withoutLinkSentence: null,
      afterword: 'Tervetuloa varaamaan uusi aika, kun se sinulle sopii.',
      calendarNote: 'Liitteenä oleva kalenterimerkintä poistaa ajan kalenteristasi.',
      sms: ({ clinic, when }) => `${clinic}: Aikasi ${when} on peruttu.`,
    },
    booking_rescheduled: {
      subject: ({ clinic, when }) => `Aikasi on siirretty – ${clinic}, ${when}`,
      heading: 'Varauksesi aika on muuttunut',
      lead: 'Varauksesi on siirretty uuteen aikaan. Tässä ovat päivitetyt tiedot.',
      manageSentence: 'Jos haluat perua tai siirtää aikasi, voit tehdä sen alla olevan linkin kautta.',
      manageLinkText: 'Näytä, siirrä tai peru varaus',
      withoutLinkSentence: 'Jos haluat perua tai siirtää aikasi, otathan yhteyttä meihin.',
      afterword: 'Tervetuloa!',
      calendarNote: 'Liitteenä oleva kalenterimerkintä päivittää ajan kalenteriisi.',
      sms: ({ clinic, when }) => `${clinic}: Aikasi on siirretty. Uusi aika on ${when}.`,
    },
    staff_new_booking: {
      subject: ({ clinic, when }) => `Uusi varaus – ${clinic}, ${when}`,
      heading: 'Uusi varaus',
      lead: 'Asiakas on tehnyt uuden varauksen.',
      manageSentence: 'Voit avata varauksen alla olevan linkin kautta.',
      manageLinkText: 'Avaa varaus',
      withoutLinkSentence: null,
      afterword: null,
      calendarNote: null,
      sms: ({ clinic, when, practitioner }) => `${clinic}: Uusi varaus ${when} (${practitioner}).`,
    },
  },
  smsManage: (url) => `Peru tai siirrä: ${url}`,
  campaign: {
    reason: (clinic) =>
      `Saat tämän viestin, koska olet antanut suostumuksesi markkinointiviestien vastaanottamiseen lähettäjältä ${clinic}.`,
    unsubscribeSentence: 'Voit perua tilauksen milloin tahansa maksutta.',
    unsubscribeLinkText: 'Peru tilaus',
  },
  smsStop: 'Peru: vastaa STOP',
};

const sv: Copy = {
  intlLocale: 'sv-FI',
  dateTimeJoiner: ' kl. ',
  greeting: (firstName) => `Hej ${firstName},`,
  greetingWithoutName: 'Hej,',
  labels: {
    time: 'Tid',
    service: 'Tjänst',
    practitioner: 'Behandlare',
    room: 'Rum',
    price: 'Pris',
    client: 'Kund',
    location: 'Plats',
    email: 'E-post',
    phone: 'Telefon',
  },
  timeZoneNote: (timeZone) => `Tiderna anges enligt tidszonen ${timeZone}.`,
  signOff: 'Med vänliga hälsningar',
  contactHeading: 'Kontaktuppgifter',
  booking: {
    booking_confirmation: {
      subject: ({ clinic, when }) => `Bokningsbekräftelse – ${clinic}, ${when}`,
      heading: 'Din bokning är bekräftad',
      lead: 'Tack för din bokning! Här är uppgifterna om din tid.',
      manageSentence: 'Om du vill avboka eller flytta din tid kan du göra det via länken nedan.',
      manageLinkText: 'Visa, flytta eller avboka bokningen',
      withoutLinkSentence: 'Om du vill avboka eller flytta din tid ber vi dig kontakta oss.',
      afterword: 'Välkommen!',
      calendarNote: 'Till meddelandet har bifogats en kalenderfil som du kan lägga till i din kalender.',
      sms: ({ clinic, when }) => `${clinic}: Din tid ${when} är bekräftad. Välkommen!`,
    },
    booking_reminder: {
      subject: ({ clinic, when }) => `Påminnelse om din tid – ${clinic}, ${when}`,
      heading: 'Påminnelse om din kommande tid',
      lead: 'Vi vill påminna dig om din kommande tid.',
      manageSentence: 'Om du vill avboka eller flytta din tid kan du göra det via länken nedan.',
      manageLinkText: 'Visa, flytta eller avboka bokningen',
      withoutLinkSentence: 'Om du vill avboka eller flytta din tid ber vi dig kontakta oss.',
      afterword: 'Välkommen!',
      calendarNote: null,
      sms: ({ clinic, when }) => `${clinic}: Påminnelse om din tid ${when}. Välkommen!`,
    },
    booking_cancelled: {
      subject: ({ clinic, when }) => `Bokningen har avbokats – ${clinic}, ${when}`,
      heading: 'Din bokning har avbokats',
      lead: 'Följande bokning har avbokats.',
      manageSentence: 'Du kan se uppgifterna om bokningen via länken nedan.',
      manageLinkText: 'Visa bokningen',
      withoutLinkSentence: null,
      afterword: 'Du är välkommen att boka en ny tid när det passar dig.',
      calendarNote: 'Den bifogade kalenderfilen tar bort tiden från din kalender.',
      sms: ({ clinic, when }) => `${clinic}: Din tid ${when} har avbokats.`,
    },
    booking_rescheduled: {
      subject: ({ clinic, when }) => `Din tid har flyttats – ${clinic}, ${when}`,
      heading: 'Din tid har flyttats',
      lead: 'Din bokning har flyttats till en ny tid. Här är de uppdaterade uppgifterna.',
      manageSentence: 'Om du vill avboka eller flytta din tid kan du göra det via länken nedan.',
      manageLinkText: 'Visa, flytta eller avboka bokningen',
      withoutLinkSentence: 'Om du vill avboka eller flytta din tid ber vi dig kontakta oss.',
      afterword: 'Välkommen!',
      calendarNote: 'Den bifogade kalenderfilen uppdaterar tiden i din kalender.',
      sms: ({ clinic, when }) => `${clinic}: Din tid har flyttats till ${when}.`,
    },
    staff_new_booking: {
      subject: ({ clinic, when }) => `Ny bokning – ${clinic}, ${when}`,
      heading: 'Ny bokning',
      lead: 'En kund har gjort en ny bokning.',
      manageSentence: 'Du kan öppna bokningen via länken nedan.',
      manageLinkText: 'Öppna bokningen',
      withoutLinkSentence: null,
      afterword: null,
      calendarNote: null,
      sms: ({ clinic, when, practitioner }) => `${clinic}: Ny bokning ${when} (${practitioner}).`,
    },
  },
  smsManage: (url) => `Avboka eller flytta: ${url}`,
  campaign: {
    reason: (clinic) => `Du får det här meddelandet eftersom du har samtyckt till att ta emot marknadsföring från ${clinic}.`,
    unsubscribeSentence: 'Du kan avsluta prenumerationen när som helst utan kostnad.',
    unsubscribeLinkText: 'Avsluta prenumerationen',
  },
  smsStop: 'Avsluta: svara STOP',
};

const en: Copy = {
  intlLocale: 'en-GB',
  dateTimeJoiner: ' at ',
  greeting: (firstName) => `Hello ${firstName},`,
  greetingWithoutName: 'Hello,',
  labels: {
    time: 'Time',
    service: 'Service',
    practitioner: 'Practitioner',
    room: 'Room',
    price: 'Price',
    client: 'Client',
    location: 'Location',
    email: 'Email',
    phone: 'Phone',
  },
  timeZoneNote: (timeZone) => `Times are shown in the ${timeZone} time zone.`,
  signOff: 'Kind regards',
  contactHeading: 'Contact details',
  booking: {
    booking_confirmation: {
      subject: ({ clinic, when }) => `Booking confirmation – ${clinic}, ${when}`,
      heading: 'Your appointment is confirmed',
      lead: 'Thank you for your booking! Here are the details of your appointment.',
      manageSentence: 'If you need to cancel or reschedule, you can do so using the link below.',
      manageLinkText: 'View, reschedule or cancel your booking',
      withoutLinkSentence: 'If you need to cancel or reschedule, please contact us.',
      afterword: 'We look forward to seeing you.',
      calendarNote: 'A calendar file is attached so that you can add the appointment to your calendar.',
      sms: ({ clinic, when }) => `${clinic}: Your appointment is confirmed for ${when}. Welcome!`,
    },
    booking_reminder: {
      subject: ({ clinic, when }) => `Appointment reminder – ${clinic}, ${when}`,
      heading: 'Reminder of your upcoming appointment',
      lead: 'This is a friendly reminder of your upcoming appointment.',
      manageSentence: 'If you need to cancel or reschedule, you can do so using the link below.',
      manageLinkText: 'View, reschedule or cancel your booking',
      withoutLinkSentence: 'If you need to cancel or reschedule, please contact us.',
      afterword: 'We look forward to seeing you.',
      calendarNote: null,
      sms: ({ clinic, when }) => `${clinic}: Reminder of your appointment on ${when}. See you soon!`,
    },
    booking_cancelled: {
      subject: ({ clinic, when }) => `Appointment cancelled – ${clinic}, ${when}`,
      heading: 'Your appointment has been cancelled',
      lead: 'The following appointment has been cancelled.',
      manageSentence: 'You can view the booking details using the link below.',
      manageLinkText: 'View booking',
      withoutLinkSentence: null,
      afterword: 'You are welcome to book a new appointment whenever it suits you.',
      calendarNote: 'The attached calendar file removes the appointment from your calendar.',
      sms: ({ clinic, when }) => `${clinic}: Your appointment on ${when} has been cancelled.`,
    },
    booking_rescheduled: {
      subject: ({ clinic, when }) => `Appointment moved – ${clinic}, ${when}`,
      heading: 'Your appointment has been moved',
      lead: 'Your appointment has been moved to a new time. Here are the updated details.',
      manageSentence: 'If you need to cancel or reschedule, you can do so using the link below.',
      manageLinkText: 'View, reschedule or cancel your booking',
      withoutLinkSentence: 'If you need to cancel or reschedule, please contact us.',
      afterword: 'We look forward to seeing you.',
      calendarNote: 'The attached calendar file updates the appointment in your calendar.',
      sms: ({ clinic, when }) => `${clinic}: Your appointment has been moved to ${when}.`,
    },
    staff_new_booking: {
      subject: ({ clinic, when }) => `New booking – ${clinic}, ${when}`,
      heading: 'New booking',
      lead: 'A client has made a new booking.',
      manageSentence: 'You can open the booking using the link below.',
      manageLinkText: 'Open booking',
      withoutLinkSentence: null,
      afterword: null,
      calendarNote: null,
      sms: ({ clinic, when, practitioner }) => `${clinic}: New booking on ${when} (${practitioner}).`,
    },
  },
  smsManage: (url) => `Cancel or reschedule: ${url}`,
  campaign: {
    reason: (clinic) => `You are receiving this email because you agreed to receive marketing messages from ${clinic}.`,
    unsubscribeSentence: 'You can unsubscribe at any time, free of charge.',
    unsubscribeLinkText: 'Unsubscribe',
  },
  smsStop: 'Opt out: reply STOP',
};

export const COPY: Record<Locale, Copy> = { fi, sv, en };
