import { type Me, passwordSchema } from '@hetki/shared';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { setDbContext, withDbContext } from '../../db/context.js';
import { sessions, staffUsers } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { DomainError, invalidCredentials } from '../../lib/errors.js';
import { type Actor, appendAudit } from '../audit/auditLog.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.js';
import { type ActiveMembership, createSession, destroyOtherSessions, listMemberships, type ResolvedSession } from './sessions.js';
import { proveStaffAccount } from './staffCredentials.js';

export type IssuedSession = { token: string; me: Me };

export type LoginRequest = { email: string; password: string; totpCode?: string | undefined; tenantSlug?: string | undefined };

/**
 * Checks the credentials (and the TOTP code when enrolled), then opens a new session. Any session
 * the browser already had is removed first: the id always changes at login.
 */
export async function login(
  deps: Deps,
  request: LoginRequest,
  context: { ip: string | null; previousTokenHash: string | null },
): Promise<IssuedSession> {
  return deps.throttle.attempt(request.email, context.ip, () =>
    withDbContext(deps.db, { lookupEmail: request.email }, async (tx) => {
      const [user] = await tx.select().from(staffUsers).where(eq(staffUsers.email, request.email));
      if (!user) {
        await burnPasswordCheck(request.password);
        throw invalidCredentials();
      }
      await proveStaffAccount(tx, deps, user, request, { sessionHash: context.previousTokenHash ?? undefined });

      const clinics = await listMemberships(tx, user.id);
      const active = clinics.find((clinic) => clinic.slug === request.tenantSlug) ?? clinics[0] ?? null;
      if (context.previousTokenHash) await deleteSession(tx, context.previousTokenHash);
      await tx.update(staffUsers).set({ lastLoginAt: deps.now() }).where(eq(staffUsers.id, user.id));
      const { token, csrfToken } = await createSession(tx, deps, user.id, active?.tenantId ?? null);
      if (active) {
        await setDbContext(tx, { userId: user.id, tenantId: active.tenantId });
        await appendAudit(
          tx,
          active.tenantId,
          { type: 'staff', id: user.id, ip: context.ip },
          { action: 'login', entity: 'staff_user', entityId: user.id },
        );
      }
      const me: Me = {
        user: { id: user.id, name: user.name, email: user.email, totpEnabled: user.totpEnabledAt !== null },
        tenant: active,
        memberships: clinics,
        csrfToken,
      };
      return { token, me };
    }),
  );
}

async function deleteSession(tx: Tx, tokenHash: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function describeSession(deps: Deps, session: ResolvedSession): Promise<Me> {
  const clinics = await withDbContext(deps.db, { userId: session.user.id }, (tx) => listMemberships(tx, session.user.id));
  return { user: session.user, tenant: session.membership, memberships: clinics, csrfToken: session.csrfToken };
}

/** Moves the session to another clinic the user belongs to. */
export async function switchTenant(deps: Deps, session: ResolvedSession, tenantId: string): Promise<Me> {
  const clinics = await withDbContext(deps.db, { userId: session.user.id, sessionHash: session.tokenHash }, async (tx) => {
    const all = await listMemberships(tx, session.user.id);
    if (!all.some((clinic) => clinic.tenantId === tenantId)) throw new DomainError('NOT_FOUND', 'NOT_FOUND', 'Clinic not found');
    await tx.update(sessions).set({ activeTenantId: tenantId }).where(eq(sessions.tokenHash, session.tokenHash));
    return all;
  });
  const active = clinics.find((clinic) => clinic.tenantId === tenantId) as ActiveMembership;
  return { user: session.user, tenant: active, memberships: clinics, csrfToken: session.csrfToken };
}

/** Changes the password, signs out every other session and rotates this one. */
export async function changePassword(
  deps: Deps,
  session: ResolvedSession,
  input: { currentPassword: string; newPassword: string },
  ip: string | null,
): Promise<IssuedSession> {
  const result = await deps.throttle.attempt(session.user.email, ip, () =>
    withDbContext(deps.db, { userId: session.user.id, sessionHash: session.tokenHash }, async (tx) => {
      const [user] = await tx.select().from(staffUsers).where(eq(staffUsers.id, session.user.id));
      if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) throw wrongCurrentPassword();
      if (input.currentPassword === input.newPassword) {
        throw new DomainError('BAD_REQUEST', 'PASSWORD_REUSED', 'Choose a password different from the current one');
      }
      await tx
        .update(staffUsers)
        .set({ passwordHash: await hashPassword(input.newPassword), passwordChangedAt: deps.now(), updatedAt: deps.now() })
        .where(eq(staffUsers.id, user.id));
      await destroyOtherSessions(tx, user.id, null);
      const tenantId = session.membership?.tenantId ?? null;
      const issued = await createSession(tx, deps, user.id, tenantId);
      await auditSecurityEvent(tx, session, ip, 'password_change');
      return issued;
    }),
  );
  const me = await describeSession(deps, { ...session, csrfToken: result.csrfToken });
  return { token: result.token, me };
}

export const wrongCurrentPassword = () => new DomainError('UNAUTHORIZED', 'INVALID_CREDENTIALS', 'The current password is incorrect');

export async function auditSecurityEvent(tx: Tx, session: ResolvedSession, ip: string | null, action: string): Promise<void> {
  if (!session.membership) return;
  const actor: Actor = { type: 'staff', id: session.user.id, ip };
  await setDbContext(tx, { userId: session.user.id, sessionHash: session.tokenHash, tenantId: session.membership.tenantId });
  await appendAudit(tx, session.membership.tenantId, actor, { action, entity: 'staff_user', entityId: session.user.id });
}

export function assertStrongPassword(password: string): void {
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) {
    throw new DomainError('BAD_REQUEST', 'INVALID_INPUT', parsed.error.issues[0]?.message ?? 'Choose a stronger password');
  }
}
