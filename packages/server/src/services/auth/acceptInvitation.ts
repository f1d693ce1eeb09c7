import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { setDbContext, withDbContext } from '../../db/context.js';
import { invitations, memberships, sessions, staffUsers } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { sha256Hex } from '../../lib/crypto.js';
import { DomainError } from '../../lib/errors.js';
import { isUniqueViolation } from '../../lib/pgErrors.js';
import { newId } from '../../lib/uuid.js';
import { appendAudit } from '../audit/auditLog.js';
import { isUsableInvitation } from '../team/invitationState.js';
import { assertStrongPassword, describeSession, type IssuedSession } from './auth.js';
import { hashPassword } from './passwords.js';
import { createSession, resolveSession } from './sessions.js';
import { proveStaffAccount } from './staffCredentials.js';

const invalidInvite = () => new DomainError('NOT_FOUND', 'INVITE_INVALID', 'This invitation has expired or was already used');

/** The invitation a token names, if it can still be used; `lock` holds it until the transaction ends. */
async function usableInvitation(tx: Tx, tokenHash: string, now: Date, lock: boolean) {
  const query = tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.tokenHash, tokenHash), isUsableInvitation(now)));
  const [invitation] = lock ? await query.for('update') : await query;
  return invitation;
}

/**
 * Redeems an invitation: a new account gets the given password; an existing account must prove
 * itself as at login (password, and the authenticator code when it has one). Either way the
 * person joins the clinic and is signed in to it.
 */
export async function acceptInvitation(
  deps: Deps,
  input: { token: string; name: string; password: string; totpCode?: string | undefined },
  context: { ip: string | null; previousTokenHash: string | null },
): Promise<IssuedSession> {
  const inviteTokenHash = sha256Hex(input.token);
  const now = deps.now();
  const named = await withDbContext(deps.db, { inviteTokenHash }, (tx) => usableInvitation(tx, inviteTokenHash, now, false));
  if (!named) throw invalidInvite();

  const token = await redeem(deps, input, context, named, inviteTokenHash, now).catch((error: unknown) => {
    // Two invitations for one new email accepted at the same moment: the second finds the account made.
    if (isUniqueViolation(error, 'staff_users_email_key')) {
      throw new DomainError('CONFLICT', 'EMAIL_TAKEN', 'This email now has an account: enter its password to join');
    }
    throw error;
  });
  const session = await resolveSession(deps, token);
  if (!session) throw new Error('A session just created could not be read back');
  return { token, me: await describeSession(deps, session) };
}

function redeem(
  deps: Deps,
  input: { token: string; name: string; password: string; totpCode?: string | undefined },
  context: { ip: string | null; previousTokenHash: string | null },
  named: { email: string; tenantId: string },
  inviteTokenHash: string,
  now: Date,
): Promise<string> {
  const { ip } = context;
  const scope = { inviteTokenHash, lookupEmail: named.email, tenantId: named.tenantId };
  return deps.throttle.attempt(named.email, ip, () =>
    withDbContext(deps.db, scope, async (tx) => {
      // Locked, so that a double submit waits here and then finds the invitation used.
      const invitation = await usableInvitation(tx, inviteTokenHash, now, true);
      if (!invitation) throw invalidInvite();
      const [existing] = await tx.select().from(staffUsers).where(eq(staffUsers.email, invitation.email));
      if (existing) await proveStaffAccount(tx, deps, existing, input, scope);
      else assertStrongPassword(input.password);
      const userId = existing?.id ?? newId();
      await setDbContext(tx, { ...scope, userId });
      if (!existing) {
        await tx
          .insert(staffUsers)
          .values({ id: userId, email: invitation.email, name: input.name, passwordHash: await hashPassword(input.password) });
      }
      const inserted = await tx
        .insert(memberships)
        .values({ tenantId: invitation.tenantId, userId, role: invitation.role })
        .onConflictDoNothing()
        .returning({ userId: memberships.userId });
      if (inserted.length === 0) throw new DomainError('CONFLICT', 'ALREADY_MEMBER', 'You are already in this team');
      await tx
        .update(invitations)
        .set({ acceptedAt: now })
        .where(and(eq(invitations.tenantId, invitation.tenantId), eq(invitations.id, invitation.id)));
      await appendAudit(
        tx,
        invitation.tenantId,
        { type: 'staff', id: userId, ip },
        {
          action: 'create',
          entity: 'membership',
          entityId: userId,
          details: { role: invitation.role, invitationId: invitation.id },
        },
      );
      // As at login, the browser's previous session (if any) ends: the id always changes.
      if (context.previousTokenHash) {
        await setDbContext(tx, { ...scope, userId, sessionHash: context.previousTokenHash });
        await tx.delete(sessions).where(eq(sessions.tokenHash, context.previousTokenHash));
      }
      const session = await createSession(tx, deps, userId, invitation.tenantId);
      return session.token;
    }),
  );
}
