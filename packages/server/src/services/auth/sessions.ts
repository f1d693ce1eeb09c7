import { and, eq, ne } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { setDbContext, withDbContext } from '../../db/context.js';
import { memberships, sessions, staffUsers, tenants } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { randomToken, sha256Hex } from '../../lib/crypto.js';

export type SessionUser = { id: string; name: string; email: string; totpEnabled: boolean };
export type ActiveMembership = { tenantId: string; slug: string; name: string; role: (typeof memberships.$inferSelect)['role'] };

export type ResolvedSession = {
  tokenHash: string;
  csrfToken: string;
  user: SessionUser;
  /** Null when the session's clinic is gone or the user is no longer a member of it. */
  membership: ActiveMembership | null;
};

const TOUCH_INTERVAL_MS = 60_000;

/** Opens a session in the caller's transaction (which must have app.user_id set). */
export async function createSession(
  tx: Tx,
  deps: Deps,
  userId: string,
  tenantId: string | null,
): Promise<{ token: string; csrfToken: string }> {
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const now = deps.now();
  await tx.insert(sessions).values({
    tokenHash: sha256Hex(token),
    userId,
    activeTenantId: tenantId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + deps.env.SESSION_MAX_HOURS * 3_600_000),
  });
  return { token, csrfToken };
}

/**
 * Finds the live session for a cookie token: not past its absolute expiry and not idle for longer
 * than SESSION_IDLE_MINUTES. An expired session is deleted on sight.
 */
export async function resolveSession(deps: Deps, token: string): Promise<ResolvedSession | null> {
  if (token.length < 20 || token.length > 100) return null;
  const tokenHash = sha256Hex(token);
  return withDbContext(deps.db, { sessionHash: tokenHash }, async (tx) => {
    const [session] = await tx.select().from(sessions).where(eq(sessions.tokenHash, tokenHash));
    if (!session) return null;
    const now = deps.now();
    const idleLimit = session.lastSeenAt.getTime() + deps.env.SESSION_IDLE_MINUTES * 60_000;
    if (now.getTime() >= session.expiresAt.getTime() || now.getTime() >= idleLimit) {
      await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
      return null;
    }
    await setDbContext(tx, { sessionHash: tokenHash, userId: session.userId });
    const [user] = await tx.select().from(staffUsers).where(eq(staffUsers.id, session.userId));
    if (!user) return null;
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
    }
    const membership = session.activeTenantId ? await findMembership(tx, user.id, session.activeTenantId) : null;
    return {
      tokenHash,
      csrfToken: session.csrfToken,
      user: { id: user.id, name: user.name, email: user.email, totpEnabled: user.totpEnabledAt !== null },
      membership,
    };
  });
}

/** Needs app.user_id set to the user (their own memberships are visible across clinics). */
export async function findMembership(tx: Tx, userId: string, tenantId: string): Promise<ActiveMembership | null> {
  const [row] = await tx
    .select({ tenantId: tenants.id, slug: tenants.slug, name: tenants.name, role: memberships.role })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId)));
  return row ?? null;
}

export async function listMemberships(tx: Tx, userId: string): Promise<ActiveMembership[]> {
  return tx
    .select({ tenantId: tenants.id, slug: tenants.slug, name: tenants.name, role: memberships.role })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(eq(memberships.userId, userId))
    .orderBy(tenants.name);
}

export async function destroySession(deps: Deps, tokenHash: string): Promise<void> {
  await withDbContext(deps.db, { sessionHash: tokenHash }, (tx) => tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash)));
}

/** Signs the user out everywhere else, e.g. after a password change. */
export async function destroyOtherSessions(tx: Tx, userId: string, keepTokenHash: string | null): Promise<void> {
  await tx
    .delete(sessions)
    .where(keepTokenHash ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash)) : eq(sessions.userId, userId));
}
