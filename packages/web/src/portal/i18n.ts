import type { Locale, PortalConsentPurpose } from '@hetki/shared';

export const PORTAL_LOCALES: readonly Locale[] = ['fi', 'sv', 'en'];
export const LOCALE_NAMES: Record<Locale, string> = { fi: 'Suomi', sv: 'Svenska', en: 'English' };
export const INTL_LOCALE: Record<Locale, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

export type PortalText = {
  portalName: string;
  language: string;
  loading: string;
  unavailable: string;
  clinicNotFound: string;
  signIn: {
    heading: string;
    lead: (clinic: string) => string;
    email: string;
    emailHint: string;
    submit: string;
    sending: string;
    sentHeading: string;
    sent: (email: string) => string;
    sentHint: string;
    again: string;
    confirmHeading: string;
    confirmLead: (clinic: string) => string;
    confirm: string;
    signingIn: string;
    linkInvalid: string;
    tooMany: string;
    invalidEmail: string;
    failed: string;
    privacy: string;
  };
  nav: { label: string; bookings: string; details: string; consents: string };
  greeting: (name: string) => string;
  signOut: string;
  bookings: {
    upcoming: string;
    past: string;
    noneUpcoming: string;
    nonePast: string;
    with: (practitioner: string) => string;
    changeUntil: (when: string) => string;
    /** For a booking the client may cancel online but not move (its service is not offered online). */
    cancelOnlyUntil: (when: string) => string;
    noLongerChangeable: string;
    cancel: string;
    reschedule: string;
    confirmCancel: (what: string) => string;
    keep: string;
    yesCancel: string;
    cancelled: string;
    moved: string;
    windowClosed: string;
    notMovable: string;
    slotTaken: string;
    status: Record<string, string>;
  };
  reschedule: {
    heading: string;
    day: string;
    times: string;
    noTimes: string;
    loadingTimes: string;
    confirm: string;
    close: string;
    current: (when: string) => string;
  };
  details: {
    heading: string;
    lead: string;
    firstName: string;
    lastName: string;
    email: string;
    phone: string;
    phoneHint: string;
    emailHint: string;
    language: string;
    languageNone: string;
    save: string;
    saving: string;
    saved: string;
    invalid: string;
  };
  consents: {
    heading: string;
    lead: string;
    purposes: Record<PortalConsentPurpose, { title: string; description: string }>;
    granted: string;
    withdrawn: string;
    never: string;
    since: (when: string) => string;
    grant: string;
    withdraw: string;
    grantedNow: string;
    withdrawnNow: string;
    needsEmail: string;
    needsPhone: string;
    history: string;
    historyEmpty: string;
    when: string;
    what: string;
    decision: string;
    how: string;
    notice: string;
    sources: Record<string, string>;
    noticeVersion: (version: string) => string;
  };
  genericError: string;
  sessionEnded: string;
};

const fi: PortalText = {
  portalName: 'Omat tiedot',
  language: 'Kieli',
  loading: 'Ladataan…',
  unavailable: 'Palvelu ei ole juuri nyt tavoitettavissa. Yritä hetken kuluttua uudelleen.',
  clinicNotFound: 'Tätä vastaanottoa ei löytynyt. Tarkista osoite.',
  signIn: {
    heading: 'Kirjaudu omiin tietoihisi',
    lead: (clinic) => `${clinic}: näe ja muuta varauksiasi, yhteystietojasi ja suostumuksiasi.`,
    email: 'Sähköpostiosoite',
    emailHint: 'Sama osoite, jonka annoit varatessasi ajan.',
    submit: 'Lähetä kirjautumislinkki',
    sending: 'Lähetetään…',
    sentHeading: 'Tarkista sähköpostisi',
    sent: (email) => `Jos osoite ${email} on asiakkaamme, lähetimme siihen kirjautumislinkin.`,
    sentHint: 'Linkki toimii 15 minuuttia ja vain kerran. Tarkista myös roskapostikansio.',
    again: 'Lähetä uusi linkki',
    confirmHeading: 'Jatka kirjautumista',
    confirmLead: (clinic) => `Kirjaudu tällä laitteella omiin tietoihisi: ${clinic}.`,
    confirm: 'Kirjaudu sisään',
    signingIn: 'Kirjaudutaan sisään…',
    linkInvalid: 'Kirjautumislinkki on vanhentunut tai jo käytetty. Pyydä uusi linkki.',
    tooMany: 'Linkkejä on pyydetty liian monta. Yritä uudelleen vartin kuluttua.',
    invalidEmail: 'Anna kelvollinen sähköpostiosoite.',
    failed: 'Linkin lähettäminen ei onnistunut. Yritä uudelleen.',
    privacy: 'Emme kerro, onko osoite rekisterissämme. Ilman linkkiä kukaan ei pääse tietoihisi.',
  },
  nav: { label: 'Omat tiedot', bookings: 'Varaukset', details: 'Yhteystiedot', consents: 'Suostumukset' },
  greeting: (name) => `Hei ${name}!`,
  signOut: 'Kirjaudu ulos',
  bookings: {
    upcoming: 'Tulevat varaukset',
    past: 'Menneet ja perutut varaukset',
    noneUpcoming: 'Sinulla ei ole tulevia varauksia.',
    nonePast: 'Ei menneitä tai peruttuja varauksia.',
    with: (practitioner) => `Työntekijä: ${practitioner}`,
    changeUntil: (when) => `Voit perua tai siirtää ${when} asti.`,
    cancelOnlyUntil: (when) => `Voit perua ${when} asti. Jos haluat siirtää varauksen, ota yhteyttä vastaanottoon.`,
    noLongerChangeable: 'Varausta ei voi enää muuttaa verkossa. Ota yhteyttä vastaanottoon.',
    cancel: 'Peru varaus',
    reschedule: 'Siirrä',
    confirmCancel: (what) => `Perutaanko varaus ${what}?`,
    keep: 'Älä peru',
    yesCancel: 'Kyllä, peru',
    cancelled: 'Varaus on peruttu. Lähetimme vahvistuksen sähköpostiisi.',
    moved: 'Varaus on siirretty. Lähetimme vahvistuksen sähköpostiisi.',
    windowClosed: 'Varausta ei voi enää muuttaa verkossa. Ota yhteyttä vastaanottoon.',
    notMovable: 'Tätä varausta ei voi siirtää verkossa. Ota yhteyttä vastaanottoon siirtääksesi sen.',
    slotTaken: 'Aika ehdittiin juuri varata. Valitse toinen aika.',
    status: {
      confirmed: 'Vahvistettu',
      pending_payment: 'Odottaa maksua',
      cancelled: 'Peruttu',
      completed: 'Toteutunut',
      no_show: 'Ei saapunut',
    },
  },
  reschedule: {
    heading: 'Siirrä varaus',
    day: 'Päivä',
    times: 'Vapaat ajat',
    noTimes: 'Tälle päivälle ei ole vapaita aikoja. Valitse toinen päivä.',
    loadingTimes: 'Haetaan vapaita aikoja…',
    confirm: 'Siirrä valittuun aikaan',
    close: 'Sulje',
    current: (when) => `Nykyinen aika: ${when}`,
  },
  details: {
    heading: 'Yhteystiedot',
    lead: 'Pidä tietosi ajan tasalla, jotta tavoitamme sinut varauksiin liittyvissä asioissa.',
    firstName: 'Etunimi',
    lastName: 'Sukunimi',
    email: 'Sähköposti',
    phone: 'Puhelin',
    phoneHint: 'Kansainvälisessä muodossa, esim. +358 40 123 4567',
    emailHint: 'Kirjaudut tällä osoitteella. Jos se muuttuu, pyydä vastaanottoa päivittämään se.',
    language: 'Asiointikieli',
    languageNone: 'Ei valittu',
    save: 'Tallenna muutokset',
    saving: 'Tallennetaan…',
    saved: 'Tiedot tallennettu.',
    invalid: 'Tarkista merkityt kentät.',
  },
  consents: {
    heading: 'Suostumukset',
    lead: 'Päätät itse. Suostumuksen voi antaa ja perua milloin tahansa, maksutta. Jokainen muutos kirjataan.',
    purposes: {
      marketing_email: { title: 'Markkinointi sähköpostilla', description: 'Uutiskirjeet ja tarjoukset sähköpostiisi.' },
      marketing_sms: { title: 'Markkinointi tekstiviestillä', description: 'Tarjoukset ja muistutukset tekstiviestinä.' },
      photo_video: { title: 'Kuvat ja video hoidossa', description: 'Valokuvat tai video hoidon seurantaa varten.' },
    },
    granted: 'Annettu',
    withdrawn: 'Peruttu',
    never: 'Ei annettu',
    since: (when) => `Muutettu ${when}`,
    grant: 'Anna suostumus',
    withdraw: 'Peru suostumus',
    grantedNow: 'Suostumus annettu.',
    withdrawnNow: 'Suostumus peruttu.',
    needsEmail: 'Lisää ensin sähköpostiosoite yhteystietoihisi.',
    needsPhone: 'Lisää ensin puhelinnumero yhteystietoihisi.',
    history: 'Suostumushistoria',
    historyEmpty: 'Ei kirjauksia.',
    when: 'Aika',
    what: 'Suostumus',
    decision: 'Päätös',
    how: 'Miten',
    notice: 'Tietosuojaseloste',
    sources: {
      widget: 'Ajanvaraus',
      booking_form: 'Ajanvaraus',
      portal: 'Omat tiedot',
      staff_verbal: 'Suullisesti vastaanotolla',
      web_form: 'Verkkolomake',
      unsubscribe_link: 'Peruutuslinkki',
      sms_stop: 'Tekstiviesti STOP',
    },
    noticeVersion: (version) => `Tietosuojaselosteen versio ${version}`,
  },
  genericError: 'Jokin meni vikaan. Yritä uudelleen.',
  sessionEnded: 'Istuntosi on päättynyt. Kirjaudu uudelleen.',
};

const sv: PortalText = {
  portalName: 'Mina uppgifter',
  language: 'Språk',
  loading: 'Laddar…',
  unavailable: 'Tjänsten kan inte nås just nu. Försök igen om en stund.',
  clinicNotFound: 'Mottagningen hittades inte. Kontrollera adressen.',
  signIn: {
    heading: 'Logga in på dina uppgifter',
    lead: (clinic) => `Se och ändra dina bokningar, kontaktuppgifter och samtycken hos ${clinic}.`,
    email: 'E-postadress',
    emailHint: 'Samma adress som du angav när du bokade.',
    submit: 'Skicka inloggningslänk',
    sending: 'Skickar…',
    sentHeading: 'Kolla din e-post',
    sent: (email) => `Om ${email} är vår kund har vi skickat en inloggningslänk dit.`,
    sentHint: 'Länken fungerar i 15 minuter och bara en gång. Kolla också skräpposten.',
    again: 'Skicka en ny länk',
    confirmHeading: 'Fortsätt logga in',
    confirmLead: (clinic) => `Logga in på den här enheten till dina uppgifter: ${clinic}.`,
    confirm: 'Logga in',
    signingIn: 'Loggar in…',
    linkInvalid: 'Inloggningslänken har gått ut eller redan använts. Be om en ny länk.',
    tooMany: 'För många länkar har begärts. Försök igen om en kvart.',
    invalidEmail: 'Ange en giltig e-postadress.',
    failed: 'Länken kunde inte skickas. Försök igen.',
    privacy: 'Vi avslöjar inte om adressen finns i vårt register. Utan länken kommer ingen åt dina uppgifter.',
  },
  nav: { label: 'Mina uppgifter', bookings: 'Bokningar', details: 'Kontaktuppgifter', consents: 'Samtycken' },
  greeting: (name) => `Hej ${name}!`,
  signOut: 'Logga ut',
  bookings: {
    upcoming: 'Kommande bokningar',
    past: 'Tidigare och avbokade bokningar',
    noneUpcoming: 'Du har inga kommande bokningar.',
    nonePast: 'Inga tidigare eller avbokade bokningar.',
    with: (practitioner) => `Behandlare: ${practitioner}`,
    changeUntil: (when) => `Du kan avboka eller flytta till ${when}.`,
    cancelOnlyUntil: (when) => `Du kan avboka till ${when}. Kontakta mottagningen om du vill flytta bokningen.`,
    noLongerChangeable: 'Bokningen kan inte längre ändras på nätet. Kontakta mottagningen.',
    cancel: 'Avboka',
    reschedule: 'Flytta',
    confirmCancel: (what) => `Avboka ${what}?`,
    keep: 'Avboka inte',
    yesCancel: 'Ja, avboka',
    cancelled: 'Bokningen är avbokad. Vi skickade en bekräftelse till din e-post.',
    moved: 'Bokningen är flyttad. Vi skickade en bekräftelse till din e-post.',
    windowClosed: 'Bokningen kan inte längre ändras på nätet. Kontakta mottagningen.',
    notMovable: 'Bokningen kan inte flyttas på nätet. Kontakta mottagningen för att flytta den.',
    slotTaken: 'Tiden hann just bokas. Välj en annan tid.',
    status: {
      confirmed: 'Bekräftad',
      pending_payment: 'Väntar på betalning',
      cancelled: 'Avbokad',
      completed: 'Genomförd',
      no_show: 'Uteblev',
    },
  },
  reschedule: {
    heading: 'Flytta bokningen',
    day: 'Dag',
    times: 'Lediga tider',
    noTimes: 'Inga lediga tider den här dagen. Välj en annan dag.',
    loadingTimes: 'Hämtar lediga tider…',
    confirm: 'Flytta till vald tid',
    close: 'Stäng',
    current: (when) => `Nuvarande tid: ${when}`,
  },
  details: {
    heading: 'Kontaktuppgifter',
    lead: 'Håll dina uppgifter aktuella så att vi når dig i frågor om dina bokningar.',
    firstName: 'Förnamn',
    lastName: 'Efternamn',
    email: 'E-post',
    phone: 'Telefon',
    phoneHint: 'I internationell form, t.ex. +358 40 123 4567',
    emailHint: 'Du loggar in med den här adressen. Om den ändras, be mottagningen uppdatera den.',
    language: 'Språk för kontakt',
    languageNone: 'Inte valt',
    save: 'Spara ändringarna',
    saving: 'Sparar…',
    saved: 'Uppgifterna har sparats.',
    invalid: 'Kontrollera de markerade fälten.',
  },
  consents: {
    heading: 'Samtycken',
    lead: 'Du bestämmer själv. Ett samtycke kan ges och återkallas när som helst, avgiftsfritt. Varje ändring registreras.',
    purposes: {
      marketing_email: { title: 'Marknadsföring per e-post', description: 'Nyhetsbrev och erbjudanden till din e-post.' },
      marketing_sms: { title: 'Marknadsföring per sms', description: 'Erbjudanden och påminnelser som sms.' },
      photo_video: { title: 'Foto och video i behandlingen', description: 'Foton eller video för att följa upp behandlingen.' },
    },
    granted: 'Givet',
    withdrawn: 'Återkallat',
    never: 'Inte givet',
    since: (when) => `Ändrat ${when}`,
    grant: 'Ge samtycke',
    withdraw: 'Återkalla samtycke',
    grantedNow: 'Samtycket har getts.',
    withdrawnNow: 'Samtycket har återkallats.',
    needsEmail: 'Lägg först till en e-postadress i dina kontaktuppgifter.',
    needsPhone: 'Lägg först till ett telefonnummer i dina kontaktuppgifter.',
    history: 'Samtyckeshistorik',
    historyEmpty: 'Inga registreringar.',
    when: 'Tid',
    what: 'Samtycke',
    decision: 'Beslut',
    how: 'Hur',
    notice: 'Dataskyddsbeskrivning',
    sources: {
      widget: 'Bokning',
      booking_form: 'Bokning',
      portal: 'Mina uppgifter',
      staff_verbal: 'Muntligt på mottagningen',
      web_form: 'Webbformulär',
      unsubscribe_link: 'Avregistreringslänk',
      sms_stop: 'Sms STOP',
    },
    noticeVersion: (version) => `Dataskyddsbeskrivningens version ${version}`,
  },
  genericError: 'Något gick fel. Försök igen.',
  sessionEnded: 'Din session har gått ut. Logga in igen.',
};

const en: PortalText = {
  portalName: 'My details',
  language: 'Language',
  loading: 'Loading…',
  unavailable: 'The service cannot be reached right now. Please try again in a moment.',
  clinicNotFound: 'We could not find this clinic. Please check the address.',
  signIn: {
    heading: 'Sign in to your details',
    lead: (clinic) => `See and change your bookings, contact details and consents at ${clinic}.`,
    email: 'Email address',
    emailHint: 'The same address you gave when booking.',
    submit: 'Email me a sign-in link',
    sending: 'Sending…',
    sentHeading: 'Check your email',
    sent: (email) => `If ${email} belongs to one of our clients, we have sent a sign-in link to it.`,
    sentHint: 'The link works for 15 minutes and only once. Check your spam folder too.',
    again: 'Send a new link',
    confirmHeading: 'Finish signing in',
    confirmLead: (clinic) => `Sign in to your details at ${clinic} on this device.`,
    confirm: 'Sign in',
    signingIn: 'Signing you in…',
    linkInvalid: 'This sign-in link has expired or has already been used. Please ask for a new one.',
    tooMany: 'Too many links have been asked for. Please try again in a quarter of an hour.',
    invalidEmail: 'Enter a valid email address.',
    failed: 'The link could not be sent. Please try again.',
    privacy: 'We never say whether an address is in our records. No one can reach your details without the link.',
  },
  nav: { label: 'My details', bookings: 'Bookings', details: 'Contact details', consents: 'Consents' },
  greeting: (name) => `Hello ${name}!`,
  signOut: 'Sign out',
  bookings: {
    upcoming: 'Upcoming bookings',
    past: 'Past and cancelled bookings',
    noneUpcoming: 'You have no upcoming bookings.',
    nonePast: 'No past or cancelled bookings.',
    with: (practitioner) => `With ${practitioner}`,
    changeUntil: (when) => `You can cancel or move it until ${when}.`,
    cancelOnlyUntil: (when) => `You can cancel it until ${when}. To move it, please contact the clinic.`,
    noLongerChangeable: 'This booking can no longer be changed online. Please contact the clinic.',
    cancel: 'Cancel booking',
    reschedule: 'Move',
    confirmCancel: (what) => `Cancel ${what}?`,
    keep: 'Keep it',
    yesCancel: 'Yes, cancel',
    cancelled: 'Your booking is cancelled. We have emailed you a confirmation.',
    moved: 'Your booking has been moved. We have emailed you a confirmation.',
    windowClosed: 'This booking can no longer be changed online. Please contact the clinic.',
    notMovable: 'This booking cannot be moved online. Please contact the clinic to move it.',
    slotTaken: 'That time was just taken. Please choose another.',
    status: {
      confirmed: 'Confirmed',
      pending_payment: 'Awaiting payment',
      cancelled: 'Cancelled',
      completed: 'Completed',
      no_show: 'Missed',
    },
  },
  reschedule: {
    heading: 'Move your booking',
    day: 'Day',
    times: 'Free times',
    noTimes: 'No free times on this day. Please choose another day.',
    loadingTimes: 'Finding free times…',
    confirm: 'Move to the chosen time',
    close: 'Close',
    current: (when) => `Current time: ${when}`,
  },
  details: {
    heading: 'Contact details',
    lead: 'Keep your details up to date so that we can reach you about your bookings.',
    firstName: 'First name',
    lastName: 'Last name',
    email: 'Email',
    phone: 'Phone',
    phoneHint: 'In international form, e.g. +358 40 123 4567',
    emailHint: 'You sign in with this address. If it changes, please ask the clinic to update it.',
    language: 'Preferred language',
    languageNone: 'Not chosen',
    save: 'Save changes',
    saving: 'Saving…',
    saved: 'Your details have been saved.',
    invalid: 'Please check the marked fields.',
  },
  consents: {
    heading: 'Consents',
    lead: 'It is your choice. You can give or withdraw a consent at any time, free of charge. Every change is recorded.',
    purposes: {
      marketing_email: { title: 'Marketing by email', description: 'Newsletters and offers to your email.' },
      marketing_sms: { title: 'Marketing by text message', description: 'Offers and reminders by text message.' },
      photo_video: { title: 'Photos and video in treatment', description: 'Photos or video to follow up your treatment.' },
    },
    granted: 'Given',
    withdrawn: 'Withdrawn',
    never: 'Not given',
    since: (when) => `Changed ${when}`,
    grant: 'Give consent',
    withdraw: 'Withdraw consent',
    grantedNow: 'Consent given.',
    withdrawnNow: 'Consent withdrawn.',
    needsEmail: 'Add an email address to your contact details first.',
    needsPhone: 'Add a phone number to your contact details first.',
    history: 'Consent history',
    historyEmpty: 'Nothing recorded yet.',
    when: 'When',
    what: 'Consent',
    decision: 'Decision',
    how: 'How',
    notice: 'Privacy notice',
    sources: {
      widget: 'Online booking',
      booking_form: 'Online booking',
      portal: 'My details',
      staff_verbal: 'Verbally at the clinic',
      web_form: 'Web form',
      unsubscribe_link: 'Unsubscribe link',
      sms_stop: 'Text STOP',
    },
    noticeVersion: (version) => `Privacy notice version ${version}`,
  },
  genericError: 'Something went wrong. Please try again.',
  sessionEnded: 'Your session has ended. Please sign in again.',
};

export const PORTAL_TEXT: Record<Locale, PortalText> = { fi, sv, en };

const STORAGE_KEY = 'hetki.portal.locale';

/** The language chosen before on this device, else the browser's, else Finnish. */
export function initialLocale(): Locale {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved === 'fi' || saved === 'sv' || saved === 'en') return saved;
  } catch {
    // Storage may be disabled: fall through to the browser's language.
  }
  for (const language of navigator.languages ?? []) {
    const code = language.slice(0, 2).toLowerCase();
    if (code === 'fi' || code === 'sv' || code === 'en') return code;
  }
  return 'fi';
}

export function saveLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered: the choice still holds for this visit.
  }
}

/** "ti 24.11.2026 klo 14.00" style, in the clinic's zone. */
export function formatDateTime(iso: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    weekday: 'short',
    day: 'numeric',
    month: locale === 'en' ? 'short' : 'numeric',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}

export function formatTime(iso: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
}

/** A calendar-leaf date: weekday, day of month, month name and the day with its month as one label. */
export function formatDay(iso: string, locale: Locale, timeZone: string): { weekday: string; day: string; month: string; label: string } {
  const date = new Date(iso);
  const format = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...options, timeZone }).format(date);
  return {
    weekday: format({ weekday: 'short' }),
    day: format({ day: 'numeric' }),
    month: format({ month: 'short' }),
    label: format({ day: 'numeric', month: locale === 'en' ? 'short' : 'numeric' }),
  };
}

export function serviceName(name: Record<string, string | undefined>, locale: Locale): string {
  return name[locale] ?? name.fi ?? name.en ?? name.sv ?? '';
}
