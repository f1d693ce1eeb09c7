import { embedderOrigin } from './embed';

/** A failed call: the HTTP status and the server's machine-readable reason (see packages/shared errors.ts). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(reason);
  }
}

type Envelope<T> = { result?: { data: T }; error?: { data?: { reason?: string; fieldErrors?: Record<string, string[]> } } };

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const origin = embedderOrigin();
  return origin ? { ...extra, 'x-hetki-embedder': origin } : extra;
}

async function unwrap<T>(response: Response): Promise<T> {
  let body: Envelope<T> = {};
  try {
    body = (await response.json()) as Envelope<T>;
  } catch {
    // A non-JSON answer (a proxy's error page) is reported by status alone.
  }
  if (!response.ok || body.error) {
    throw new ApiError(response.status, body.error?.data?.reason ?? 'INTERNAL', body.error?.data?.fieldErrors ?? {});
  }
  return body.result?.data as T;
}

/**
 * A tRPC query over plain fetch (no client library: the widget stays small). Inputs that hold a
 * token or personal data are sent in a POST body (the server allows method override), never in a URL.
 */
export async function query<T>(path: string, input: unknown, options: { private?: boolean } = {}): Promise<T> {
  if (options.private) {
    return unwrap<T>(
      await fetch(`/trpc/${path}`, {
        method: 'POST',
        headers: headers({ 'content-type': 'application/json' }),
        body: JSON.stringify(input),
      }),
    );
  }
  return unwrap<T>(await fetch(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: headers() }));
}

export async function mutate<T>(path: string, input: unknown): Promise<T> {
  return unwrap<T>(
    await fetch(`/trpc/${path}`, { method: 'POST', headers: headers({ 'content-type': 'application/json' }), body: JSON.stringify(input) }),
  );
}
