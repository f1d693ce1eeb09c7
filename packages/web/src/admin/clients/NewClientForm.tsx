import { type FormEvent, useState } from 'react';
import { api } from '../../api';
import { useI18n } from '../i18n/I18n';
import { navigate } from '../router';
import { ErrorMessage } from '../ui/Feedback';
import { useAction } from '../ui/useAction';
import { ClientContactFields } from './ClientContactFields';

/** Add a client with the essentials; the profile that opens next takes the rest. */
export function NewClientForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useI18n();
  const [fields, setFields] = useState({ firstName: '', lastName: '', email: '', phone: '' });
  const action = useAction();
  const set = (change: Partial<typeof fields>) => setFields((current) => ({ ...current, ...change }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await action.run(() =>
      api.staff.clients.create.mutate({
        firstName: fields.firstName,
        lastName: fields.lastName,
        email: fields.email.trim() || null,
        phone: fields.phone.trim() || null,
      }),
    );
    if (result.ok) navigate(`clients/${result.value.id}`);
  }

  return (
    <form className="card form" onSubmit={submit} aria-label={t('clients.newClient')}>
      <div className="form-grid">
        <ClientContactFields value={fields} onChange={set} />
      </div>
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
