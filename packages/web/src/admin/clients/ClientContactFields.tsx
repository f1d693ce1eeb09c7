import { useId } from 'react';
import { useI18n } from '../i18n/I18n';

export type ClientContact = { firstName: string; lastName: string; email: string; phone: string };

/** First and last name, email and phone: the fields every client form starts with (inside a form grid). */
export function ClientContactFields({ value, onChange }: { value: ClientContact; onChange: (change: Partial<ClientContact>) => void }) {
  const { t } = useI18n();
  const ids = { first: useId(), last: useId(), email: useId(), phone: useId() };
  return (
    <>
      <div className="field">
        <label htmlFor={ids.first}>{t('booking.firstName')}</label>
        <input
          id={ids.first}
          required
          maxLength={80}
          value={value.firstName}
          onChange={(event) => onChange({ firstName: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.last}>{t('booking.lastName')}</label>
        <input
          id={ids.last}
          required
          maxLength={80}
          value={value.lastName}
          onChange={(event) => onChange({ lastName: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.email}>{t('common.email')}</label>
        <input id={ids.email} type="email" value={value.email} onChange={(event) => onChange({ email: event.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={ids.phone}>{t('common.phone')}</label>
        <input id={ids.phone} type="tel" value={value.phone} onChange={(event) => onChange({ phone: event.target.value })} />
      </div>
    </>
  );
}
