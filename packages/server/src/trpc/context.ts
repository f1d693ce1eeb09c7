import type { Request, Response } from 'express';
import type { Deps } from '../deps.js';
import { env } from '../env.js';

export const SESSION_COOKIE = 'hetki_session';
export const CSRF_HEADER = 'x-csrf-token';

export type Context = {
  deps: Deps;
  req: Request;
  res: Response;
  /** The caller's address as express resolves it (TRUST_PROXY decides whether X-Forwarded-For counts). */
  ip: string | null;
  sessionToken: string | null;
};

export function createContextFactory(deps: Deps) {
  return ({ req, res }: { req: Request; res: Response }): Context => {
    const raw: unknown = req.cookies?.[SESSION_COOKIE];
    return { deps, req, res, ip: normaliseIp(req.ip), sessionToken: typeof raw === 'string' ? raw : null };
  };
}

/** '::ffff:1.2.3.4' and '1.2.3.4' are the same visitor. */
export function normaliseIp(ip: string | undefined): string | null {
  if (!ip) return null;
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

export function setSessionCookie(res: Response, token: string): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: env().NODE_ENV === 'production',
    path: '/',
    maxAge: env().SESSION_MAX_HOURS * 3_600_000,
  });
}

export function clearSessionCookie(res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: env().NODE_ENV === 'production', path: '/' });
}
