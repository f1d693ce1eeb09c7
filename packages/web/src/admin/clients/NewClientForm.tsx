import { isUnderGuardianAge } from '@hetki/shared';
import { type FormEvent, useId, useState } from 'react';
import { api, errorReason } from '../../api';
import { useClinic } from '../ClinicContext';
import { useI18n } from '../i18n/I18n';
import { navigate } from '../router';
import { ErrorMessage } from '../ui/Feedback';
import { useAction } from '../ui/useAction';
import { ClientContactFields } from './ClientContactFields';
import { GuardianFields } from './GuardianFields';
import { clinicToday, type GuardianDraft, guardianOf, isBlankGuardian, NO_GUARDIAN } from './guardian';

/** Add a client with the essentials (and a guardian for a child); the profile that opens next takes the rest. */
export function NewClientForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useI18n();
  const { timeZone } = useClinic();
  const birthId = useId();
  const [fields, setFields] = useState({ firstName: '', lastName: '', email: '', phone: '', birthDate: '' });
  const [guardian, setGuardian] = useState<GuardianDraft>(NO_GUARDIAN);
  const action = useAction();
  const set = (change: Partial<typeof fields>) => setFields((current) => ({ ...current, ...change }));
  const setGuardianField = (change: Partial<GuardianDraft>) => setGuardian((current) => ({ ...current, ...change }));
  const showGuardian =
    isUnderGuardianAge(fields.birthDate, null, clinicToday(timeZone)) ||
    !isBlankGuardian(guardian) ||
    errorReason(action.error) === 'GUARDIAN_REQUIRED';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await action.run(() =>
      api.staff.clients.create.mutate({
        firstName: fields.firstName,
        lastName: fields.lastName,
        email: fields.email.trim() || null,
        phone: fields.phone.trim() || null,
        birthDate: fields.birthDate || null,
        guardian: guardianOf(guardian),
      }),
    );
    if (result.ok) navigate(`clients/${result.value.id}`);
  }

  return (
    <form className="card form" onSubmit={submit} aria-label={t('clients.newClient')}>
      <div className="form-grid">
        <ClientContactFields value={fields} onChange={set} />
        <div className="field">
          <label htmlFor={birthId}>{t('clients.birthDate')}</label>
          <input id={birthId} type="date" value={fields.birthDate} onChange={(event) => set({ birthDate: event.target.value })} />
        </div>
      </div>
      {showGuardian && <GuardianFields value={guardian} onChange={setGuardianField} />}
      {action.error !== null && <ErrorMessage error={action.error} />}
      <div className="button-row">
        <button type="submit" disabled={action.busy} aria-busy={action.busy}>
          {t('common.create')}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
