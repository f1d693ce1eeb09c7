import { randomBytes } from 'node:crypto';

export type EmailContent = {
  from: string | { name: string; address: string };
  replyTo: string | null;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per outbox row, so a receiver can tell one message from a copy. */
  messageId: string;
  headers: Record<string, string>;
  calendar: { method: 'REQUEST' | 'CANCEL'; content: string } | null;
};

/**
 * The complete RFC 5322 / MIME message, with text and HTML alternatives and an .ics where given,
 * built synchronously in one pass. nodemailer's MailComposer took one to three milliseconds of
 * CPU per message through its stream pipeline, the largest single cost of a campaign, while every
 * message we send has the same small shape:
 *
 *   multipart/alternative (text/plain, text/html[, text/calendar])   without a calendar
 *   multipart/mixed (that alternative, booking.ics attachment)       with one
 *
 * Bodies are UTF-8 in base64 (always 7-bit safe, no line-length concerns); headers that are not
 * plain ASCII become RFC 2047 encoded words.
 */
export function composeEmail(content: EmailContent, date: Date = new Date()): Buffer {
  const lines: string[] = [];
  lines.push(addressHeader('From', content.from));
  if (content.replyTo) lines.push(addressHeader('Reply-To', content.replyTo));
  lines.push(addressHeader('To', content.to));
  lines.push(foldedHeader('Subject', content.subject));
  lines.push(header('Message-ID', content.messageId));
  lines.push(header('Date', rfc5322Date(date)));
  lines.push('MIME-Version: 1.0');
  for (const [name, value] of Object.entries(content.headers)) lines.push(header(name, value));

  const alternative = boundary();
  const alternativeParts = [textPart('text/plain; charset=utf-8', content.text), textPart('text/html; charset=utf-8', content.html)];
  if (content.calendar) {
    alternativeParts.push(textPart(`text/calendar; charset=utf-8; method=${content.calendar.method}`, content.calendar.content));
    const mixed = boundary();
    lines.push(`Content-Type: multipart/mixed;\r\n boundary="${mixed}"`, '');
    const attachment = [
      'Content-Type: application/ics; name="booking.ics"',
      'Content-Disposition: attachment; filename="booking.ics"',
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(content.calendar.content),
    ].join('\r\n');
    const nested = `Content-Type: multipart/alternative;\r\n boundary="${alternative}"\r\n\r\n${multipartBody(alternative, alternativeParts)}`;
    return Buffer.from(`${lines.join('\r\n')}\r\n${multipartBody(mixed, [nested, attachment])}`, 'utf8');
  }
  lines.push(`Content-Type: multipart/alternative;\r\n boundary="${alternative}"`, '');
  return Buffer.from(`${lines.join('\r\n')}\r\n${multipartBody(alternative, alternativeParts)}`, 'utf8');
}

function multipartBody(separator: string, parts: string[]): string {
  return `${parts.map((part) => `--${separator}\r\n${part}\r\n`).join('')}--${separator}--\r\n`;
}

function textPart(contentType: string, body: string): string {
  return `Content-Type: ${contentType}\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(body)}`;
}

function base64Lines(text: string): string {
  const encoded = Buffer.from(text, 'utf8').toString('base64');
  const lines: string[] = [];
  for (let start = 0; start < encoded.length; start += 76) lines.push(encoded.slice(start, start + 76));
  return lines.join('\r\n');
}

function boundary(): string {
  return `----hetki-${randomBytes(12).toString('hex')}`;
}

const SAFE_HEADER_VALUE = /^[\x20-\x7e]*$/;

/** A header whose value we produced (addresses, ids, URLs): printable ASCII, nothing to encode. */
function header(name: string, value: string): string {
  if (!SAFE_HEADER_VALUE.test(value) || /[\r\n]/.test(name)) throw new Error(`Header ${name} must be printable ASCII`);
  return `${name}: ${value}`;
}

/** Free text (a subject): plain when it is short printable ASCII, else folded encoded words. */
function foldedHeader(name: string, value: string): string {
  const clean = value.replace(/[\r\n]+/g, ' ');
  if (SAFE_HEADER_VALUE.test(clean) && name.length + 2 + clean.length <= 78) return `${name}: ${clean}`;
  return `${name}: ${encodedWords(clean).join('\r\n ')}`;
}

/** RFC 2047 "B" encoded words short enough to start a header line (64 characters), never splitting a character. */
function encodedWords(text: string): string[] {
  const words: string[] = [];
  let chunk = '';
  for (const character of text) {
    if (Buffer.byteLength(chunk + character, 'utf8') > 39) {
      words.push(chunk);
      chunk = '';
    }
    chunk += character;
  }
  if (chunk || words.length === 0) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word, 'utf8').toString('base64')}?=`);
}

/**
 * An address header. The display name is ours to make safe (quoted, or encoded words that a long
 * name folds over several lines); the address itself must be printable ASCII with nothing to escape.
 */
function addressHeader(name: string, value: string | { name: string; address: string }): string {
  const address = typeof value === 'string' ? value : value.address;
  if (!SAFE_HEADER_VALUE.test(address) || /[<>"]/.test(address)) throw new Error(`Header ${name} needs a plain address`);
  return `${name}: ${formatAddress(value)}`;
}

function formatAddress(address: string | { name: string; address: string }): string {
  if (typeof address === 'string') return address;
  const name = address.name.replace(/[\r\n]+/g, ' ').trim();
  if (!name) return address.address;
  const display = /^[A-Za-z0-9 !#$%&'*+\-/=?^_`{|}~.]*$/.test(name)
    ? `"${name}"`
    : SAFE_HEADER_VALUE.test(name)
      ? `"${name.replace(/(["\\])/g, '\\$1')}"`
      : encodedWords(name).join('\r\n ');
  // After folded encoded words the address starts a line of its own, keeping every line short.
  return display.includes('\r\n') ? `${display}\r\n <${address.address}>` : `${display} <${address.address}>`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function rfc5322Date(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}
