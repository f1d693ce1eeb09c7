import type { AppRouter } from '@hetki/server';
import type { ErrorReason } from '@hetki/shared';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';

/**
 * The session lives in an httpOnly cookie; mutations must also echo the session's CSRF token,
 * which the server hands out in auth.me / auth.login. We keep the last one we saw here.
 */
let csrfToken: string | null = null;

export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

export const api = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: '/trpc',
      // Queries go as POST too (the server allows the override): a client search or a client id never lands in
      // an address, a proxy log or the browser history.
      methodOverride: 'POST',
      headers: () => (csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      fetch: (input, init) => fetch(input, { ...(init as RequestInit), credentials: 'same-origin' }),
    }),
  ],
});

/** The machine-readable reason the server attaches to every error (`error.data.reason`). */
export function errorReason(error: unknown): ErrorReason | null {
  if (error instanceof TRPCClientError) return (error as TRPCClientError<AppRouter>).data?.reason ?? null;
  return null;
}
