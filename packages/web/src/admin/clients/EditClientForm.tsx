import { type ClientRecord, isUnderGuardianAge, LOCALES, type Locale } from '@hetki/shared';
import { type FormEvent, useId, useState } from 'react';
import { api, errorReason } from '../../api';
import { useClinic } from '../ClinicContext';
import { useI18n } from '../i18n/I18n';
import { ErrorMessage } from '../ui/Feedback';
import { useAction } from '../ui/useAction';
import { ClientContactFields } from './ClientContactFields';
import { GuardianFields } from './GuardianFields';
import { clinicToday, type GuardianDraft, guardianDraftOf, guardianOf, isBlankGuardian, sameGuardian } from './guardian';

/**
 * Correct a client's basic details; only the fields changed are sent. The guardian's fields show for
 * a client under 16 (by the birth date, else the birth year), for one who has a guardian, and after
 * the server asked for one.
 */
export function EditClientForm({ client, onSaved, onCancel }: { client: ClientRecord; onSaved: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const { timeZone } = useClinic();
  const ids = { birth: useId(), language: useId() };
  const [fields, setFields] = useState({
    firstName: client.firstName,
    lastName: client.lastName,
    email: client.email ?? '',
    phone: client.phone ?? '',
    birthDate: client.birthDate ?? '',
    language: client.language ?? '',
  });
  const [guardian, setGuardian] = useState(guardianDraftOf(client.guardian));
  const action = useAction();
  const set = (change: Partial<typeof fields>) => setFields((current) => ({ ...current, ...change }));
  const setGuardianField = (change: Partial<GuardianDraft>) => setGuardian((current) => ({ ...current, ...change }));
  const showGuardian =
    isUnderGuardianAge(fields.birthDate, client.birthYear, clinicToday(timeZone)) ||
    client.guardian !== null ||
    !isBlankGuardian(guardian) ||
    errorReason(action.error) === 'GUARDIAN_REQUIRED';

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
    // Blank fields send null: that clears a guardian, and for a client under 16 the server says one is needed.
    const nextGuardian = guardianOf(guardian);
    const guardianChange = sameGuardian(nextGuardian, client.guardian) ? {} : { guardian: nextGuardian };
    const result = await action.run(() => api.staff.clients.update.mutate({ id: client.id, ...changed, ...guardianChange }));
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
      {showGuardian && <GuardianFields value={guardian} onChange={setGuardianField} />}
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
