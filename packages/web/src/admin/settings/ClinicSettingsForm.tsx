import { LOCALES, type Locale } from '@hetki/shared';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api';
import { useClinic } from '../ClinicContext';
import { useI18n } from '../i18n/I18n';
import { ErrorMessage, Notice } from '../ui/Feedback';
import { useAction } from '../ui/useAction';

/** The clinic's name, contacts, time zone and default language. */
export function ClinicSettingsForm() {
  const { t } = useI18n();
  const { settings, reloadSettings } = useClinic();
  const ids = { name: useId(), email: useId(), phone: useId(), zone: useId(), locale: useId() };
  const [fields, setFields] = useState({
    name: settings.name,
    contactEmail: settings.contactEmail ?? '',
    contactPhone: settings.contactPhone ?? '',
    timeZone: settings.timeZone,
    defaultLocale: settings.defaultLocale,
  });
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const set = (change: Partial<typeof fields>) => {
    setSaved(false);
    setFields((current) => ({ ...current, ...change }));
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await action.run(() =>
      api.staff.settings.update.mutate({
        name: fields.name,
        contactEmail: fields.contactEmail.trim() || null,
        contactPhone: fields.contactPhone.trim() || null,
        timeZone: fields.timeZone.trim(),
        defaultLocale: fields.defaultLocale,
      }),
    );
    if (result.ok) {
      setSaved(true);
      reloadSettings();
    }
  }

  return (
    <section className="card" aria-labelledby="clinic-form-heading">
      <h3 id="clinic-form-heading">{t('settings.clinic')}</h3>
      <form className="form" onSubmit={submit}>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={ids.name}>{t('settings.clinicName')}</label>
            <input id={ids.name} required maxLength={120} value={fields.name} onChange={(event) => set({ name: event.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={ids.email}>{t('settings.contactEmail')}</label>
            <input
              id={ids.email}
              type="email"
              value={fields.contactEmail}
              onChange={(event) => set({ contactEmail: event.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.phone}>{t('settings.contactPhone')}</label>
            <input id={ids.phone} type="tel" value={fields.contactPhone} onChange={(event) => set({ contactPhone: event.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={ids.zone}>{t('settings.timeZone')}</label>
            <input
              id={ids.zone}
              required
              maxLength={64}
              value={fields.timeZone}
              onChange={(event) => set({ timeZone: event.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.locale}>{t('settings.defaultLanguage')}</label>
            <select id={ids.locale} value={fields.defaultLocale} onChange={(event) => set({ defaultLocale: event.target.value as Locale })}>
              {LOCALES.map((locale) => (
                <option key={locale} value={locale}>
                  {t(`language.${locale}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {action.error !== null && <ErrorMessage error={action.error} />}
        {saved && <Notice>{t('common.saved')}</Notice>}
        <button type="submit" disabled={action.busy} aria-busy={action.busy}>
          {t('common.save')}
        </button>
      </form>
    </section>
  );
}
