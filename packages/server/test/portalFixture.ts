import type postgres from 'postgres';
import { type BookingClinic, bookingRequest, helsinkiDate, type Slot } from './bookingFixture.js';
import type { ApiClient, ApiError, ApiResult, Harness } from './harness.js';

/** A browser on the client portal: keeps the portal cookie and echoes the session's CSRF token. */
export class PortalClient {
  cookie: string | null = null;
  csrfToken: string | null = null;
  sendCsrf = true;

  constructor(readonly baseUrl: string) {}

  async call(type: 'query' | 'mutation', path: string, input?: unknown): Promise<ApiResult> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    const response =
      type === 'query'
        ? await fetch(`${this.baseUrl}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
        : await fetch(`${this.baseUrl}/trpc/${path}`, {
            method: 'POST',
            headers: {
              ...headers,
              'content-type': 'application/json',
              ...(this.csrfToken && this.sendCsrf ? { 'x-csrf-token': this.csrfToken } : {}),
            },
            body: JSON.stringify(input),
          });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      if (pair?.startsWith('hetki_client=')) this.cookie = pair === 'hetki_client=' ? null : pair;
    }
    const body = (await response.json()) as ApiResult['body'];
    const data = body.result?.data as { csrfToken?: unknown } | null | undefined;
    if (data && typeof data === 'object' && typeof data.csrfToken === 'string') this.csrfToken = data.csrfToken;
    return { status: response.status, body };
  }

  async query<T = unknown>(path: string, input?: unknown): Promise<T> {
    return unwrap<T>(path, await this.call('query', path, input));
  }

  async mutate<T = unknown>(path: string, input?: unknown): Promise<T> {
    return unwrap<T>(path, await this.call('mutation', path, input));
  }

  /** The error of a call that must fail. */
  async failure(type: 'query' | 'mutation', path: string, input?: unknown): Promise<ApiError & { status: number }> {
    const result = await this.call(type, path, input);
    if (!result.body.error) throw new Error(`${path} was expected to fail but returned ${result.status}`);
    return { ...result.body.error, status: result.status };
  }
}

function unwrap<T>(path: string, result: ApiResult): T {
  if (result.body.error) throw new Error(`${path} failed (${result.status} ${result.body.error.data.reason})`);
  return result.body.result?.data as T;
}

/** Books the `slotIndex`-th free slot `days` ahead for a new client; returns the booking and the client's email. */
export async function bookAsNewClient(
  visitor: ApiClient,
  clinic: BookingClinic,
  options: { days?: number; slotIndex?: number; consents?: Record<string, unknown> } = {},
): Promise<{ bookingId: string; start: string; email: string }> {
  const date = helsinkiDate(options.days ?? 3);
  const { slots } = await visitor.query<{ slots: Slot[] }>('public.booking.availability', {
    slug: clinic.slug,
    serviceId: clinic.serviceId,
    from: date,
    to: date,
  });
  const slot = slots[options.slotIndex ?? 2] as Slot;
  const request = bookingRequest(clinic, slot.start);
  if (options.consents) request.consents = { ...request.consents, ...options.consents } as typeof request.consents;
  const created = await visitor.mutate<{ booking: { id: string; start: string } }>('public.booking.book', request);
  return { bookingId: created.booking.id, start: created.booking.start, email: request.client.email };
}

/**
 * The newest link of the email's client, read as the owner, and its token derived as the worker
 * would. Links are written in the background after the answer, so this waits a little for one.
 */
export async function latestLinkToken(
  h: Harness,
  owner: postgres.Sql,
  tenantId: string,
  email: string,
  after = new Date(0),
): Promise<string> {
  const until = Date.now() + 5_000;
  while (Date.now() < until) {
    const [link] = await owner<{ id: string }[]>`
      select l.id from portal_sign_in_links l join clients c on c.tenant_id = l.tenant_id and c.id = l.client_id
      where l.tenant_id = ${tenantId} and c.email = ${email} and l.created_at >= ${after}
      order by l.created_at desc limit 1`;
    if (link) return h.deps.portalLinkTokens.tokenFor(tenantId, link.id);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('No sign-in link was written');
}

/** A portal client signed in to the clinic as the client with this email (link asked for and used). */
export async function signedInClient(h: Harness, clinic: { slug: string; tenantId: string }, email: string): Promise<PortalClient> {
  const client = new PortalClient(h.baseUrl);
  const asked = h.deps.now();
  await client.mutate('portal.requestLink', { slug: clinic.slug, email, locale: 'en' });
  const token = await latestLinkToken(h, h.owner, clinic.tenantId, email, asked);
  await client.mutate('portal.signIn', { slug: clinic.slug, token });
  return client;
}
