import type { BookingRules } from '@hetki/shared';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api';
import { useClinic } from '../ClinicContext';
import { useI18n } from '../i18n/I18n';
import { ErrorMessage, Notice } from '../ui/Feedback';
import { useAction } from '../ui/useAction';
import { BOOKING_RULE_FIELDS } from './bookingRuleFields';

/** The clinic-wide online booking rules (a service may override each). */
export function BookingRulesForm() {
  const { t } = useI18n();
  const { settings, reloadSettings } = useClinic();
  const id = useId();
  const [rules, setRules] = useState<BookingRules>(settings.preferences.bookingRules);
  const [saved, setSaved] = useState(false);
  const action = useAction();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await action.run(() => api.staff.settings.update.mutate({ preferences: { bookingRules: rules } }));
    if (result.ok) {
      setSaved(true);
      reloadSettings();
    }
  }

  return (
    <section className="card" aria-labelledby="rules-heading">
      <h3 id="rules-heading">{t('settings.bookingRules')}</h3>
      <form className="form" onSubmit={submit}>
        <div className="form-grid">
          {BOOKING_RULE_FIELDS.map((rule) => (
            <div className="field" key={rule.key}>
              <label htmlFor={`${id}-${rule.key}`}>{t(rule.label)}</label>
              <input
                id={`${id}-${rule.key}`}
                type="number"
                required
                min={rule.min}
                max={rule.max}
                value={rules[rule.key]}
                onChange={(event) => {
                  setSaved(false);
                  setRules((current) => ({ ...current, [rule.key]: Number(event.target.value) }));
                }}
              />
            </div>
          ))}
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
