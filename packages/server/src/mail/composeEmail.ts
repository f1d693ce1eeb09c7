import { createRequire } from 'node:module';
import path from 'node:path';

export type EmailContent = {
  from: string | { name: string; address: string };
  replyTo: string | null;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per outbox row, so a receiver can tell one message from a copy. */
  messageId: string;
  headers: Record<string, string>;
  calendar: { method: 'REQUEST' | 'CANCEL'; content: string } | null;
};

type MimeNode = { build(): Promise<Buffer> };
type MailComposerClass = new (options: Record<string, unknown>) => { compile(): MimeNode };

// The composer behind nodemailer's transports, used directly because the mailer streams raw bytes.
const requireCjs = createRequire(import.meta.url);
const MailComposer = requireCjs(path.join(path.dirname(requireCjs.resolve('nodemailer')), 'mail-composer/index.js')) as MailComposerClass;

/** The complete RFC 5322 message, with text and HTML alternatives and an .ics where given. */
export function composeEmail(content: EmailContent): Promise<Buffer> {
  return new MailComposer({
    from: content.from,
    replyTo: content.replyTo ?? undefined,
    to: content.to,
    subject: content.subject,
    text: content.text,
    html: content.html,
    messageId: content.messageId,
    headers: content.headers,
    icalEvent: content.calendar
      ? { method: content.calendar.method, content: content.calendar.content, filename: 'booking.ics' }
      : undefined,
  })
    .compile()
    .build();
}
