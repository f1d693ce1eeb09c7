import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api';
import { useI18n } from '../i18n/I18n';
import { navigate } from '../router';
import { ErrorMessage } from '../ui/Feedback';
import { useAction } from '../ui/useAction';

/** Add a client with the essentials; the profile that opens next takes the rest. */
export function NewClientForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useI18n();
  const ids = { first: useId(), last: useId(), email: useId(), phone: useId() };
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
        <div className="field">
          <label htmlFor={ids.first}>{t('booking.firstName')}</label>
          <input
            id={ids.first}
            required
            maxLength={80}
            value={fields.firstName}
            onChange={(event) => set({ firstName: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.last}>{t('booking.lastName')}</label>
          <input
            id={ids.last}
            required
            maxLength={80}
            value={fields.lastName}
            onChange={(event) => set({ lastName: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.email}>{t('common.email')}</label>
          <input id={ids.email} type="email" value={fields.email} onChange={(event) => set({ email: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.phone}>{t('common.phone')}</label>
          <input id={ids.phone} type="tel" value={fields.phone} onChange={(event) => set({ phone: event.target.value })} />
        </div>
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
