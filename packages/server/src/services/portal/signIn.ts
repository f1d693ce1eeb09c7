import type { PortalSession } from '@hetki/shared';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { portalSignInLinks } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { sha256Hex } from '../../lib/crypto.js';
import { DomainError } from '../../lib/errors.js';
import { appendAudit } from '../audit/auditLog.js';
import { withPublicTenant } from '../booking/publicTenant.js';
import { createClientSession, destroyClientSession } from './clientSessions.js';
import { describePortalSession } from './portalSession.js';

export const linkInvalid = () =>
  new DomainError('UNAUTHORIZED', 'LINK_INVALID', 'This sign-in link has expired or has already been used. Ask for a new one.');

/**
 * Spends a sign-in link and opens a client session. The link is marked used in the same statement
 * that checks it, so two concurrent uses cannot both succeed.
 */
export async function signInWithLink(
  deps: Deps,
  slug: string,
  token: string,
  ip: string | null,
  previousToken: string | null = null,
): Promise<{ token: string; session: PortalSession }> {
  return withPublicTenant(deps, slug, async (tx, tenant) => {
    const now = deps.now();
    const [link] = await tx
      .update(portalSignInLinks)
      .set({ usedAt: now })
      .where(
        and(
          eq(portalSignInLinks.tenantId, tenant.id),
          eq(portalSignInLinks.tokenHash, deps.portalLinkTokens.hash(token)),
          isNull(portalSignInLinks.usedAt),
          gt(portalSignInLinks.expiresAt, now),
        ),
      )
      .returning({ clientId: portalSignInLinks.clientId });
    if (!link) throw linkInvalid();
    // A session this browser had here before ends: signing in always starts a fresh one.
    if (previousToken) await destroyClientSession(tx, tenant.id, sha256Hex(previousToken));
    const opened = await createClientSession(tx, tenant.id, link.clientId, now);
    await appendAudit(tx, tenant.id, { type: 'client', id: link.clientId, ip }, { action: 'sign_in', entity: 'client_session' });
    return { token: opened.token, session: await describePortalSession(tx, tenant, opened.session) };
  });
}
