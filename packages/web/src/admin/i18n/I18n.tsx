import type { Locale } from '@hetki/shared';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { en, type MessageKey } from './en';
import { fi } from './fi';
import { sv } from './sv';

const CATALOGUES = { fi, sv, en } as const;
export const ADMIN_LOCALES: readonly Locale[] = ['fi', 'sv', 'en'];
const STORAGE_KEY = 'hetki.admin.locale';

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

type I18nValue = {
  locale: Locale;
  /** The person's own choice, remembered in this browser; null follows the clinic's default. */
  chooseLocale: (locale: Locale) => void;
  t: Translate;
};

const I18nContext = createContext<I18nValue | null>(null);

function storedLocale(): Locale | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return ADMIN_LOCALES.includes(value as Locale) ? (value as Locale) : null;
  } catch {
    return null;
  }
}

function browserLocale(): Locale {
  const language = navigator.language.slice(0, 2).toLowerCase();
  return ADMIN_LOCALES.includes(language as Locale) ? (language as Locale) : 'en';
}

/**
 * Texts of the admin app. The language is the one the person chose in this browser, else the clinic's
 * default (once known), else the browser's.
 */
export function I18nProvider({ clinicDefault, children }: { clinicDefault: Locale | null; children: ReactNode }) {
  const [chosen, setChosen] = useState<Locale | null>(storedLocale);
  const locale = chosen ?? clinicDefault ?? browserLocale();

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const chooseLocale = useCallback((next: Locale) => {
    setChosen(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }, []);

  const value = useMemo<I18nValue>(() => {
    const catalogue = CATALOGUES[locale];
    const t: Translate = (key, values) => {
      const template: string = catalogue[key] ?? en[key] ?? key;
      return values ? template.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole)) : template;
    };
    return { locale, chooseLocale, t };
  }, [locale, chooseLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
