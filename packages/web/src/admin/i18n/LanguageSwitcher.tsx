import type { Locale } from '@hetki/shared';
import { useId } from 'react';
import { ADMIN_LOCALES, useI18n } from './I18n';

/** A select of the three languages, each named in itself. */
export function LanguageSwitcher() {
  const { locale, chooseLocale, t } = useI18n();
  const id = useId();
  return (
    <div className="language-switcher">
      <label htmlFor={id}>{t('app.language')}</label>
      <select id={id} value={locale} onChange={(event) => chooseLocale(event.target.value as Locale)}>
        {ADMIN_LOCALES.map((option) => (
          <option key={option} value={option} lang={option}>
            {t(`language.${option}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
