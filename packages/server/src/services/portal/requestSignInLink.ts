import { PORTAL_LINK_MINUTES, type PortalRequestLinkInput } from '@hetki/shared';
import { and, asc, eq, lt, or } from 'drizzle-orm';
import { clients, portalSignInLinks } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { logger } from '../../lib/logger.js';
import { newId } from '../../lib/uuid.js';
import { queueMessages } from '../../outbox/writeOutbox.js';
import { appendAudit } from '../audit/auditLog.js';
import { withPublicTenant } from '../booking/publicTenant.js';

/**
 * A client asks for a sign-in link. The answer is the same, and comes as fast, whether or not the
 * email belongs to a client: after the throttle (per email and IP) and the clinic check, the lookup
 * and the link are written in the background, so not even the response time tells known addresses
 * apart. Shutdown waits for that work like for a request.
 */
export async function requestSignInLink(deps: Deps, input: PortalRequestLinkInput, ip: string | null): Promise<{ ok: true }> {
  await deps.portalThrottle.beforeLinkRequest(input.email, ip);
  await withPublicTenant(deps, input.slug, async () => {});
  void deps.inFlight
    .run(() => writeSignInLink(deps, input, ip))
    .catch((error: { name?: string; code?: string }) => {
      logger.error('portal sign-in link not written', { cause: error.name, pgCode: error.code });
    });
  return { ok: true };
}

/**
 * When the email belongs to a client of this clinic, a one-time link is written with its email in
 * the outbox (the worker composes it; the job carries ids only). Nothing is written otherwise.
 */
export async function writeSignInLink(deps: Deps, input: PortalRequestLinkInput, ip: string | null): Promise<void> {
  await withPublicTenant(deps, input.slug, async (tx, tenant) => {
    const [client] = await tx
      .select({ id: clients.id, email: clients.email })
      .from(clients)
      .where(and(eq(clients.tenantId, tenant.id), eq(clients.email, input.email)))
      .orderBy(asc(clients.createdAt))
      .limit(1);
    if (!client?.email) return;
    const now = deps.now();
    // Spent and expired links of this client are of no further use.
    await tx
      .delete(portalSignInLinks)
      .where(
        and(
          eq(portalSignInLinks.tenantId, tenant.id),
          eq(portalSignInLinks.clientId, client.id),
          or(lt(portalSignInLinks.expiresAt, now), lt(portalSignInLinks.usedAt, now)),
        ),
      );
    const linkId = newId();
    const [messageId] = await queueMessages(tx, deps.outbox, tenant.id, [
      { kind: 'portal_sign_in', channel: 'email', recipient: client.email, locale: input.locale, dueAt: now },
    ]);
    await tx.insert(portalSignInLinks).values({
      tenantId: tenant.id,
      id: linkId,
      clientId: client.id,
      tokenHash: deps.portalLinkTokens.hash(deps.portalLinkTokens.tokenFor(tenant.id, linkId)),
      messageId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + PORTAL_LINK_MINUTES * 60_000),
    });
    await appendAudit(
      tx,
      tenant.id,
      { type: 'public', id: null, ip },
      { action: 'request_sign_in_link', entity: 'client', entityId: client.id },
    );
  });
}
