import type { AppRouter } from '@hetki/server';
import type { ErrorReason } from '@hetki/shared';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';

/**
 * The portal's own API client. The client session lives in an httpOnly cookie (sent to /trpc only);
 * mutations echo the session's CSRF token, which portal.session and portal.signIn hand out.
 */
let csrfToken: string | null = null;

export function rememberPortalCsrf(token: string | null): void {
  csrfToken = token;
}

export const portalApi = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: '/trpc',
      // Queries go as POST too: an email or a booking id never lands in an address or a proxy log.
      methodOverride: 'POST',
      headers: () => (csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      fetch: (input, init) => fetch(input, { ...(init as RequestInit), credentials: 'same-origin' }),
    }),
  ],
});

export function portalErrorReason(error: unknown): ErrorReason | null {
  if (error instanceof TRPCClientError) return (error as TRPCClientError<AppRouter>).data?.reason ?? null;
  return null;
}
