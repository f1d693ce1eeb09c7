import { and, eq, gt, isNull } from 'drizzle-orm';
import { setDbContext, withDbContext } from '../../db/context.js';
import { invitations, memberships, sessions, staffUsers } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { sha256Hex } from '../../lib/crypto.js';
import { DomainError, invalidCredentials } from '../../lib/errors.js';
import { newId } from '../../lib/uuid.js';
import { appendAudit } from '../audit/auditLog.js';
import { assertStrongPassword, describeSession, type IssuedSession } from './auth.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { createSession, resolveSession } from './sessions.js';

const invalidInvite = () => new DomainError('NOT_FOUND', 'INVITE_INVALID', 'This invitation has expired or was already used');

/**
 * Redeems an invitation: a new account gets the given password; an existing account must prove
 * itself with its password. Either way the person joins the clinic and is signed in to it.
 */
export async function acceptInvitation(
  deps: Deps,
  input: { token: string; name: string; password: string },
  context: { ip: string | null; previousTokenHash: string | null },
): Promise<IssuedSession> {
  const { ip } = context;
  const inviteTokenHash = sha256Hex(input.token);
  const now = deps.now();
  const token = await withDbContext(deps.db, { inviteTokenHash }, async (tx) => {
    const [invitation] = await tx
      .select()
      .from(invitations)
      .where(
        and(
          eq(invitations.tokenHash, inviteTokenHash),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, now),
        ),
      );
    if (!invitation) throw invalidInvite();
    await deps.throttle.beforeAttempt(invitation.email, ip);

    await setDbContext(tx, { inviteTokenHash, lookupEmail: invitation.email, tenantId: invitation.tenantId });
    const [existing] = await tx.select().from(staffUsers).where(eq(staffUsers.email, invitation.email));
    if (existing && !(await verifyPassword(existing.passwordHash, input.password))) {
      await deps.throttle.recordFailure(invitation.email);
      throw invalidCredentials();
    }
    if (!existing) assertStrongPassword(input.password);
    const userId = existing?.id ?? newId();
    await setDbContext(tx, { inviteTokenHash, lookupEmail: invitation.email, tenantId: invitation.tenantId, userId });
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
      await setDbContext(tx, { inviteTokenHash, tenantId: invitation.tenantId, userId, sessionHash: context.previousTokenHash });
      await tx.delete(sessions).where(eq(sessions.tokenHash, context.previousTokenHash));
    }
    const session = await createSession(tx, deps, userId, invitation.tenantId);
    return session.token;
  });
  const session = await resolveSession(deps, token);
  if (!session) throw new Error('A session just created could not be read back');
  return { token, me: await describeSession(deps, session) };
}
