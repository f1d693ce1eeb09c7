import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpMailer } from './smtpMailer.js';

let server: SMTPServer;
let url: string;
const received: string[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    logger: false,
    // Closes a connection idle for 300 ms, as real servers do after their own idle timeout.
    socketTimeout: 300,
    onData(stream, session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        received.push(session.envelope.rcptTo.map((rcpt) => rcpt.address).join(','));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}?tls=off`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const message = (to: string) => Buffer.from(`From: a@example.test\r\nTo: ${to}\r\nSubject: hi\r\n\r\nhello\r\n`);

describe('SmtpMailer', () => {
  it('holds a message short of its final "." and delivers it on release', async () => {
    const mailer = new SmtpMailer(url, 2);
    try {
      const held = await mailer.hold({ from: 'a@example.test', to: ['one@example.test'] }, message('one@example.test'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(received).not.toContain('one@example.test');
      await held.release();
      expect(received).toContain('one@example.test');
    } finally {
      await mailer.close();
    }
  });

  it('a connection the server closed while idle is dropped, and the next message still goes out', async () => {
    const mailer = new SmtpMailer(url, 1);
    try {
      await (await mailer.hold({ from: 'a@example.test', to: ['first@example.test'] }, message('first@example.test'))).release();
      // Longer than the server's idle timeout: the pooled connection is closed under the mailer.
      await new Promise((resolve) => setTimeout(resolve, 800));
      await (await mailer.hold({ from: 'a@example.test', to: ['second@example.test'] }, message('second@example.test'))).release();
      expect(received).toContain('second@example.test');
    } finally {
      await mailer.close();
    }
  });
});
