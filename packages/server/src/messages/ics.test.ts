import { describe, expect, it } from 'vitest';
import { buildIcs, escapeText, foldLine, type IcsEvent, utcDateTime } from './ics.js';

const octets = (line: string) => Buffer.byteLength(line, 'utf8');

function event(overrides: Partial<IcsEvent> = {}): IcsEvent {
  return {
    uid: 'booking-1@hetki',
    start: new Date('2026-11-24T12:00:00Z'),
    end: new Date('2026-11-24T13:00:00Z'),
    summary: 'Hieronta – Klinikka',
    description: 'Palvelu: Hieronta',
    location: 'Katu 1, 00100 Helsinki',
    organizerName: 'Klinikka',
    organizerEmail: 'info@klinikka.example',
    method: 'REQUEST',
    sequence: 0,
    now: new Date('2026-11-01T08:09:10.123Z'),
    ...overrides,
  };
}

/** Undoes folding (RFC 5545 §3.1). */
const unfold = (ics: string) => ics.replace(/\r\n /g, '');

describe('buildIcs', () => {
  it('has the calendar properties and UTC times', () => {
    const lines = unfold(buildIcs(event())).split('\r\n');
    expect(lines.slice(0, 5)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Hetki//Booking//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:REQUEST',
    ]);
    expect(lines).toContain('UID:booking-1@hetki');
    expect(lines).toContain('DTSTART:20261124T120000Z');
    expect(lines).toContain('DTEND:20261124T130000Z');
    expect(lines).toContain('DTSTAMP:20261101T080910Z');
    expect(lines).toContain('SEQUENCE:0');
    expect(lines).toContain('STATUS:CONFIRMED');
    expect(lines).toContain('LOCATION:Katu 1\\, 00100 Helsinki');
    expect(lines).toContain('ORGANIZER;CN=Klinikka:mailto:info@klinikka.example');
    expect(lines.slice(-3)).toEqual(['END:VEVENT', 'END:VCALENDAR', '']);
  });

  it('cancels with METHOD CANCEL and STATUS CANCELLED', () => {
    const ics = buildIcs(event({ method: 'CANCEL', sequence: 7 }));
    expect(ics).toContain('\r\nMETHOD:CANCEL\r\n');
    expect(ics).toContain('\r\nSTATUS:CANCELLED\r\n');
    expect(ics).toContain('\r\nSEQUENCE:7\r\n');
  });

  it('ends every line with CRLF and has no bare LF or CR', () => {
    const ics = buildIcs(event({ description: 'one\ntwo\r\nthree\rfour', summary: 'x'.repeat(200) }));
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('leaves out LOCATION and ORGANIZER when they are unknown', () => {
    const ics = buildIcs(event({ location: null, organizerEmail: null }));
    expect(ics).not.toContain('LOCATION');
    expect(ics).not.toContain('ORGANIZER');
  });

  it('quotes an organizer name with separators and drops double quotes', () => {
    const ics = unfold(buildIcs(event({ organizerName: 'Hieronta "Hyvä olo"; Oy, Tampere' })));
    expect(ics).toContain('ORGANIZER;CN="Hieronta Hyvä olo; Oy, Tampere":mailto:info@klinikka.example');
  });

  it('keeps a multi-line description on one content line', () => {
    const ics = unfold(buildIcs(event({ description: 'a\nb' })));
    expect(ics).toContain('\r\nDESCRIPTION:a\\nb\r\n');
  });

  it('rejects a negative or fractional sequence', () => {
    expect(() => buildIcs(event({ sequence: -1 }))).toThrow(RangeError);
    expect(() => buildIcs(event({ sequence: 1.5 }))).toThrow(RangeError);
  });
});

describe('escapeText', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('drops control characters that TEXT may not contain', () => {
    expect(escapeText('a\u0000b\u0007c\u007fd')).toBe('abcd');
  });
});

describe('foldLine', () => {
  it('leaves a line of 75 octets alone and folds one of 76', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
  });

  it('never exceeds 75 octets per physical line, counting the leading space', () => {
    const physical = foldLine(`DESCRIPTION:${'y'.repeat(500)}`).split('\r\n');
    expect(physical.length).toBeGreaterThan(6);
    for (const line of physical) expect(octets(line)).toBeLessThanOrEqual(75);
    for (const line of physical.slice(1)) expect(line.startsWith(' ')).toBe(true);
  });

  it('never splits a UTF-8 character, whatever the offset', () => {
    // 2-, 3- and 4-octet characters at every alignment against the 75-octet boundary.
    for (let offset = 0; offset < 4; offset++) {
      const line = `SUMMARY:${'a'.repeat(offset)}${'äö€😀'.repeat(40)}`;
      const physical = foldLine(line).split('\r\n');
      for (const part of physical) {
        expect(octets(part)).toBeLessThanOrEqual(75);
        // A split sequence would decode to U+FFFD or leave a lone surrogate.
        const bytes = Buffer.from(part, 'utf8');
        expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe(part);
        expect(part).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      }
      expect(physical.map((part, i) => (i === 0 ? part : part.slice(1))).join('')).toBe(line);
    }
  });

  it('folds the lines of a whole calendar', () => {
    const ics = buildIcs(event({ description: 'Hyvinvointi ja palautuminen – '.repeat(20) }));
    for (const line of ics.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
  });
});

describe('utcDateTime', () => {
  it('formats in UTC without separators or milliseconds', () => {
    expect(utcDateTime(new Date('2026-03-29T00:59:59.999Z'))).toBe('20260329T005959Z');
    expect(utcDateTime(new Date('2026-10-25T05:00:00+03:00'))).toBe('20261025T020000Z');
  });
});
