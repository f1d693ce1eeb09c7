import type { Locale } from '@hetki/shared';
import { useEffect, useState } from 'react';
import { initialLocale, saveLocale } from './i18n';

/** The portal's language: remembered on this device, and set on <html lang> for screen readers. */
export function useLocale(): [Locale, (locale: Locale) => void] {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return [
    locale,
    (next: Locale) => {
      saveLocale(next);
      setLocale(next);
    },
  ];
}
