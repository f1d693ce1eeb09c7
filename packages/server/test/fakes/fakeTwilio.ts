import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';

export type FakeTwilioMessage = {
  sid: string;
  to: string;
  /** From, or the MessagingServiceSid when the message was sent through a messaging service. */
  from: string;
  body: string;
  statusCallback: string | null;
};

export type FakeTwilio = {
  /** Give this as TWILIO_API_URL. */
  url: string;
  /** Messages accepted so far, in order. */
  received: FakeTwilioMessage[];
  /** The next accepted-looking request is answered with this HTTP status and Twilio error code instead (queued, one per call). */
  failNext(status: number, code: number): void;
  /** The next valid message is accepted (recorded) but the connection drops before the answer. */
  dropNext(): void;
  close(): Promise<void>;
};

const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/([A-Za-z0-9]+)\/Messages\.json$/;
const MAX_BODY = 64 * 1024;

/**
 * A stand-in for api.twilio.com's Messages resource on an ephemeral local port, for tests and
 * benchmarks. It checks HTTP Basic auth (account SID and auth token) and the fields Twilio requires,
 * records each message and answers like Twilio does (201 with the message, or an error JSON).
 */
export async function startFakeTwilio(options: { accountSid: string; authToken: string }): Promise<FakeTwilio> {
  const received: FakeTwilioMessage[] = [];
  const failures: { status: number; code: number }[] = [];
  let drops = 0;
  const expectedAuth = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const match = MESSAGES_PATH.exec(path);
    if (req.method !== 'POST' || !match) {
      return reply(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    }
    if (req.headers.authorization !== expectedAuth || match[1] !== options.accountSid) {
      return reply(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
    }
    const raw = await readBody(req);
    if (raw === null) return reply(res, 413, { code: 20413, message: 'Request too large', status: 413 });
    const form = new URLSearchParams(raw);
    const failure = failures.shift();
    if (failure) {
      return reply(res, failure.status, { code: failure.code, message: `Simulated failure ${failure.code}`, status: failure.status });
    }
    const to = form.get('To');
    const body = form.get('Body');
    const from = form.get('From');
    const messagingServiceSid = form.get('MessagingServiceSid');
    if (!to) return reply(res, 400, { code: 21604, message: "A 'To' phone number is required.", status: 400 });
    if (!body) return reply(res, 400, { code: 21602, message: 'Message body is required.', status: 400 });
    if (!from && !messagingServiceSid) {
      return reply(res, 400, { code: 21603, message: "A 'From' phone number is required.", status: 400 });
    }
    const sid = `SM${randomBytes(16).toString('hex')}`;
    const statusCallback = form.get('StatusCallback');
    received.push({ sid, to, from: from ?? messagingServiceSid ?? '', body, statusCallback });
    if (drops > 0) {
      drops -= 1;
      req.socket.destroy();
      return;
    }
    const now = new Date().toUTCString().replace('GMT', '+0000');
    reply(res, 201, {
      account_sid: options.accountSid,
      api_version: '2010-04-01',
      body,
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: from ?? null,
      messaging_service_sid: messagingServiceSid ?? null,
      num_media: '0',
      num_segments: '1',
      price: null,
      price_unit: 'USD',
      sid,
      status: messagingServiceSid && !from ? 'accepted' : 'queued',
      subresource_uris: { media: `/2010-04-01/Accounts/${options.accountSid}/Messages/${sid}/Media.json` },
      to,
      uri: `/2010-04-01/Accounts/${options.accountSid}/Messages/${sid}.json`,
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) reply(res, 500, { code: 20500, message: 'Internal Server Error', status: 500 });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    received,
    failNext(status, code) {
      failures.push({ status, code });
    },
    dropNext() {
      drops += 1;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The X-Twilio-Signature Twilio would send for a form POST of `params` to `url`. */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}
