import type { EmailContent } from '../../mail/composeEmail.js';

/** What composing a row decides: send this, skip it for a reason, or wait until later. */
export type Composed =
  | { kind: 'email'; email: Omit<EmailContent, 'messageId' | 'from'> & { fromName: string } }
  | { kind: 'sms'; body: string }
  | { kind: 'skip'; reason: string }
  | { kind: 'defer'; until: Date };
