import { PORTAL_SESSION_IDLE_MINUTES, PORTAL_SESSION_MAX_HOURS } from '@hetki/shared';
import { and, eq, lt, or } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { clientSessions } from '../../db/schema/index.js';
import { randomToken, sha256Hex } from '../../lib/crypto.js';

export type ClientSession = { tokenHash: string; clientId: string; csrfToken: string; expiresAt: Date };

const TOUCH_INTERVAL_MS = 60_000;
const idleLimitMs = PORTAL_SESSION_IDLE_MINUTES * 60_000;

/** Opens a session for the client in the clinic's transaction; expired sessions of the client go. */
export async function createClientSession(
  tx: Tx,
  tenantId: string,
  clientId: string,
  now: Date,
): Promise<{ token: string; session: ClientSession }> {
  await tx
    .delete(clientSessions)
    .where(
      and(
        eq(clientSessions.tenantId, tenantId),
        eq(clientSessions.clientId, clientId),
        or(lt(clientSessions.expiresAt, now), lt(clientSessions.lastSeenAt, new Date(now.getTime() - idleLimitMs))),
      ),
    );
  const token = randomToken(32);
  const session: ClientSession = {
    tokenHash: sha256Hex(token),
    clientId,
    csrfToken: randomToken(24),
    expiresAt: new Date(now.getTime() + PORTAL_SESSION_MAX_HOURS * 3_600_000),
  };
  await tx.insert(clientSessions).values({ tenantId, ...session, createdAt: now, lastSeenAt: now });
  return { token, session };
}

/**
 * The live session for a cookie token in this clinic: not past its absolute expiry and not idle
 * for longer than the idle limit. An expired session is deleted on sight.
 */
export async function resolveClientSession(tx: Tx, tenantId: string, token: string, now: Date): Promise<ClientSession | null> {
  if (token.length < 20 || token.length > 100) return null;
  const tokenHash = sha256Hex(token);
  const [row] = await tx
    .select()
    .from(clientSessions)
    .where(and(eq(clientSessions.tenantId, tenantId), eq(clientSessions.tokenHash, tokenHash)));
  if (!row) return null;
  const where = and(eq(clientSessions.tenantId, tenantId), eq(clientSessions.tokenHash, tokenHash));
  if (now >= row.expiresAt || now.getTime() >= row.lastSeenAt.getTime() + idleLimitMs) {
    await tx.delete(clientSessions).where(where);
    return null;
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await tx.update(clientSessions).set({ lastSeenAt: now }).where(where);
  }
  return { tokenHash, clientId: row.clientId, csrfToken: row.csrfToken, expiresAt: row.expiresAt };
}

export async function destroyClientSession(tx: Tx, tenantId: string, tokenHash: string): Promise<void> {
  await tx.delete(clientSessions).where(and(eq(clientSessions.tenantId, tenantId), eq(clientSessions.tokenHash, tokenHash)));
}
