import type { Locale } from '@hetki/shared';
import { COPY } from './copy.js';
import { type Block, contactLines, type Email, renderHtml, renderText } from './emailLayout.js';
import { assertWebUrl } from './format.js';

const PORTAL_COPY: Record<
  Locale,
  {
    subject: (clinic: string) => string;
    heading: string;
    lead: (clinic: string) => string;
    button: string;
    expiry: (minutes: number) => string;
    ignore: string;
  }
> = {
  fi: {
    subject: (clinic) => `Kirjautumislinkki: ${clinic}`,
    heading: 'Kirjaudu omiin tietoihisi',
    lead: (clinic) =>
      `pyysit linkkiä, jolla pääset katsomaan ja muuttamaan varauksiasi, yhteystietojasi ja suostumuksiasi ${clinic} -ajanvarauksessa.`,
    button: 'Kirjaudu sisään',
    expiry: (minutes) => `Linkki toimii ${minutes} minuuttia ja vain kerran.`,
    ignore: 'Jos et pyytänyt linkkiä, voit jättää tämän viestin huomiotta. Kukaan ei pääse tietoihisi ilman linkkiä.',
  },
  sv: {
    subject: (clinic) => `Inloggningslänk: ${clinic}`,
    heading: 'Logga in på dina uppgifter',
    lead: (clinic) => `du bad om en länk för att se och ändra dina bokningar, kontaktuppgifter och samtycken hos ${clinic}.`,
    button: 'Logga in',
    expiry: (minutes) => `Länken fungerar i ${minutes} minuter och bara en gång.`,
    ignore: 'Om du inte bad om länken kan du bortse från detta meddelande. Ingen kommer åt dina uppgifter utan länken.',
  },
  en: {
    subject: (clinic) => `Your sign-in link: ${clinic}`,
    heading: 'Sign in to your details',
    lead: (clinic) => `you asked for a link to view and change your bookings, contact details and consents at ${clinic}.`,
    button: 'Sign in',
    expiry: (minutes) => `The link works for ${minutes} minutes and only once.`,
    ignore: 'If you did not ask for this link, you can ignore this message. No one can reach your details without it.',
  },
};

export type PortalSignInContext = {
  locale: Locale;
  firstName: string;
  clinic: { name: string; email: string | null; phone: string | null; address: string | null };
  signInUrl: string;
  validMinutes: number;
};

/** The portal's one-time sign-in email, as HTML and plain text from the same blocks. */
export function renderPortalSignIn(ctx: PortalSignInContext): { subject: string; text: string; html: string } {
  const copy = PORTAL_COPY[ctx.locale];
  const common = COPY[ctx.locale];
  const firstName = ctx.firstName.trim();
  const blocks: Block[] = [
    { kind: 'heading', text: copy.heading },
    { kind: 'paragraph', lines: [[firstName ? common.greeting(firstName) : common.greetingWithoutName], [copy.lead(ctx.clinic.name)]] },
    { kind: 'paragraph', lines: [[{ text: copy.button, href: assertWebUrl(ctx.signInUrl) }]] },
    { kind: 'small', lines: [[copy.expiry(ctx.validMinutes)], [copy.ignore]] },
    { kind: 'divider' },
    { kind: 'small', lines: contactLines(ctx.clinic, common.labels) },
  ];
  const email: Email = { lang: ctx.locale, title: copy.subject(ctx.clinic.name), blocks };
  return { subject: copy.subject(ctx.clinic.name), text: renderText(email), html: renderHtml(email) };
}
