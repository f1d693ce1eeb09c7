import type { Locale } from '@hetki/shared';
import { LOCALE_NAMES, PORTAL_LOCALES } from './i18n';

/** Three buttons, each named in its own language; the current one is pressed. */
export function LanguageSwitcher({ locale, onChange, label }: { locale: Locale; onChange: (locale: Locale) => void; label: string }) {
  return (
    <fieldset className="p-lang">
      <legend className="p-visually-hidden">{label}</legend>
      {PORTAL_LOCALES.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          aria-pressed={code === locale}
          className="p-lang-button"
          onClick={() => onChange(code)}
        >
          {code.toUpperCase()}
          <span className="p-visually-hidden"> {LOCALE_NAMES[code]}</span>
        </button>
      ))}
    </fieldset>
  );
}
