import { PORTAL_SESSION_MAX_HOURS } from '@hetki/shared';
import type { Response } from 'express';
import { z } from 'zod';
import { env } from '../env.js';
import { safeEqual } from '../lib/crypto.js';
import { DomainError } from '../lib/errors.js';
import { withPublicTenant } from '../services/booking/publicTenant.js';
import { resolveClientSession } from '../services/portal/clientSessions.js';
import type { PortalContext } from '../services/portal/portalContext.js';
import { type Context, CSRF_HEADER } from './context.js';
import { publicProcedure } from './procedures.js';

/**
 * The client portal's cookie. Apart from the staff session's; sent only to the API (path /trpc),
 * never to pages; httpOnly and SameSite=Lax, so no script and no cross-site request carries it.
 */
export const PORTAL_COOKIE = 'hetki_client';
const COOKIE_PATH = '/trpc';

export function setPortalCookie(res: Response, token: string): void {
  res.cookie(PORTAL_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: env().NODE_ENV === 'production',
    path: COOKIE_PATH,
    maxAge: PORTAL_SESSION_MAX_HOURS * 3_600_000,
  });
}

export function clearPortalCookie(res: Response): void {
  res.clearCookie(PORTAL_COOKIE, { httpOnly: true, sameSite: 'lax', secure: env().NODE_ENV === 'production', path: COOKIE_PATH });
}

export function portalToken(ctx: Context): string | null {
  const raw: unknown = ctx.req.cookies?.[PORTAL_COOKIE];
  return typeof raw === 'string' ? raw : null;
}

const slugOf = z.object({ slug: z.string().trim().toLowerCase().min(1).max(40) });

/**
 * A signed-in client of the clinic the input's slug names. The whole procedure runs in one
 * transaction narrowed to that clinic; a session of another clinic is no session here. Every
 * mutation must echo the session's CSRF token.
 */
export const portalProcedure = publicProcedure.use(async ({ ctx, type, getRawInput, next }) => {
  const parsed = slugOf.safeParse(await getRawInput());
  if (!parsed.success) throw new DomainError('BAD_REQUEST', 'INVALID_INPUT', 'Name the clinic');
  const token = portalToken(ctx);
  if (!token) throw sessionRequired();
  const result = await withPublicTenant(ctx.deps, parsed.data.slug, async (tx, tenant) => {
    const session = await resolveClientSession(tx, tenant.id, token, ctx.deps.now());
    if (!session) throw sessionRequired();
    if (type === 'mutation') {
      const sent = ctx.req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) {
        throw new DomainError('FORBIDDEN', 'CSRF_FAILED', 'The security token is missing or stale; reload the page');
      }
    }
    const portal: PortalContext = { tx, tenant, session, ip: ctx.ip };
    const outcome = await next({ ctx: { portal } });
    // tRPC hands failures back as values; throwing here is what rolls the transaction back.
    if (!outcome.ok) throw outcome.error;
    return { outcome, tenantId: tenant.id };
  });
  // A cancelled or moved booking changes what is free.
  if (type === 'mutation') await ctx.deps.availabilityCache.invalidate(result.tenantId);
  return result.outcome;
});

const sessionRequired = () => new DomainError('UNAUTHORIZED', 'SESSION_REQUIRED', 'Please sign in');
