import http from 'node:http';
import twilio from 'twilio';
import type TwilioRequestClient from 'twilio/lib/base/RequestClient.js';
import type TwilioResponse from 'twilio/lib/http/response.js';
import type { Env } from '../env.js';

/** Sends one SMS through the provider; resolves with the provider's message id (Twilio: SM...). */
export type SmsSender = {
  send(message: { to: string; body: string; statusCallbackUrl: string | null }): Promise<{ providerId: string }>;
};

/**
 * A failed send. The message never carries the recipient or the text (Twilio's own error texts
 * often quote the number, so they are dropped): only codes, which are safe to log and to store in
 * outbox_messages.error.
 */
export class SmsSendError extends Error {
  constructor(
    /** Twilio's error code (21211, 21610...) when it gave one, else the HTTP status, else a network error code. */
    readonly code: number | string,
    /** The HTTP status Twilio answered with; null when no answer came. */
    readonly httpStatus: number | null,
    /** True when Twilio refused the message for good (a 4xx other than 429): retrying cannot help. */
    readonly permanent: boolean,
    /** True when the request may have reached Twilio (the connection broke after it was sent): the message may be on its way. */
    readonly unconfirmed = false,
  ) {
    super(`SMS send failed: ${formatCode(code)}${httpStatus === null ? '' : ` (HTTP ${httpStatus})`}`);
    this.name = 'SmsSendError';
  }

  /** A short form for outbox_messages.error, e.g. 'twilio:21211', 'http:503', 'network:ECONNRESET'. */
  get shortCode(): string {
    return formatCode(this.code, this.httpStatus);
  }
}

function formatCode(code: number | string, httpStatus: number | null = null): string {
  if (typeof code === 'string') return `network:${code}`;
  return httpStatus !== null && code === httpStatus ? `http:${code}` : `twilio:${code}`;
}

/** Network failures that happen before anything is sent: Twilio cannot have the message. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'CERT_HAS_EXPIRED']);

/** Turns whatever the SDK threw into an SmsSendError, keeping codes only. */
export function toSmsSendError(error: unknown): SmsSendError {
  if (error instanceof SmsSendError) return error;
  if (error instanceof twilio.RestException || isRestExceptionLike(error)) {
    const status = error.status;
    const code = typeof error.code === 'number' && Number.isInteger(error.code) ? error.code : status;
    const permanent = status >= 400 && status < 500 && status !== 429;
    return new SmsSendError(code, status, permanent);
  }
  const networkCode = networkErrorCode(error);
  return new SmsSendError(networkCode, null, false, !NOT_SENT_CODES.has(networkCode));
}

/** A RestException from another copy of the SDK: an Error with the HTTP status Twilio answered. */
function isRestExceptionLike(error: unknown): error is { status: number; code?: unknown } {
  if (!(error instanceof Error)) return false;
  const status: unknown = (error as Error & { status?: unknown }).status;
  return typeof status === 'number' && status >= 400;
}

function networkErrorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? code : 'ERROR';
}

/**
 * The SDK's HTTP client, pointed somewhere else: every request goes to TWILIO_API_URL (a local
 * fake in tests and benchmarks) with the same path and query. Any Twilio host is rewritten, so a
 * TWILIO_REGION/TWILIO_EDGE in the environment cannot send test traffic to the real API.
 */
class RedirectingRequestClient extends twilio.RequestClient {
  private readonly base: URL;

  constructor(apiUrl: string) {
    super({ keepAlive: true });
    this.base = new URL(apiUrl);
    if (this.base.protocol === 'http:') {
      // The SDK only configures an https agent; keep plain-HTTP connections to the fake alive too.
      this.axios.defaults.httpAgent = new http.Agent({ keepAlive: true, maxSockets: 100 });
    }
  }

  override request<TData>(opts: TwilioRequestClient.RequestOptions<TData>): Promise<TwilioResponse<TData>> {
    return super.request<TData>({ ...opts, uri: this.rewrite(opts.uri) });
  }

  private rewrite(uri: string): string {
    const original = new URL(uri);
    const prefix = this.base.pathname.replace(/\/+$/, '');
    return `${this.base.origin}${prefix}${original.pathname}${original.search}`;
  }
}

/**
 * The SMS sender, or null when Twilio is not configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and
 * TWILIO_FROM must all be set). TWILIO_FROM is a sender number or alphanumeric id, or a messaging
 * service SID (MG...), which then picks the sender itself.
 */
export function createSmsSender(env: Env): SmsSender | null {
  const accountSid = env.TWILIO_ACCOUNT_SID;
  const authToken = env.TWILIO_AUTH_TOKEN;
  const from = env.TWILIO_FROM;
  if (!accountSid || !authToken || !from) return null;

  const client = twilio(accountSid, authToken, {
    // Never the SDK's debug logging (TWILIO_LOG_LEVEL in the environment): it prints requests.
    logLevel: 'info',
    autoRetry: false,
    ...(env.TWILIO_API_URL ? { httpClient: new RedirectingRequestClient(env.TWILIO_API_URL) } : {}),
  });
  const sender = from.startsWith('MG') ? { messagingServiceSid: from } : { from };

  return {
    async send(message) {
      try {
        const created = await client.messages.create({
          to: message.to,
          body: message.body,
          ...sender,
          ...(message.statusCallbackUrl ? { statusCallback: message.statusCallbackUrl } : {}),
        });
        if (typeof created.sid !== 'string' || created.sid.length === 0) {
          throw new SmsSendError('NO_SID', null, false, true);
        }
        return { providerId: created.sid };
      } catch (error) {
        throw toSmsSendError(error);
      }
    },
  };
}
