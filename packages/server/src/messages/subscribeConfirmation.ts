import type { Locale } from './bookingMessages.js';
import { escapeHtml } from './format.js';

const COPY: Record<
  Locale,
  {
    subject: (clinic: string) => string;
    greeting: (name: string) => string;
    ask: (clinic: string) => string;
    button: string;
    ignore: string;
  }
> = {
  fi: {
    subject: (clinic) => `Vahvista uutiskirjeen tilaus: ${clinic}`,
    greeting: (name) => `Hei ${name},`,
    ask: (clinic) =>
      `vahvista, että haluat vastaanottaa ${clinic} -uutiskirjeen sähköpostiisi. Voit perua tilauksen milloin tahansa jokaisen viestin lopussa olevasta linkistä.`,
    button: 'Vahvista tilaus',
    ignore: 'Jos et tilannut uutiskirjettä, voit jättää tämän viestin huomiotta. Mitään ei tilata ilman vahvistusta.',
  },
  sv: {
    subject: (clinic) => `Bekräfta prenumerationen på nyhetsbrevet: ${clinic}`,
    greeting: (name) => `Hej ${name},`,
    ask: (clinic) =>
      `bekräfta att du vill få nyhetsbrevet från ${clinic} per e-post. Du kan avsluta prenumerationen när som helst via länken i slutet av varje meddelande.`,
    button: 'Bekräfta prenumerationen',
    ignore: 'Om du inte har beställt nyhetsbrevet kan du bortse från detta meddelande. Ingenting beställs utan bekräftelse.',
  },
  en: {
    subject: (clinic) => `Confirm your newsletter subscription: ${clinic}`,
    greeting: (name) => `Hello ${name},`,
    ask: (clinic) =>
      `please confirm that you would like to receive the ${clinic} newsletter by email. You can unsubscribe at any time with the link at the end of every message.`,
    button: 'Confirm subscription',
    ignore: 'If you did not subscribe, you can ignore this message. Nothing is subscribed without confirmation.',
  },
};

/** The double opt-in email: nothing is sent to the address until its owner follows the link. */
export function renderSubscribeConfirmation(args: {
  locale: Locale;
  clinicName: string;
  clinicContactLine: string;
  name: string;
  confirmUrl: string;
}): { subject: string; text: string; html: string } {
  const copy = COPY[args.locale];
  const text = [
    copy.greeting(args.name),
    '',
    copy.ask(args.clinicName),
    '',
    `${copy.button}: ${args.confirmUrl}`,
    '',
    copy.ignore,
    '',
    '--',
    args.clinicContactLine,
  ].join('\n');
  const html = `<!doctype html><html lang="${args.locale}"><body style="font-family:Arial,sans-serif;color:#1f2933;line-height:1.5">
<p>${escapeHtml(copy.greeting(args.name))}</p>
<p>${escapeHtml(copy.ask(args.clinicName))}</p>
<p><a href="${escapeHtml(args.confirmUrl)}" style="display:inline-block;padding:10px 18px;background:#0b6e4f;color:#fff;text-decoration:none;border-radius:6px">${escapeHtml(copy.button)}</a></p>
<p style="color:#52606d;font-size:14px">${escapeHtml(copy.ignore)}</p>
<hr><p style="color:#52606d;font-size:13px">${escapeHtml(args.clinicContactLine)}</p>
</body></html>`;
  return { subject: copy.subject(args.clinicName), text, html };
}
