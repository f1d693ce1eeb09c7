import type { Locale } from '@hetki/shared';
import { COPY } from './copy.js';

export type SmsEncoding = 'GSM-7' | 'UCS-2';
export type SmsSize = {
  encoding: SmsEncoding;
  /** Septets for GSM-7 (an extension character takes two), UTF-16 code units for UCS-2 (an emoji takes two). */
  characters: number;
  /** Parts the message is sent in; 0 for an empty text. */
  segments: number;
};

// GSM 03.38 default alphabet (without ESC, which only introduces the extension table).
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
// Sent as ESC + character, so each takes two septets.
const GSM_EXTENSION = new Set('\f^{}\\[~]|€');

const LIMITS: Record<SmsEncoding, { single: number; multipart: number }> = {
  // A multipart message gives up room in each part for the header that reassembles them.
  'GSM-7': { single: 160, multipart: 153 },
  'UCS-2': { single: 70, multipart: 67 },
};

/** How an SMS text is encoded and how many parts it is billed and sent as. */
export function smsSegments(text: string): SmsSize {
  const codePoints = Array.from(text);
  const gsm = codePoints.every((char) => GSM_BASIC.has(char) || GSM_EXTENSION.has(char));
  const encoding: SmsEncoding = gsm ? 'GSM-7' : 'UCS-2';
  // An ESC pair or a surrogate pair must not be split between two parts, so sizes are kept per code point.
  const sizes = codePoints.map((char) => (gsm ? (GSM_EXTENSION.has(char) ? 2 : 1) : char.length));
  const characters = sizes.reduce((sum, size) => sum + size, 0);
  const limit = LIMITS[encoding];
  if (characters === 0) return { encoding, characters, segments: 0 };
  if (characters <= limit.single) return { encoding, characters, segments: 1 };
  return { encoding, characters, segments: countParts(sizes, limit.multipart) };
}

function countParts(sizes: number[], capacity: number): number {
  let parts = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > capacity) {
      parts += 1;
      used = 0;
    }
    used += size;
  }
  return parts;
}

/** The opt-out line that every marketing SMS ends with. */
export const SMS_STOP_TEXT: Record<Locale, string> = {
  fi: COPY.fi.smsStop,
  sv: COPY.sv.smsStop,
  en: COPY.en.smsStop,
};

/** Appends the opt-out instruction on its own line, unless the text already ends with it. */
export function withStopInstruction(text: string, locale: Locale): string {
  const stop = SMS_STOP_TEXT[locale];
  const body = text.trimEnd();
  if (body === '') return stop;
  if (body.endsWith(stop)) return body;
  return `${body}\n${stop}`;
}
