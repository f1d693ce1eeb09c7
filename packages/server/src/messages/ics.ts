export type IcsEvent = {
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  location: string | null;
  organizerName: string;
  organizerEmail: string | null;
  method: 'REQUEST' | 'CANCEL';
  /** Must grow with every update of the same uid, or calendars ignore the update. */
  sequence: number;
  now: Date;
};

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;
const utf8 = new TextEncoder();

/** An RFC 5545 calendar with one event, as sent with booking emails (RFC 5546 iTIP method). */
export function buildIcs(event: IcsEvent): string {
  if (!Number.isSafeInteger(event.sequence) || event.sequence < 0) {
    throw new RangeError(`ICS sequence must be a non-negative integer, got ${event.sequence}`);
  }
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Hetki//Booking//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${event.method}`,
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${utcDateTime(event.now)}`,
    `DTSTART:${utcDateTime(event.start)}`,
    `DTEND:${utcDateTime(event.end)}`,
    `SEQUENCE:${event.sequence}`,
    `STATUS:${event.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    `SUMMARY:${escapeText(event.summary)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
  ];
  if (event.location !== null) lines.push(`LOCATION:${escapeText(event.location)}`);
  // iTIP wants an organizer; without an address there is nothing valid to put in the mailto: URI.
  if (event.organizerEmail !== null) {
    lines.push(`ORGANIZER;CN=${paramValue(event.organizerName)}:mailto:${singleLine(event.organizerEmail).replace(/\s/g, '')}`);
  }
  lines.push('END:VEVENT', 'END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** `YYYYMMDDTHHMMSSZ`, the UTC form of DATE-TIME. */
export function utcDateTime(instant: Date): string {
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** Escapes a TEXT value (RFC 5545 §3.3.11); control characters other than newline are not allowed and are dropped. */
export function escapeText(value: string): string {
  return stripControlCharacters(value)
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value cannot contain DQUOTE at all, so it is dropped; quoting makes `:;,` safe. */
function paramValue(value: string): string {
  const cleaned = singleLine(value).replace(/"/g, '');
  return /[:;,]/.test(cleaned) ? `"${cleaned}"` : cleaned;
}

function singleLine(value: string): string {
  return stripControlCharacters(value).replace(/[\r\n]+/g, ' ');
}

function stripControlCharacters(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/**
 * Folds a content line so that no physical line exceeds 75 octets. Continuation lines start with a
 * space, which counts towards their 75. Splits only between code points, so a UTF-8 sequence stays whole.
 */
export function foldLine(line: string): string {
  const physical: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8.encode(char).length;
    if (octets + size > MAX_LINE_OCTETS) {
      physical.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  physical.push(current);
  return physical.join(CRLF);
}
