import type { Locale } from '@hetki/shared';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { marketingContacts, type outboxMessages, pendingSubscriptions } from '../../db/schema/index.js';
import { renderSubscribeConfirmation } from '../../messages/index.js';
import type { SubscriptionTokens } from '../../services/marketing/subscriptionTokens.js';
import { contactLine, type SenderProfile } from '../senderProfile.js';
import type { Composed } from './types.js';

type OutboxRow = typeof outboxMessages.$inferSelect;

/** The double opt-in email: a link that confirms the newest open subscription request. */
export async function composeSubscribeConfirmation(
  tx: Tx,
  row: OutboxRow,
  profile: SenderProfile,
  links: { baseUrl: string; subscriptionTokens: SubscriptionTokens },
  now: Date,
): Promise<Composed> {
  if (!row.contactId) return { kind: 'skip', reason: 'contact_missing' };
  const [pending] = await tx
    .select({ id: pendingSubscriptions.id, name: marketingContacts.name })
    .from(pendingSubscriptions)
    .innerJoin(
      marketingContacts,
      and(eq(marketingContacts.tenantId, pendingSubscriptions.tenantId), eq(marketingContacts.id, pendingSubscriptions.contactId)),
    )
    .where(
      and(
        eq(pendingSubscriptions.tenantId, row.tenantId),
        eq(pendingSubscriptions.contactId, row.contactId),
        isNull(pendingSubscriptions.confirmedAt),
        gt(pendingSubscriptions.expiresAt, now),
      ),
    )
    .orderBy(desc(pendingSubscriptions.createdAt))
    .limit(1);
  if (!pending) return { kind: 'skip', reason: 'subscription_closed' };
  const token = links.subscriptionTokens.tokenFor(row.tenantId, pending.id);
  const rendered = renderSubscribeConfirmation({
    locale: row.locale as Locale,
    clinicName: profile.name,
    clinicContactLine: contactLine(profile),
    name: pending.name,
    confirmUrl: `${links.baseUrl}/m/${profile.slug}/confirm?token=${token}`,
  });
  return {
    kind: 'email',
    email: { fromName: profile.name, replyTo: profile.email, to: row.recipient, ...rendered, headers: {}, calendar: null },
  };
}
