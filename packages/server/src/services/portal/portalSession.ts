import type { PortalSession } from '@hetki/shared';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { clients } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { notFound } from '../../lib/errors.js';
import { appendAudit } from '../audit/auditLog.js';
import { type PublicTenant, withPublicTenant } from '../booking/publicTenant.js';
import { type ClientSession, destroyClientSession, resolveClientSession } from './clientSessions.js';
import type { PortalContext } from './portalContext.js';

/** What the portal shows of its session: the client's first name, the clinic, the CSRF token. */
export async function describePortalSession(tx: Tx, tenant: PublicTenant, session: ClientSession): Promise<PortalSession> {
  const [client] = await tx
    .select({ firstName: clients.firstName })
    .from(clients)
    .where(and(eq(clients.tenantId, tenant.id), eq(clients.id, session.clientId)));
  if (!client) throw notFound('Client');
  return {
    client: { firstName: client.firstName },
    clinic: { slug: tenant.slug, name: tenant.name, timeZone: tenant.timeZone },
    csrfToken: session.csrfToken,
  };
}

/** The signed-in client of this clinic for a cookie token, or null. */
export async function currentPortalSession(deps: Deps, slug: string, token: string | null): Promise<PortalSession | null> {
  if (!token) return null;
  return withPublicTenant(deps, slug, async (tx, tenant) => {
    const session = await resolveClientSession(tx, tenant.id, token, deps.now());
    return session ? describePortalSession(tx, tenant, session) : null;
  });
}

/** Ends the session (the caller clears the cookie). */
export async function signOutPortal({ tx, tenant, session, ip }: PortalContext): Promise<{ ok: true }> {
  await destroyClientSession(tx, tenant.id, session.tokenHash);
  await appendAudit(tx, tenant.id, { type: 'client', id: session.clientId, ip }, { action: 'sign_out', entity: 'client_session' });
  return { ok: true };
}
