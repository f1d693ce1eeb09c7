import { createRequire } from 'node:module';
import path from 'node:path';
import { Readable, type Writable } from 'node:stream';

/**
 * Sends mail over a small pool of SMTP connections so that a message can be recorded as sent
 * *before* the server accepts it, without a window for sending it twice:
 *
 *   MAIL FROM, RCPT TO, DATA, message body  →  caller commits "sent"  →  final "."
 *
 * The server accepts a message only on the final ".". If the process dies before the commit, the
 * connection drops mid-DATA and the server discards the message, so a retry sends it once. If it
 * dies after the commit, the row already says sent. The final "." leaves within a few
 * microseconds of the commit; SMTP's own ambiguity (a connection lost after the "." but before
 * the reply, RFC 1047) is reported as an unconfirmed delivery and never retried.
 *
 * nodemailer's SMTPConnection streams the body only after the server's 354 reply, which is what
 * makes the hold possible; its transports hide that moment, so the connection class is used directly.
 */

type Envelope = { from: string; to: string[] };
type SmtpError = Error & { responseCode?: number; code?: string };
type SendInfo = { response?: string; messageId?: string };

interface SmtpConnection {
  connect(callback: (error?: SmtpError) => void): void;
  login(auth: { user: string; pass: string }, callback: (error?: SmtpError) => void): void;
  send(envelope: Envelope, message: Readable, callback: (error: SmtpError | null, info: SendInfo) => void): void;
  quit(): void;
  close(): void;
  on(event: 'error' | 'end', listener: (error?: SmtpError) => void): void;
}
type SmtpConnectionClass = new (options: Record<string, unknown>) => SmtpConnection;

const requireCjs = createRequire(import.meta.url);
const nodemailerDir = path.dirname(requireCjs.resolve('nodemailer'));
const SMTPConnection = requireCjs(path.join(nodemailerDir, 'smtp-connection/index.js')) as SmtpConnectionClass;

export class SmtpDeliveryError extends Error {
  constructor(
    readonly code: string,
    /** True when the server refused the message for good (5xx): retrying cannot help. */
    readonly permanent: boolean,
    /** True when the message may have been accepted: it must not be sent again. */
    readonly unconfirmed = false,
  ) {
    super(`SMTP delivery failed: ${code}`);
    this.name = 'SmtpDeliveryError';
  }
}

function deliveryError(error: SmtpError, afterFinalDot: boolean): SmtpDeliveryError {
  if (error.responseCode) return new SmtpDeliveryError(`smtp:${error.responseCode}`, error.responseCode >= 500);
  return new SmtpDeliveryError(`smtp:${error.code ?? 'ERROR'}`, false, afterFinalDot);
}

/** A message whose body has reached the server, waiting for its final ".". */
export type HeldMessage = {
  /** Sends the final "." and resolves once the server has accepted the message. */
  release(): Promise<void>;
  /** Drops the connection mid-DATA: the server discards the message. */
  abort(): void;
};

/** The body as a stream that ends only when released: the connection appends the "." after its end. */
class HeldBody extends Readable {
  private pushed = false;
  private resolveStarted!: () => void;
  readonly started = new Promise<void>((resolve) => {
    this.resolveStarted = resolve;
  });

  constructor(private readonly body: Buffer) {
    super();
  }

  override _read(): void {
    if (this.pushed) return;
    this.pushed = true;
    this.push(this.body);
    this.resolveStarted();
  }

  private destination: Writable | null = null;

  override pipe<T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T {
    this.destination = destination as unknown as Writable;
    return super.pipe(destination, options);
  }

  /**
   * Ends the connection's dot-escaping stream directly rather than through this stream's own end
   * (a few ticks later): its flush writes the final "." to the socket as soon as possible.
   */
  finish(): void {
    const destination = this.destination;
    if (!destination) {
      this.push(null);
      return;
    }
    this.unpipe(destination);
    destination.end();
  }
}

type PooledConnection = { connection: SmtpConnection; broken: boolean };

export class SmtpMailer {
  private readonly idle: PooledConnection[] = [];
  private readonly waiting: { resolve: (connection: PooledConnection) => void; reject: (error: unknown) => void }[] = [];
  private open = 0;
  private closed = false;
  private readonly options: Record<string, unknown>;
  private readonly auth: { user: string; pass: string } | null;

  constructor(
    smtpUrl: string,
    private readonly poolSize: number,
  ) {
    const url = new URL(smtpUrl);
    const secure = url.protocol === 'smtps:';
    this.options = {
      host: url.hostname,
      port: Number(url.port || (secure ? 465 : 587)),
      secure,
      ignoreTLS: url.searchParams.get('tls') === 'off',
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    };
    this.auth = url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : null;
  }

  /**
   * Starts sending `raw` and resolves once the server has taken the envelope and the body, before
   * the final ".". Rejects with SmtpDeliveryError when the server refuses the sender or recipient.
   */
  async hold(envelope: Envelope, raw: Buffer): Promise<HeldMessage> {
    const pooled = await this.acquire();
    const body = new HeldBody(raw);
    let finalDotSent = false;
    const sent = new Promise<void>((resolve, reject) => {
      pooled.connection.send(envelope, body, (error) => {
        if (error) {
          pooled.broken = true;
          reject(deliveryError(error, finalDotSent));
        } else resolve();
      });
    });
    // Until released, only a refusal can settle `sent`; whichever comes first decides.
    const started = await Promise.race([body.started.then(() => true), sent.then(() => false)]).catch((error: unknown) => {
      this.give(pooled);
      throw error;
    });
    if (!started) throw new SmtpDeliveryError('smtp:EARLY_END', false);
    return {
      release: async () => {
        finalDotSent = true;
        body.finish();
        try {
          await sent;
        } finally {
          this.give(pooled);
        }
      },
      abort: () => {
        pooled.broken = true;
        body.destroy();
        this.give(pooled);
      },
    };
  }

  private async acquire(): Promise<PooledConnection> {
    if (this.closed) throw new SmtpDeliveryError('smtp:CLOSED', false);
    let ready = this.idle.pop();
    // The server may have closed an idle connection meanwhile (its idle timeout): drop it, not the message.
    while (ready?.broken) {
      ready.connection.close();
      this.open--;
      ready = this.idle.pop();
    }
    if (ready) return ready;
    if (this.open < this.poolSize) {
      this.open++;
      try {
        return await this.connect();
      } catch (error) {
        this.open--;
        this.wakeWaiter();
        throw deliveryError(error as SmtpError, false);
      }
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private connect(): Promise<PooledConnection> {
    return new Promise((resolve, reject) => {
      const connection = new SMTPConnection(this.options);
      const pooled: PooledConnection = { connection, broken: false };
      connection.on('error', () => {
        pooled.broken = true;
      });
      connection.on('end', () => {
        pooled.broken = true;
      });
      connection.connect((error) => {
        if (error) return reject(error);
        if (!this.auth) return resolve(pooled);
        connection.login(this.auth, (loginError) => (loginError ? reject(loginError) : resolve(pooled)));
      });
    });
  }

  private give(pooled: PooledConnection): void {
    if (pooled.broken || this.closed) {
      pooled.connection.close();
      this.open--;
      this.wakeWaiter();
      return;
    }
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve(pooled);
    else this.idle.push(pooled);
  }

  /** A slot freed up: a waiter gets a new connection instead of waiting for an idle one. */
  private wakeWaiter(): void {
    const waiter = this.waiting.shift();
    if (!waiter) return;
    this.open++;
    this.connect().then(waiter.resolve, (error: unknown) => {
      this.open--;
      waiter.reject(deliveryError(error as SmtpError, false));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new SmtpDeliveryError('smtp:CLOSED', false));
    for (const pooled of this.idle.splice(0)) pooled.connection.quit();
    this.open = 0;
  }
}
