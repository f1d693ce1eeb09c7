import type { Locale } from '@hetki/shared';
import { COPY } from './copy.js';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values alike. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

/** Only http(s) links go into messages: escaping alone would not stop a `javascript:` URL. */
export function assertWebUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Not a valid URL for a message link: ${url}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`Message links must be http(s), got ${parsed.protocol}`);
  }
  return url;
}

type Style = 'date' | 'time' | 'shortDate';

// English spells the month out: "24/11" reads as November to some readers and as an error to others.
const DATE_OPTIONS: Record<Locale, Intl.DateTimeFormatOptions> = {
  fi: { weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric' },
  sv: { weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric' },
  en: { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric' },
};
const SHORT_DATE_OPTIONS: Record<Locale, Intl.DateTimeFormatOptions> = {
  fi: { weekday: 'short', day: 'numeric', month: 'numeric' },
  sv: { weekday: 'short', day: 'numeric', month: 'numeric' },
  en: { weekday: 'short', day: 'numeric', month: 'short' },
};
const TIME_OPTIONS: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit', hourCycle: 'h23' };

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Formatters are costly to build: one per locale, zone and style. */
function formatter(locale: Locale, timeZone: string, style: Style): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${style}`;
  let format = formatters.get(key);
  if (!format) {
    const options = style === 'time' ? TIME_OPTIONS : style === 'date' ? DATE_OPTIONS[locale] : SHORT_DATE_OPTIONS[locale];
    format = new Intl.DateTimeFormat(COPY[locale].intlLocale, { ...options, timeZone });
    formatters.set(key, format);
  }
  return format;
}

/**
 * ICU puts no-break and narrow no-break spaces into dates and prices. They are not in the GSM-7
 * alphabet, so a single one would turn an SMS into UCS-2 and halve its length.
 */
function plainSpaces(value: string): string {
  return value.replace(/[\u00a0\u202f]/g, ' ');
}

function part(instant: Date, locale: Locale, timeZone: string, style: Style): string {
  return plainSpaces(formatter(locale, timeZone, style).format(instant));
}

/** "ti 24.11.2026 klo 14.00" */
export function formatDateTime(instant: Date, locale: Locale, timeZone: string): string {
  return part(instant, locale, timeZone, 'date') + COPY[locale].dateTimeJoiner + part(instant, locale, timeZone, 'time');
}

/** "ti 24.11. klo 14.00": no year, for SMS. */
export function formatShortDateTime(instant: Date, locale: Locale, timeZone: string): string {
  return part(instant, locale, timeZone, 'shortDate') + COPY[locale].dateTimeJoiner + part(instant, locale, timeZone, 'time');
}

/** "ti 24.11.2026 klo 14.00–15.00", or both dates in full when the booking crosses midnight. */
export function formatTimeRange(start: Date, end: Date, locale: Locale, timeZone: string): string {
  const startDate = part(start, locale, timeZone, 'date');
  if (startDate !== part(end, locale, timeZone, 'date')) {
    return `${formatDateTime(start, locale, timeZone)} – ${formatDateTime(end, locale, timeZone)}`;
  }
  return `${startDate}${COPY[locale].dateTimeJoiner}${part(start, locale, timeZone, 'time')}–${part(end, locale, timeZone, 'time')}`;
}

export function formatMoney(cents: number, currency: string, locale: Locale): string {
  return plainSpaces(new Intl.NumberFormat(COPY[locale].intlLocale, { style: 'currency', currency }).format(cents / 100));
}

export function formatAddress(address: { street: string; postalCode: string; city: string }): string {
  return `${address.street}, ${address.postalCode} ${address.city}`;
}
