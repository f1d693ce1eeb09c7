import nodemailer from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CaughtMessage, decodeMimeWords, parseHeaderBlock, type SmtpSink, startSmtpSink } from './smtpSink.js';

function transportFor(sink: SmtpSink, pool = false) {
  return nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true, pool });
}

describe('startSmtpSink', () => {
  let sink: SmtpSink;
  let transport: ReturnType<typeof transportFor>;
  const seen: CaughtMessage[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink({ onMessage: (m) => seen.push(m) });
    transport = transportFor(sink);
  });
  afterAll(async () => {
    transport.close();
    await sink.close();
  });
  beforeEach(() => {
    sink.clear();
    seen.length = 0;
  });

  it('listens on an ephemeral port and reports its URL', () => {
    expect(sink.port).toBeGreaterThan(0);
    expect(sink.url).toBe(`smtp://127.0.0.1:${sink.port}`);
  });

  it('catches a plain-text message with its envelope and headers', async () => {
    const info = await transport.sendMail({
      from: 'Hetki <no-reply@hetki.test>',
      to: 'Alice@Example.test',
      bcc: 'audit@example.test',
      subject: 'Your appointment',
      text: 'See you on Monday.',
      headers: { 'List-Unsubscribe': '<https://hetki.test/unsubscribe/abc>' },
    });
    const messages = sink.messages();
    expect(messages).toHaveLength(1);
    const [m] = messages as [CaughtMessage];
    expect(m.id).toBeGreaterThan(0);
    expect(m.receivedAt).toBeInstanceOf(Date);
    expect(m.envelopeFrom).toBe('no-reply@hetki.test');
    // nodemailer lower-cases the domain only; the sink keeps addresses as given.
    expect(m.envelopeTo).toEqual(['Alice@example.test', 'audit@example.test']);
    expect(m.subject).toBe('Your appointment');
    expect(m.messageId).toBe(info.messageId);
    expect(m.headers.from).toBe('Hetki <no-reply@hetki.test>');
    expect(m.headers.to).toBe('Alice@example.test');
    expect(m.headers.bcc).toBeUndefined();
    expect(m.headers['list-unsubscribe']).toBe('<https://hetki.test/unsubscribe/abc>');
    expect(m.headers['content-type']).toMatch(/^text\/plain/);
    expect(m.raw.toString('utf8')).toContain('See you on Monday.');
    expect(seen).toEqual([m]);
    expect(sink.count()).toBe(1);
    expect(sink.countByRecipient()).toEqual(
      new Map([
        ['alice@example.test', 1],
        ['audit@example.test', 1],
      ]),
    );
    const parsed = await sink.parsed(m.id);
    expect(parsed?.text?.trim()).toBe('See you on Monday.');
    expect(parsed?.html).toBe(false);
    expect(await sink.parsed(m.id)).toBe(parsed);
    expect(await sink.parsed(9_999_999)).toBeNull();
  });

  it('catches HTML with an attachment and parses it lazily', async () => {
    await transport.sendMail({
      from: 'no-reply@hetki.test',
      to: 'bob@example.test',
      subject: 'Invoice',
      text: 'Your invoice is attached.',
      html: '<p>Your <b>invoice</b> is attached.</p>',
      attachments: [{ filename: 'invoice.txt', content: 'total: 42 EUR', contentType: 'text/plain' }],
    });
    const [m] = sink.messages() as [CaughtMessage];
    expect(m.headers['content-type']).toMatch(/^multipart\/mixed/);
    const parsed = await sink.parsed(m.id);
    expect(parsed?.html).toContain('<b>invoice</b>');
    expect(parsed?.text?.trim()).toBe('Your invoice is attached.');
    expect(parsed?.attachments).toHaveLength(1);
    expect(parsed?.attachments[0]?.filename).toBe('invoice.txt');
    expect(parsed?.attachments[0]?.content.toString('utf8')).toBe('total: 42 EUR');
  });

  it('decodes a long UTF-8 subject split into several encoded-words', async () => {
    const subject = 'Ajanvaraus vahvistettu – tervetuloa Hämeenlinnan hammasklinikalle! 🦷 Käynti 12.3. klo 9.15, ÅÄÖ åäö';
    await transport.sendMail({ from: 'no-reply@hetki.test', to: 'carol@example.test', subject, text: 'hei' });
    const [m] = sink.messages() as [CaughtMessage];
    expect(m.headers.subject).toMatch(/=\?UTF-8\?/i);
    expect(m.subject).toBe(subject);
    expect((await sink.parsed(m.id))?.subject).toBe(subject);
  });

  it('lists newest first and counts every message per recipient exactly', async () => {
    const pooled = transportFor(sink, true);
    try {
      const sends: Promise<unknown>[] = [];
      for (let i = 0; i < 30; i++) {
        sends.push(pooled.sendMail({ from: 'no-reply@hetki.test', to: `patient${i % 3}@example.test`, subject: `n${i}`, text: `${i}` }));
      }
      await Promise.all(sends);
    } finally {
      pooled.close();
    }
    await transport.sendMail({ from: 'no-reply@hetki.test', to: 'patient0@example.test', subject: 'last', text: 'x' });
    const messages = sink.messages();
    expect(messages).toHaveLength(31);
    expect(messages[0]?.subject).toBe('last');
    const ids = messages.map((m) => m.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(sink.count()).toBe(31);
    expect(sink.countByRecipient()).toEqual(
      new Map([
        ['patient0@example.test', 11],
        ['patient1@example.test', 10],
        ['patient2@example.test', 10],
      ]),
    );
  });

  it('waitFor resolves with a kept message or the next matching one, and rejects on timeout', async () => {
    await transport.sendMail({ from: 'no-reply@hetki.test', to: 'dave@example.test', subject: 'first', text: 'x' });
    expect((await sink.waitFor((m) => m.subject === 'first')).envelopeTo).toEqual(['dave@example.test']);

    const waiting = sink.waitFor((m) => m.envelopeTo.includes('erin@example.test'), 5_000);
    await transport.sendMail({ from: 'no-reply@hetki.test', to: 'erin@example.test', subject: 'second', text: 'x' });
    expect((await waiting).subject).toBe('second');

    const started = Date.now();
    await expect(sink.waitFor((m) => m.subject === 'never', 100)).rejects.toThrow(/within 100 ms/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('clear() forgets messages and counts but not ids', async () => {
    await transport.sendMail({ from: 'no-reply@hetki.test', to: 'frank@example.test', subject: 'a', text: 'x' });
    const firstId = sink.messages()[0]!.id;
    sink.clear();
    expect(sink.messages()).toEqual([]);
    expect(sink.count()).toBe(0);
    expect(sink.countByRecipient().size).toBe(0);
    expect(await sink.parsed(firstId)).toBeNull();
    await transport.sendMail({ from: 'no-reply@hetki.test', to: 'frank@example.test', subject: 'b', text: 'x' });
    expect(sink.messages()[0]!.id).toBeGreaterThan(firstId);
  });
});

describe('startSmtpSink with a small keep', () => {
  it('evicts the oldest messages beyond keep but keeps counting', async () => {
    const sink = await startSmtpSink({ keep: 3 });
    const transport = transportFor(sink);
    try {
      for (let i = 1; i <= 5; i++) {
        await transport.sendMail({ from: 'no-reply@hetki.test', to: 'gina@example.test', subject: `m${i}`, text: 'x' });
      }
      const messages = sink.messages();
      expect(messages.map((m) => m.subject)).toEqual(['m5', 'm4', 'm3']);
      expect(sink.count()).toBe(5);
      expect(sink.countByRecipient().get('gina@example.test')).toBe(5);
      const evictedId = messages[2]!.id - 1;
      expect(await sink.parsed(evictedId)).toBeNull();
      expect((await sink.parsed(messages[2]!.id))?.subject).toBe('m3');
    } finally {
      transport.close();
      await sink.close();
    }
  });

  it('refuses messages over the size limit', async () => {
    const sink = await startSmtpSink({});
    const transport = transportFor(sink);
    try {
      const big = 'x'.repeat(11 * 1024 * 1024);
      await expect(transport.sendMail({ from: 'a@hetki.test', to: 'b@example.test', subject: 'big', text: big })).rejects.toThrow(
        /552|size/,
      );
      expect(sink.count()).toBe(0);
    } finally {
      transport.close();
      await sink.close();
    }
  });
});

describe('header helpers', () => {
  it('unfolds headers and keeps the first value of repeated ones', () => {
    const raw = Buffer.from(
      'Received: one\r\nReceived: two\r\nSubject: a long\r\n\tfolded subject\r\nX-Empty:\r\nMessage-ID: <id@hetki.test>\r\n\r\nBody: not a header\r\n',
    );
    expect(parseHeaderBlock(raw)).toEqual({
      received: 'one',
      subject: 'a long\tfolded subject',
      'x-empty': '',
      'message-id': '<id@hetki.test>',
    });
  });

  it('handles bare LF line endings and messages without a body', () => {
    expect(parseHeaderBlock(Buffer.from('Subject: hi\nTo: x@y\n\nSubject: body'))).toEqual({ subject: 'hi', to: 'x@y' });
    expect(parseHeaderBlock(Buffer.from('Subject: only headers\r\n'))).toEqual({ subject: 'only headers' });
  });

  it('decodes B and Q encoded-words in several charsets', () => {
    expect(decodeMimeWords('=?UTF-8?B?SHl2w6TDpCBww6RpdsOkw6Qh?=')).toBe('Hyvää päivää!');
    expect(decodeMimeWords('=?utf-8?Q?Hyv=C3=A4=C3=A4_p=C3=A4iv=C3=A4=C3=A4!?=')).toBe('Hyvää päivää!');
    expect(decodeMimeWords('=?ISO-8859-1?Q?H=E4meenlinna?= clinic')).toBe('Hämeenlinna clinic');
    expect(decodeMimeWords('Re: =?UTF-8?B?w6Q=?= =?UTF-8?B?w7Y=?= done')).toBe('Re: äö done');
    // A multi-byte character split across two words.
    expect(decodeMimeWords('=?UTF-8?Q?=C3?= =?UTF-8?Q?=A4?=')).toBe('ä');
    expect(decodeMimeWords('plain =? not encoded')).toBe('plain =? not encoded');
  });
});
