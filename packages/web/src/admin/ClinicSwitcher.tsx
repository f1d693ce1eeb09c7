import type { Me } from '@hetki/shared';
import { useId } from 'react';
import { api } from '../api';
import { useI18n } from './i18n/I18n';
import { ErrorMessage } from './ui/Feedback';
import { useAction } from './ui/useAction';

/** For a person in several clinics: which one the session works in (the server decides what each may see). */
export function ClinicSwitcher({ me, onSwitched }: { me: Me; onSwitched: (me: Me) => void }) {
  const { t } = useI18n();
  const id = useId();
  const action = useAction();
  if (me.memberships.length < 2) return null;
  const choose = async (tenantId: string) => {
    const result = await action.run(() => api.auth.switchTenant.mutate({ tenantId }));
    if (result.ok) onSwitched(result.value);
  };
  return (
    <div className="language-switcher">
      <label htmlFor={id}>{t('app.clinic')}</label>
      <select id={id} value={me.tenant?.tenantId ?? ''} disabled={action.busy} onChange={(event) => choose(event.target.value)}>
        {me.memberships.map((membership) => (
          <option key={membership.tenantId} value={membership.tenantId}>
            {membership.name}
          </option>
        ))}
      </select>
      {action.error !== null && <ErrorMessage error={action.error} />}
    </div>
  );
}
