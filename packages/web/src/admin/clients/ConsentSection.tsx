import { CLIENT_CONSENT_PURPOSES, type ClientConsentEntry, type ClientConsentPurpose, type ClientConsentState } from '@hetki/shared';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api';
import { useClinic } from '../ClinicContext';
import type { MessageKey } from '../i18n/en';
import { type Translate, useI18n } from '../i18n/I18n';
import { formatDateTime } from '../time';
import { ErrorMessage, Notice } from '../ui/Feedback';
import { useAction } from '../ui/useAction';

/** The client's consents now, their full append-only history, and recording what the client said to staff. */
export function ConsentSection({
  clientId,
  consents,
  onRecorded,
}: {
  clientId: string;
  consents: { current: ClientConsentState; history: ClientConsentEntry[] };
  onRecorded: () => void;
}) {
  const { t, locale } = useI18n();
  const { timeZone } = useClinic();
  return (
    <section className="card" aria-labelledby="client-consents-heading">
      <h3 id="client-consents-heading">{t('clients.consents')}</h3>
      <h4>{t('clients.consentCurrent')}</h4>
      <dl className="details">
        {CLIENT_CONSENT_PURPOSES.map((purpose) => {
          const state = consents.current[purpose];
          return (
            <div key={purpose} className="details-row">
              <dt>{t(`clients.purpose.${purpose}`)}</dt>
              <dd>{state === null ? t('clients.noRecord') : t(state.granted ? 'clients.granted' : 'clients.withdrawn')}</dd>
            </div>
          );
        })}
      </dl>
      <RecordConsentForm clientId={clientId} onRecorded={onRecorded} />
      <h4 id="consent-ledger-heading">{t('clients.consentLedger')}</h4>
      <div className="table-scroll">
        <table className="table" aria-labelledby="consent-ledger-heading">
          <thead>
            <tr>
              <th scope="col">{t('clients.recordedAt')}</th>
              <th scope="col">{t('clients.purpose')}</th>
              <th scope="col">{t('common.status')}</th>
              <th scope="col">{t('clients.source')}</th>
              <th scope="col">{t('clients.noticeVersion')}</th>
            </tr>
          </thead>
          <tbody>
            {consents.history.map((entry) => (
              <tr key={entry.id}>
                <td>{formatDateTime(entry.recordedAt, timeZone, locale)}</td>
                <td>{t(`clients.purpose.${entry.purpose}`)}</td>
                <td>{t(entry.granted ? 'clients.granted' : 'clients.withdrawn')}</td>
                <td>{sourceLabel(entry.source, t)}</td>
                <td>{entry.noticeVersion}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function RecordConsentForm({ clientId, onRecorded }: { clientId: string; onRecorded: () => void }) {
  const { t } = useI18n();
  const { settings } = useClinic();
  const ids = { purpose: useId(), decision: useId(), hint: useId() };
  const [purpose, setPurpose] = useState<ClientConsentPurpose>('marketing_email');
  const [granted, setGranted] = useState(true);
  const [recorded, setRecorded] = useState(false);
  const action = useAction();
  const noticeVersion = settings.preferences.privacyNoticeVersion;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setRecorded(false);
    const result = await action.run(() => api.staff.clients.recordConsent.mutate({ clientId, purpose, granted, noticeVersion }));
    if (result.ok) {
      setRecorded(true);
      onRecorded();
    }
  }

  return (
    <form className="form subtle-box" onSubmit={submit} aria-labelledby={ids.decision}>
      <h4 id={ids.decision}>{t('clients.recordVerbal')}</h4>
      <p id={ids.hint} className="hint">
        {t('clients.recordVerbalHint', { version: noticeVersion })}
      </p>
      <label htmlFor={ids.purpose}>{t('clients.purpose')}</label>
      <select id={ids.purpose} value={purpose} onChange={(event) => setPurpose(event.target.value as ClientConsentPurpose)}>
        {CLIENT_CONSENT_PURPOSES.map((option) => (
          <option key={option} value={option}>
            {t(`clients.purpose.${option}`)}
          </option>
        ))}
      </select>
      <fieldset className="segmented" aria-describedby={ids.hint}>
        <legend>{t('clients.decision')}</legend>
        <label>
          <input type="radio" name={`${ids.decision}-granted`} checked={granted} onChange={() => setGranted(true)} />
          {t('clients.grants')}
        </label>
        <label>
          <input type="radio" name={`${ids.decision}-granted`} checked={!granted} onChange={() => setGranted(false)} />
          {t('clients.withdraws')}
        </label>
      </fieldset>
      {action.error !== null && <ErrorMessage error={action.error} />}
      {recorded && <Notice>{t('clients.recorded')}</Notice>}
      <button type="submit" disabled={action.busy} aria-busy={action.busy}>
        {t('clients.record')}
      </button>
    </form>
  );
}

/** Where a consent came from, in words; a source this version does not know is shown as stored. */
function sourceLabel(source: string, t: Translate): string {
  const key = `consentSource.${source}` as MessageKey;
  const label = t(key);
  return label === key ? source : label;
}
