import { type ClientRecord, LOCALES, type Locale } from '@hetki/shared';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api';
import { useI18n } from '../i18n/I18n';
import { ErrorMessage } from '../ui/Feedback';
import { useAction } from '../ui/useAction';
import { ClientContactFields } from './ClientContactFields';

/** Correct a client's basic details; only the fields changed are sent. */
export function EditClientForm({ client, onSaved, onCancel }: { client: ClientRecord; onSaved: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const ids = { birth: useId(), language: useId() };
  const [fields, setFields] = useState({
    firstName: client.firstName,
    lastName: client.lastName,
    email: client.email ?? '',
    phone: client.phone ?? '',
    birthDate: client.birthDate ?? '',
    language: client.language ?? '',
  });
  const action = useAction();
  const set = (change: Partial<typeof fields>) => setFields((current) => ({ ...current, ...change }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = {
      firstName: fields.firstName,
      lastName: fields.lastName,
      email: fields.email.trim() || null,
      phone: fields.phone.trim() || null,
      birthDate: fields.birthDate || null,
      language: (fields.language || null) as Locale | null,
    };
    const changed = Object.fromEntries(Object.entries(next).filter(([key, value]) => value !== client[key as keyof typeof next]));
    const result = await action.run(() => api.staff.clients.update.mutate({ id: client.id, ...changed }));
    if (result.ok) onSaved();
  }

  return (
    <form className="form" onSubmit={submit} aria-label={t('clients.editDetails')}>
      <div className="form-grid">
        <ClientContactFields value={fields} onChange={set} />
        <div className="field">
          <label htmlFor={ids.birth}>{t('clients.birthDate')}</label>
          <input id={ids.birth} type="date" value={fields.birthDate} onChange={(event) => set({ birthDate: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.language}>{t('clients.language')}</label>
          <select id={ids.language} value={fields.language} onChange={(event) => set({ language: event.target.value })}>
            <option value="">{t('common.notSet')}</option>
            {LOCALES.map((locale) => (
              <option key={locale} value={locale}>
                {t(`language.${locale}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {action.error !== null && <ErrorMessage error={action.error} />}
      <div className="button-row">
        <button type="submit" disabled={action.busy} aria-busy={action.busy}>
          {t('common.save')}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
