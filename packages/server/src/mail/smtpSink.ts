import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/**
 * A development / test SMTP server that accepts every message and keeps it in memory instead of
 * delivering it. Receipt is deliberately cheap (raw bytes + a quick header scan) so that load tests
 * can push thousands of messages a second through it; full MIME parsing happens lazily in `parsed()`.
 */

export type CaughtMessage = {
  id: number;
  receivedAt: Date;
  /** MAIL FROM address ('' for the null sender). */
  envelopeFrom: string;
  /** RCPT TO addresses, as given by the client. */
  envelopeTo: string[];
  /** The message exactly as received (after SMTP dot-unstuffing). */
  raw: Buffer;
  /** Lower-case header name -> first value, unfolded and trimmed but otherwise undecoded. */
  headers: Record<string, string>;
  /** The Subject header with RFC 2047 encoded-words decoded ('' when absent). */
  subject: string;
  messageId: string | null;
};

export type SmtpSink = {
  port: number;
  /** smtp://host:port, suitable for SMTP_URL. */
  url: string;
  /** Kept messages, newest first. */
  messages(): CaughtMessage[];
  /** Messages received since start (or the last clear()), including evicted ones. */
  count(): number;
  /** Envelope recipient (lower-case) -> number of messages accepted for it since start (or the last clear()). */
  countByRecipient(): Map<string, number>;
  /** The fully parsed message, or null when the id is unknown or already evicted. Cached per message. */
  parsed(id: number): Promise<ParsedMail | null>;
  /** Resolves with the newest kept message matching, or the next one to arrive; rejects after timeoutMs (default 5 s). */
  waitFor(predicate: (m: CaughtMessage) => boolean, timeoutMs?: number): Promise<CaughtMessage>;
  /** Forgets all messages and resets count() and countByRecipient(). Ids keep increasing. */
  clear(): void;
  close(): Promise<void>;
};

export type SmtpSinkOptions = {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** How many messages to keep in memory (default 500). */
  keep?: number;
  onMessage?: (m: CaughtMessage) => void;
};

export const SMTP_SINK_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
const DEFAULT_KEEP = 500;
const DEFAULT_WAIT_MS = 5_000;

type Entry = { message: CaughtMessage; parsed?: Promise<ParsedMail> };
type Waiter = { predicate: (m: CaughtMessage) => boolean; resolve: (m: CaughtMessage) => void; reject: (e: unknown) => void };

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const host = options.host ?? '127.0.0.1';
  const keep = Math.max(1, Math.floor(options.keep ?? DEFAULT_KEEP));

  // Oldest first; messages() reverses.
  let kept: Entry[] = [];
  const byId = new Map<number, Entry>();
  let nextId = 1;
  let total = 0;
  let perRecipient = new Map<string, number>();
  const waiters = new Set<Waiter>();

  function accept(raw: Buffer, session: SMTPServerSession): void {
    const headers = parseHeaderBlock(raw);
    const envelope = session.envelope;
    const message: CaughtMessage = {
      id: nextId++,
      receivedAt: new Date(),
      envelopeFrom: envelope.mailFrom ? envelope.mailFrom.address : '',
      envelopeTo: envelope.rcptTo.map((rcpt) => rcpt.address),
      raw,
      headers,
      subject: headers.subject === undefined ? '' : decodeMimeWords(headers.subject),
      messageId: headers['message-id'] || null,
    };
    total++;
    const seen = new Set<string>();
    for (const address of message.envelopeTo) {
      const key = address.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      perRecipient.set(key, (perRecipient.get(key) ?? 0) + 1);
    }
    const entry: Entry = { message };
    kept.push(entry);
    byId.set(message.id, entry);
    while (kept.length > keep) {
      const evicted = kept.shift();
      if (evicted) byId.delete(evicted.message.id);
    }
    for (const waiter of waiters) {
      let matches: boolean;
      try {
        matches = waiter.predicate(message);
      } catch (error) {
        waiters.delete(waiter);
        waiter.reject(error);
        continue;
      }
      if (matches) {
        waiters.delete(waiter);
        waiter.resolve(message);
      }
    }
    if (options.onMessage) {
      try {
        options.onMessage(message);
      } catch {
        // A listener's failure must not refuse the message.
      }
    }
  }

  const server = new SMTPServer({
    banner: 'Hetki development mail sink',
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    size: SMTP_SINK_MAX_MESSAGE_BYTES,
    rejectOversized: true,
    maxClients: 1000,
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 1_000,
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      let length = 0;
      stream.on('data', (chunk: Buffer) => {
        if (stream.sizeExceeded) return;
        chunks.push(chunk);
        length += chunk.length;
      });
      stream.once('error', (error: Error) => callback(error));
      stream.once('end', () => {
        if (stream.sizeExceeded) {
          const error: Error & { responseCode?: number } = new Error('Error: message exceeds fixed maximum message size');
          error.responseCode = 552;
          callback(error);
          return;
        }
        accept(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length), session);
        callback();
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  // Connection-level errors (a client resetting its socket, say) are emitted here; without a listener they would crash the process.
  server.on('error', () => {});

  const port = (server.server.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;

  return {
    port,
    url: `smtp://${urlHost}:${port}`,
    messages: () => {
      const list: CaughtMessage[] = new Array(kept.length);
      for (let i = 0; i < kept.length; i++) list[i] = kept[kept.length - 1 - i]!.message;
      return list;
    },
    count: () => total,
    countByRecipient: () => new Map(perRecipient),
    parsed: async (id) => {
      const entry = byId.get(id);
      if (!entry) return null;
      entry.parsed ??= simpleParser(entry.message.raw);
      return entry.parsed;
    },
    waitFor: (predicate, timeoutMs = DEFAULT_WAIT_MS) =>
      new Promise<CaughtMessage>((resolve, reject) => {
        try {
          for (let i = kept.length - 1; i >= 0; i--) {
            const message = kept[i]!.message;
            if (predicate(message)) return resolve(message);
          }
        } catch (error) {
          return reject(error);
        }
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No matching message arrived at the SMTP sink within ${timeoutMs} ms (${total} received)`));
        }, timeoutMs);
        const waiter: Waiter = {
          predicate,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        };
        waiters.add(waiter);
      }),
    clear: () => {
      kept = [];
      byId.clear();
      total = 0;
      perRecipient = new Map();
    },
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      return closing;
    },
  };
}

/** Headers of a raw message: lower-case name -> first value, unfolded. Only the header block is decoded. */
export function parseHeaderBlock(raw: Buffer): Record<string, string> {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  let end = raw.length;
  if (crlf >= 0) end = crlf;
  if (lf >= 0 && lf < end) end = lf;
  const block = raw.toString('utf8', 0, end).replace(/\r?\n(?=[ \t])/g, '');
  const headers: Record<string, string> = {};
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (name === '__proto__' || Object.hasOwn(headers, name)) continue;
    headers[name] = line.slice(colon + 1).trim();
  }
  return headers;
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

/**
 * Decodes RFC 2047 encoded-words (=?charset?B|Q?...?=) in a header value. Whitespace between adjacent
 * encoded-words is dropped, and adjacent words in the same charset are joined as bytes before decoding,
 * so multi-byte characters split across words survive.
 */
export function decodeMimeWords(value: string): string {
  if (!value.includes('=?')) return value;
  let out = '';
  let pending: { charset: string; bytes: Buffer[] } | null = null;
  let last = 0;
  const flush = () => {
    if (pending) out += decodeBytes(Buffer.concat(pending.bytes), pending.charset);
    pending = null;
  };
  for (const match of value.matchAll(ENCODED_WORD)) {
    const between = value.slice(last, match.index);
    const adjacent = last > 0 && pending !== null && /^[ \t\r\n]*$/.test(between);
    if (!adjacent) {
      flush();
      out += between;
    }
    const charset = match[1]!.split('*')[0]!.toLowerCase();
    const bytes = match[2]!.toUpperCase() === 'B' ? Buffer.from(match[3]!, 'base64') : decodeQ(match[3]!);
    const current = pending as { charset: string; bytes: Buffer[] } | null;
    if (current && adjacent && current.charset === charset) {
      current.bytes.push(bytes);
    } else {
      flush();
      pending = { charset, bytes: [bytes] };
    }
    last = match.index + match[0].length;
  }
  flush();
  return out + value.slice(last);
}

function decodeQ(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5f /* _ */) {
      bytes.push(0x20);
    } else if (c === 0x3d /* = */ && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(c & 0xff);
    }
  }
  return Buffer.from(bytes);
}

function decodeBytes(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    // Unknown charset label: UTF-8 is the best guess for mail that Hetki sends.
    return bytes.toString('utf8');
  }
}
