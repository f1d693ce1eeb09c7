import type { Locale } from '@hetki/shared';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { invitations, type outboxMessages, staffUsers } from '../../db/schema/index.js';
import { renderStaffInvitation } from '../../messages/index.js';
import type { InvitationTokens } from '../../services/team/invitationTokens.js';
import { INVITATION_DAYS } from '../../services/team/team.js';
import { postalAddress, type SenderProfile } from '../senderProfile.js';
import type { Composed } from './types.js';

type OutboxRow = typeof outboxMessages.$inferSelect;

/**
 * A staff invitation email. The accept link's token is derived again here from the invitation and
 * goes in the URL fragment. An invitation accepted, revoked or expired by the time the message
 * would go out is not sent.
 */
export async function composeStaffInvitation(
  tx: Tx,
  row: OutboxRow,
  profile: SenderProfile,
  links: { baseUrl: string; invitationTokens: InvitationTokens },
  now: Date,
): Promise<Composed> {
  const [found] = await tx
    .select({ invitation: invitations, inviterName: staffUsers.name })
    .from(invitations)
    .leftJoin(staffUsers, eq(staffUsers.id, invitations.invitedBy))
    .where(and(eq(invitations.tenantId, row.tenantId), eq(invitations.messageId, row.id)));
  if (!found) return { kind: 'skip', reason: 'invitation_missing' };
  const { invitation } = found;
  if (invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now) return { kind: 'skip', reason: 'invitation_closed' };
  const token = links.invitationTokens.tokenFor(row.tenantId, invitation.id);
  const rendered = renderStaffInvitation({
    locale: row.locale as Locale,
    // The inviter may have left the clinic since: the clinic then invites in its own name.
    inviterName: found.inviterName ?? profile.name,
    role: invitation.role,
    clinic: { name: profile.name, email: profile.email, phone: profile.phone, address: postalAddress(profile) },
    acceptUrl: `${links.baseUrl}/invite#token=${token}`,
    validDays: INVITATION_DAYS,
  });
  return {
    kind: 'email',
    email: { fromName: profile.name, replyTo: profile.email, to: row.recipient, ...rendered, headers: {}, calendar: null },
  };
}
