import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeEmail, type EmailContent } from './composeEmail.js';

const base: EmailContent = {
  from: { name: 'Demo Fysio', address: 'no-reply@hetki.test' },
  replyTo: 'clinic@demo.test',
  to: 'anna@example.test',
  subject: 'Autumn news',
  text: 'Hello Anna,\n\nOur autumn hours.\n',
  html: '<p>Hello Anna,</p><p>Our autumn hours.</p>',
  messageId: '<row-1@hetki.test>',
  headers: { 'List-Unsubscribe': '<https://hetki.test/u/abc>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  calendar: null,
};

/** Lines of the raw message longer than RFC 5322's recommended 78 characters. */
const longLines = (raw: Buffer) =>
  raw
    .toString('utf8')
    .split('\r\n')
    .filter((line) => line.length > 78);

describe('composeEmail', () => {
  it('builds a message a mail parser reads back exactly: addresses, subject, both bodies, ids and headers', async () => {
    const parsed = await simpleParser(composeEmail(base, new Date('2026-11-30T10:15:00Z')));
    expect(parsed.from?.value).toEqual([{ name: 'Demo Fysio', address: 'no-reply@hetki.test' }]);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0]?.address : null).toBe('anna@example.test');
    expect(parsed.replyTo?.value[0]?.address).toBe('clinic@demo.test');
    expect(parsed.subject).toBe('Autumn news');
    expect(parsed.text).toBe(base.text);
    expect(parsed.html).toBe(base.html);
    expect(parsed.messageId).toBe('<row-1@hetki.test>');
    expect(parsed.date?.toISOString()).toBe('2026-11-30T10:15:00.000Z');
    expect(String(parsed.headerLines.find((line) => line.key === 'list-unsubscribe-post')?.line)).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    expect(String(parsed.headerLines.find((line) => line.key === 'list-unsubscribe')?.line)).toBe(
      'List-Unsubscribe: <https://hetki.test/u/abc>',
    );
    expect(parsed.attachments).toHaveLength(0);
  });

  it('encodes non-ASCII names and long subjects without splitting characters, and keeps every line short', async () => {
    const subject = `Syksyn uutiset: hieronta-ajat ja äitiysfysioterapia 🌿 – ${'ö'.repeat(60)}`;
    const raw = composeEmail({ ...base, from: { name: 'Fysioterapia Ääni "Oy"', address: 'no-reply@hetki.test' }, subject });
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe(subject);
    expect(parsed.from?.value[0]?.name).toBe('Fysioterapia Ääni "Oy"');
    expect(longLines(raw)).toEqual([]);
    // 7-bit clean: everything non-ASCII is encoded.
    expect([...raw].every((byte) => byte < 0x80)).toBe(true);
  });

  it('folds a long non-ASCII sender name over several lines and reads it back whole', async () => {
    const name = 'Fysioterapiakeskus Äänekoski Oy (Keskusta) – hieronta ja kuntoutus';
    const raw = composeEmail({ ...base, from: { name, address: 'no-reply@hetki.test' } });
    const parsed = await simpleParser(raw);
    expect(parsed.from?.value).toEqual([{ name, address: 'no-reply@hetki.test' }]);
    expect(longLines(raw)).toEqual([]);
  });

  it('adds the calendar as an alternative and as a booking.ics attachment', async () => {
    const ics = 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nSUMMARY:Hieronta – Äkäslompolo\r\nEND:VCALENDAR\r\n';
    const parsed = await simpleParser(composeEmail({ ...base, calendar: { method: 'REQUEST', content: ics } }));
    expect(parsed.text).toBe(base.text);
    expect(parsed.html).toBe(base.html);
    const calendar = parsed.attachments.find((attachment) => attachment.contentType.startsWith('text/calendar'));
    expect(calendar?.content.toString('utf8')).toBe(ics);
    const file = parsed.attachments.find((attachment) => attachment.filename === 'booking.ics');
    expect(file?.content.toString('utf8')).toBe(ics);
  });

  it('refuses a header value that could inject another header', () => {
    expect(() => composeEmail({ ...base, headers: { 'List-Unsubscribe': '<https://x>\r\nBcc: someone@example.test' } })).toThrow();
    expect(() => composeEmail({ ...base, to: 'anna@example.test\r\nBcc: someone@example.test' })).toThrow();
    expect(() => composeEmail({ ...base, from: { name: 'Demo', address: 'a@b.test>\r\nBcc: c@d.test' } })).toThrow();
  });
});
