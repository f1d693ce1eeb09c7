import { useId } from 'react';
import { useI18n } from '../i18n/I18n';
import { type GuardianDraft, isBlankGuardian } from './guardian';

/**
 * A guardian's name, phone and email, for a client under 16. All blank is allowed (the save then
 * sends no guardian); once anything is typed, the name and a phone or an email are required.
 */
export function GuardianFields({ value, onChange }: { value: GuardianDraft; onChange: (change: Partial<GuardianDraft>) => void }) {
  const { t } = useI18n();
  const ids = { hint: useId(), name: useId(), phone: useId(), email: useId() };
  const started = !isBlankGuardian(value);
  return (
    <fieldset className="form-grid" aria-describedby={ids.hint}>
      <legend>{t('clients.guardian')}</legend>
      <p id={ids.hint} className="hint">
        {t('clients.guardianHint')}
      </p>
      <div className="field">
        <label htmlFor={ids.name}>{t('clients.guardianName')}</label>
        <input
          id={ids.name}
          autoComplete="off"
          maxLength={120}
          required={started}
          value={value.name}
          onChange={(event) => onChange({ name: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.phone}>{t('clients.guardianPhone')}</label>
        <input
          id={ids.phone}
          type="tel"
          autoComplete="off"
          required={started && !value.email.trim()}
          value={value.phone}
          onChange={(event) => onChange({ phone: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.email}>{t('clients.guardianEmail')}</label>
        <input
          id={ids.email}
          type="email"
          autoComplete="off"
          required={started && !value.phone.trim()}
          value={value.email}
          onChange={(event) => onChange({ email: event.target.value })}
        />
      </div>
    </fieldset>
  );
}
