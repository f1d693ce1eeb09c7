import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DevMailListItem, devMailRouter } from './devMailPage.js';
import { type SmtpSink, startSmtpSink } from './smtpSink.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; img-src data:";

describe('devMailRouter', () => {
  let sink: SmtpSink;
  let server: Server;
  let base: string;
  let transport: ReturnType<typeof nodemailer.createTransport>;

  beforeAll(async () => {
    sink = await startSmtpSink({});
    transport = nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true });
    const app = express();
    app.use('/dev/mail', devMailRouter(sink));
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dev/mail`;
  });
  afterAll(async () => {
    transport.close();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    await sink.close();
  });
  beforeEach(() => sink.clear());

  function expectSecurityHeaders(response: globalThis.Response) {
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toBe(CSP);
  }

  it('shows an empty state when nothing was sent', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expectSecurityHeaders(response);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<meta http-equiv="refresh" content="5">');
    expect(html).toContain('Messages that Hetki sends in development are caught here instead of being delivered');
    expect(await (await fetch(`${base}/api/messages`)).json()).toEqual([]);
  });

  it('lists, shows and serves a caught message', async () => {
    await transport.sendMail({
      from: '"Hetki Clinic" <no-reply@hetki.test>',
      to: 'patient@example.test',
      subject: 'Booking <confirmed> & "ready" – tervetuloa',
      text: 'Plain <text> body',
      html: '<p onclick="alert(1)">Hello <b>"patient"</b></p><script>alert(2)</script>',
      headers: { 'List-Unsubscribe': '<https://hetki.test/u/abc>' },
      attachments: [{ filename: 'ohje.txt', content: 'instructions', contentType: 'text/plain' }],
    });
    const [caught] = sink.messages();
    expect(caught).toBeDefined();
    const id = caught!.id;

    // List page: newest first, with escaped values and a link to the message.
    const listResponse = await fetch(`${base}/`);
    expectSecurityHeaders(listResponse);
    const list = await listResponse.text();
    expect(list).toContain('Booking &lt;confirmed&gt; &amp; &quot;ready&quot; – tervetuloa');
    expect(list).not.toContain('<confirmed>');
    expect(list).toContain(`href="/dev/mail/messages/${id}"`);
    expect(list).toContain('Hetki Clinic');
    expect(list).toContain('patient@example.test');

    // JSON list for e2e tests.
    const apiResponse = await fetch(`${base}/api/messages`);
    expectSecurityHeaders(apiResponse);
    const items = (await apiResponse.json()) as DevMailListItem[];
    expect(items).toEqual([
      {
        id,
        receivedAt: caught!.receivedAt.toISOString(),
        from: 'no-reply@hetki.test',
        to: ['patient@example.test'],
        subject: 'Booking <confirmed> & "ready" – tervetuloa',
      },
    ]);

    // Message page.
    const pageResponse = await fetch(`${base}/messages/${id}`);
    expect(pageResponse.status).toBe(200);
    expectSecurityHeaders(pageResponse);
    const page = await pageResponse.text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('Hetki Clinic &lt;no-reply@hetki.test&gt;');
    expect(page).toContain('List-Unsubscribe');
    expect(page).toContain('&lt;https://hetki.test/u/abc&gt;');
    expect(page).toContain('<pre>Plain &lt;text&gt; body');
    expect(page).toMatch(/<iframe sandbox srcdoc="[^"]*&lt;b&gt;&quot;patient&quot;&lt;\/b&gt;[^"]*"/);
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<b>');
    expect(page).toContain(`href="/dev/mail/messages/${id}/attachments/0"`);
    expect(page).toContain('ohje.txt');

    // Attachment download.
    const attachment = await fetch(`${base}/messages/${id}/attachments/0`);
    expect(attachment.status).toBe(200);
    expectSecurityHeaders(attachment);
    expect(attachment.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(attachment.headers.get('content-disposition')).toMatch(/^attachment; filename="?ohje\.txt"?$/);
    expect(await attachment.text()).toBe('instructions');
    expect((await fetch(`${base}/messages/${id}/attachments/1`)).status).toBe(404);

    // Raw .eml, as a download and as text.
    const raw = await fetch(`${base}/messages/${id}/raw`);
    expect(raw.status).toBe(200);
    expectSecurityHeaders(raw);
    expect(raw.headers.get('content-type')).toMatch(/^message\/rfc822/);
    expect(raw.headers.get('content-disposition')).toBe(`attachment; filename="hetki-message-${id}.eml"`);
    expect(Buffer.from(await raw.arrayBuffer()).equals(caught!.raw)).toBe(true);
    const source = await fetch(`${base}/messages/${id}/raw?view=1`);
    expect(source.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await source.text()).toContain('List-Unsubscribe: <https://hetki.test/u/abc>');
  });

  it('lists several messages newest first', async () => {
    for (const subject of ['first', 'second', 'third']) {
      await transport.sendMail({ from: 'no-reply@hetki.test', to: 'a@example.test', subject, text: subject });
    }
    const items = (await (await fetch(`${base}/api/messages`)).json()) as DevMailListItem[];
    expect(items.map((item) => item.subject)).toEqual(['third', 'second', 'first']);
    const list = await (await fetch(`${base}/`)).text();
    expect(list.indexOf('>third<')).toBeGreaterThan(0);
    expect(list.indexOf('>third<')).toBeLessThan(list.indexOf('>second<'));
    expect(list.indexOf('>second<')).toBeLessThan(list.indexOf('>first<'));
  });

  it('answers 404 for unknown messages', async () => {
    for (const path of ['/messages/999999', '/messages/abc', '/messages/999999/raw', '/messages/999999/attachments/0', '/nope']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(404);
      expectSecurityHeaders(response);
      const html = await response.text();
      expect(html).toContain('Not found');
      expect(html).toContain('href="/dev/mail/"');
    }
  });
});
