import { type Locale, PORTAL_LINK_MINUTES } from '@hetki/shared';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { clients, type outboxMessages, portalSignInLinks } from '../../db/schema/index.js';
import { renderPortalSignIn } from '../../messages/index.js';
import type { PortalLinkTokens } from '../../services/portal/portalLinkTokens.js';
import { postalAddress, type SenderProfile } from '../senderProfile.js';
import type { Composed } from './types.js';

type OutboxRow = typeof outboxMessages.$inferSelect;

/**
 * The client portal's sign-in email. The link's token is derived again here from the link row, and
 * goes in the URL fragment, which browsers never send to a server. A link already used or expired
 * by the time the message would go out is not sent.
 */
export async function composePortalSignIn(
  tx: Tx,
  row: OutboxRow,
  profile: SenderProfile,
  links: { baseUrl: string; portalLinkTokens: PortalLinkTokens },
  now: Date,
): Promise<Composed> {
  const [found] = await tx
    .select({ link: portalSignInLinks, firstName: clients.firstName })
    .from(portalSignInLinks)
    .innerJoin(clients, and(eq(clients.tenantId, portalSignInLinks.tenantId), eq(clients.id, portalSignInLinks.clientId)))
    .where(and(eq(portalSignInLinks.tenantId, row.tenantId), eq(portalSignInLinks.messageId, row.id)));
  if (!found) return { kind: 'skip', reason: 'link_missing' };
  if (found.link.usedAt || found.link.expiresAt <= now) return { kind: 'skip', reason: 'link_expired' };
  const token = links.portalLinkTokens.tokenFor(row.tenantId, found.link.id);
  const rendered = renderPortalSignIn({
    locale: row.locale as Locale,
    firstName: found.firstName,
    clinic: { name: profile.name, email: profile.email, phone: profile.phone, address: postalAddress(profile) },
    signInUrl: `${links.baseUrl}/my/${encodeURIComponent(profile.slug)}#signin=${token}`,
    validMinutes: PORTAL_LINK_MINUTES,
  });
  return {
    kind: 'email',
    email: { fromName: profile.name, replyTo: profile.email, to: row.recipient, ...rendered, headers: {}, calendar: null },
  };
}
