import { locale } from './i18n';
import type { LocalizedText } from './types';

/** A clinic's own text in the visitor's language, else in Finnish, else in any language it has. */
export function localized(text: LocalizedText): string {
  return text[locale()] ?? text.fi ?? Object.values(text).find((value) => value) ?? '';
}

export function price(cents: number, currency: string): string {
  return new Intl.NumberFormat(locale() === 'en' ? 'en-GB' : locale(), { style: 'currency', currency }).format(cents / 100);
}
