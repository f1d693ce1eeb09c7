import type { Locale, StaffRole } from '@hetki/shared';
import { COPY } from './copy.js';
import { type Block, contactLines, type Email, renderHtml, renderText } from './emailLayout.js';
import { assertWebUrl } from './format.js';

const ROLE_NAMES: Record<Locale, Record<StaffRole, string>> = {
  fi: { owner: 'omistaja', admin: 'ylläpitäjä', practitioner: 'hoitaja', reception: 'vastaanotto' },
  sv: { owner: 'ägare', admin: 'administratör', practitioner: 'behandlare', reception: 'reception' },
  en: { owner: 'owner', admin: 'administrator', practitioner: 'practitioner', reception: 'reception' },
};

const INVITATION_COPY: Record<
  Locale,
  {
    subject: (clinic: string) => string;
    heading: (clinic: string) => string;
    lead: (inviter: string, clinic: string, role: string) => string;
    button: string;
    expiry: (days: number) => string;
    ignore: string;
  }
> = {
  fi: {
    subject: (clinic) => `Kutsu tiimiin: ${clinic}`,
    heading: (clinic) => `Tervetuloa ${clinic} -tiimiin`,
    lead: (inviter, clinic, role) => `${inviter} kutsui sinut ${clinic} -ajanvaraukseen roolissa ${role}.`,
    button: 'Hyväksy kutsu',
    expiry: (days) => `Kutsu on voimassa ${days} päivää ja sen voi käyttää kerran.`,
    ignore: 'Jos et odottanut kutsua, voit jättää tämän viestin huomiotta.',
  },
  sv: {
    subject: (clinic) => `Inbjudan till teamet: ${clinic}`,
    heading: (clinic) => `Välkommen till teamet på ${clinic}`,
    lead: (inviter, clinic, role) => `${inviter} har bjudit in dig till ${clinic} i rollen ${role}.`,
    button: 'Ta emot inbjudan',
    expiry: (days) => `Inbjudan gäller i ${days} dagar och kan användas en gång.`,
    ignore: 'Om du inte väntade dig inbjudan kan du bortse från detta meddelande.',
  },
  en: {
    subject: (clinic) => `You are invited to join ${clinic}`,
    heading: (clinic) => `Join the team at ${clinic}`,
    lead: (inviter, clinic, role) => `${inviter} has invited you to ${clinic} as ${role}.`,
    button: 'Accept the invitation',
    expiry: (days) => `The invitation is valid for ${days} days and can be used once.`,
    ignore: 'If you were not expecting it, you can ignore this message.',
  },
};

export type StaffInvitationContext = {
  locale: Locale;
  inviterName: string;
  role: StaffRole;
  clinic: { name: string; email: string | null; phone: string | null; address: string | null };
  acceptUrl: string;
  validDays: number;
};

/** A staff invitation: who invites, to which clinic and role, and the one-time accept link. */
export function renderStaffInvitation(ctx: StaffInvitationContext): { subject: string; text: string; html: string } {
  const copy = INVITATION_COPY[ctx.locale];
  const common = COPY[ctx.locale];
  const blocks: Block[] = [
    { kind: 'heading', text: copy.heading(ctx.clinic.name) },
    {
      kind: 'paragraph',
      lines: [[common.greetingWithoutName], [copy.lead(ctx.inviterName, ctx.clinic.name, ROLE_NAMES[ctx.locale][ctx.role])]],
    },
    { kind: 'paragraph', lines: [[{ text: copy.button, href: assertWebUrl(ctx.acceptUrl) }]] },
    { kind: 'small', lines: [[copy.expiry(ctx.validDays)], [copy.ignore]] },
    { kind: 'divider' },
    { kind: 'small', lines: contactLines(ctx.clinic, common.labels) },
  ];
  const email: Email = { lang: ctx.locale, title: copy.subject(ctx.clinic.name), blocks };
  return { subject: copy.subject(ctx.clinic.name), text: renderText(email), html: renderHtml(email) };
}
