import express, { type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import twilio from 'twilio';
import { z } from 'zod';
import type { Deps } from '../deps.js';
import type { Env } from '../env.js';
import { logger } from '../lib/logger.js';
import { handleInboundSms } from '../services/messaging/smsInbound.js';
import { isSmsDeliveryStatus, recordSmsStatus } from '../services/messaging/smsStatus.js';

/** Where the router is mounted (by app.ts). Status callback URLs are built from it. */
export const SMS_WEBHOOK_PATH = '/webhooks/twilio';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/**
 * The status callback URL to give Twilio for an outbox row, or null when PUBLIC_URL is not set
 * (Twilio could not reach us anyway). It carries ids only; Twilio signs it with every callback.
 */
export function smsStatusCallbackUrl(env: Pick<Env, 'PUBLIC_URL'>, ref: { tenantId: string; messageId: string }): string | null {
  if (!env.PUBLIC_URL) return null;
  const query = new URLSearchParams({ t: ref.tenantId, m: ref.messageId });
  return `${new URL(env.PUBLIC_URL).origin}${SMS_WEBHOOK_PATH}/status?${query.toString()}`;
}

type FormParams = Record<string, string | string[]>;

function formParams(req: Request): FormParams {
  const body: unknown = req.body;
  return body && typeof body === 'object' ? (body as FormParams) : {};
}

/**
 * The URL Twilio requested, as Twilio saw it (the signature covers it): the origin of PUBLIC_URL
 * (behind a proxy, the public address) or else http:// and the Host header, then the path and
 * query exactly as received (req.originalUrl, which includes the mount path). Only the origin of
 * PUBLIC_URL is used: a path in it is assumed not to be stripped by the proxy.
 */
function requestedUrl(deps: Deps, req: Request): string | null {
  try {
    const base = deps.env.PUBLIC_URL ?? (req.headers.host ? `http://${req.headers.host}` : null);
    if (!base) return null;
    return `${new URL(base).origin}${req.originalUrl}`;
  } catch {
    return null;
  }
}

/** Every request must carry a valid X-Twilio-Signature; without Twilio configured, none can. */
function verifySignature(deps: Deps): RequestHandler {
  return (req, res, next) => {
    const authToken = deps.env.TWILIO_AUTH_TOKEN;
    const signature = req.header('x-twilio-signature');
    const url = requestedUrl(deps, req);
    let valid = false;
    if (authToken && deps.env.TWILIO_ACCOUNT_SID && signature && url) {
      try {
        valid = twilio.validateRequest(authToken, signature, url, formParams(req));
      } catch {
        valid = false;
      }
    }
    if (!valid) {
      res.status(403).json({ error: 'INVALID_SIGNATURE' });
      return;
    }
    next();
  };
}

const uuid = z.uuid();
const statusQuery = z.object({ t: uuid, m: uuid });
const statusForm = z.object({
  MessageSid: z.string().regex(/^[A-Z]{2}[0-9a-f]{32}$/),
  MessageStatus: z.string().max(40),
  ErrorCode: z.string().max(20).optional(),
});
const inboundForm = z.object({
  From: z.string().max(64),
  Body: z.string().max(10_000).default(''),
});

/**
 * Twilio's webhooks: delivery status callbacks for messages we sent, and SMS people send us (opt-out
 * keywords). Bodies are form-encoded; every request is signed with the account's auth token.
 * Routes stay thin: the work is in services/messaging.
 */
export function smsWebhookRouter(deps: Deps): express.Router {
  const router = express.Router();
  router.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 }));
  router.use(verifySignature(deps));

  router.post('/status', async (req, res) => {
    const query = statusQuery.safeParse({ t: req.query.t, m: req.query.m });
    const form = statusForm.safeParse(formParams(req));
    if (!query.success || !form.success) {
      res.status(400).json({ error: 'BAD_REQUEST' });
      return;
    }
    const { MessageSid, MessageStatus, ErrorCode } = form.data;
    // A state we do not know (partially_delivered, receiving...) is acknowledged and not recorded.
    if (isSmsDeliveryStatus(MessageStatus)) {
      await recordSmsStatus(deps, {
        tenantId: query.data.t,
        messageId: query.data.m,
        providerId: MessageSid,
        status: MessageStatus,
        errorCode: ErrorCode && /^\d{1,10}$/.test(ErrorCode) ? ErrorCode : null,
      });
    }
    res.status(204).end();
  });

  router.post('/inbound', async (req, res) => {
    const form = inboundForm.safeParse(formParams(req));
    if (form.success) await handleInboundSms(deps, { from: form.data.From, body: form.data.Body });
    res.status(200).type('text/xml').send(EMPTY_TWIML);
  });

  router.use(webhookErrors);
  return router;
}

/** A body that cannot be parsed keeps its 4xx; anything else is a 500 with no detail (and no personal data logged). */
const webhookErrors: ErrorRequestHandler = (
  error: { status?: number; statusCode?: number; type?: string; name?: string },
  req,
  res,
  _next,
) => {
  const status = error.status ?? error.statusCode ?? 500;
  if (status >= 500) logger.error('twilio webhook failed', { route: req.path, cause: error.name, type: error.type });
  res.status(status >= 400 && status < 600 ? status : 500).json({ error: status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' });
};
