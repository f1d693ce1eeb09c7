import type { StaffRole } from '@hetki/shared';
import type { Tx } from '../db/connections.js';
import { withTenant } from '../db/context.js';
import { publicUrl } from '../env.js';
import { safeEqual } from '../lib/crypto.js';
import { DomainError } from '../lib/errors.js';
import { type ResolvedSession, resolveSession } from '../services/auth/sessions.js';
import type { Member } from '../services/team/team.js';
import { CSRF_HEADER } from './context.js';
import { mapDomainErrors, t } from './init.js';

export const router = t.router;

export const publicProcedure = t.procedure.use(mapDomainErrors);

/**
 * For mutations that work without a session (login, sign-up, invitations): a browser that sends an
 * Origin must send ours, so another site cannot sign a visitor in to an account of its choosing.
 */
export const sameOriginProcedure = publicProcedure.use(({ ctx, type, next }) => {
  const origin = ctx.req.headers.origin;
  if (type === 'mutation' && origin && !allowedOrigins(ctx.req.headers.host).has(origin)) {
    throw new DomainError('FORBIDDEN', 'CSRF_FAILED', 'This request did not come from Hetki');
  }
  return next();
});

function allowedOrigins(host: string | undefined): Set<string> {
  const origins = new Set([new URL(publicUrl()).origin]);
  if (host) {
    origins.add(`http://${host}`);
    origins.add(`https://${host}`);
  }
  return origins;
}

/**
 * A signed-in staff member. Every mutation must echo the session's CSRF token in a header, which
 * a cross-site form or script cannot read or set.
 */
export const sessionProcedure = publicProcedure.use(async ({ ctx, type, next }) => {
  const session = ctx.sessionToken ? await resolveSession(ctx.deps, ctx.sessionToken) : null;
  if (!session) throw new DomainError('UNAUTHORIZED', 'SESSION_REQUIRED', 'Please sign in');
  if (type === 'mutation') {
    const sent = ctx.req.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) {
      throw new DomainError('FORBIDDEN', 'CSRF_FAILED', 'The security token is missing or stale; reload the page');
    }
  }
  return next({ ctx: { session } });
});

export type StaffContext = {
  session: ResolvedSession;
  tenantId: string;
  member: Member;
  /** The procedure's only database handle: one transaction that sees only this clinic. */
  tx: Tx;
};

/**
 * A procedure of the clinic the session works in, callable by the listed roles. It runs inside
 * withTenant; a failure anywhere rolls the whole transaction back.
 */
export function staffProcedure(roles: readonly StaffRole[]) {
  return sessionProcedure.meta({ roles }).use(async ({ ctx, type, next }) => {
    const membership = ctx.session.membership;
    if (!membership) throw new DomainError('FORBIDDEN', 'NO_TENANT', 'Choose a clinic first');
    if (!roles.includes(membership.role)) {
      throw new DomainError('FORBIDDEN', 'ROLE_FORBIDDEN', 'Your role does not allow this');
    }
    const member: Member = { type: 'staff', id: ctx.session.user.id, role: membership.role, ip: ctx.ip };
    const result = await withTenant(ctx.deps.db, membership.tenantId, async (tx) => {
      const outcome = await next({ ctx: { tenantId: membership.tenantId, member, tx } });
      // tRPC hands failures back as values; throwing here is what rolls the transaction back.
      if (!outcome.ok) throw outcome.error;
      return outcome;
    });
    // Any committed staff change may touch hours, services or bookings: cached availability is stale.
    if (type === 'mutation') await ctx.deps.availabilityCache.invalidate(membership.tenantId);
    return result;
  });
}

export const ALL_STAFF: readonly StaffRole[] = ['owner', 'admin', 'practitioner', 'reception'];
export const MANAGERS: readonly StaffRole[] = ['owner', 'admin'];
