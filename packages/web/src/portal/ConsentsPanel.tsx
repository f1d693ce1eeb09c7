import { CLIENT_CONSENT_PURPOSES, type PortalConsentPurpose, type PortalConsents } from '@hetki/shared';
import { useEffect, useState } from 'react';
import { formatDateTime, PORTAL_TEXT } from './i18n';
import type { PanelProps } from './PortalHome';
import { portalApi, portalErrorReason } from './portalApi';

/**
 * Each consent with its current state and one button to change it: withdrawing is exactly as easy
 * as granting. Below, the whole ledger, newest first.
 */
export function ConsentsPanel({ slug, locale, timeZone, failure }: PanelProps) {
  const text = PORTAL_TEXT[locale].consents;
  const [consents, setConsents] = useState<PortalConsents | null>(null);
  const [busy, setBusy] = useState<PortalConsentPurpose | null>(null);
  const [status, setStatus] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  useEffect(() => {
    portalApi.portal.consents.get.query({ slug }).then(setConsents, (error: unknown) => setStatus({ kind: 'error', text: failure(error) }));
  }, [slug, failure]);

  const change = async (purpose: PortalConsentPurpose, granted: boolean) => {
    setBusy(purpose);
    setStatus(null);
    try {
      setConsents(await portalApi.portal.consents.set.mutate({ slug, purpose, granted }));
      setStatus({ kind: 'success', text: `${text.purposes[purpose].title}: ${granted ? text.grantedNow : text.withdrawnNow}` });
    } catch (error) {
      const needsAddress = portalErrorReason(error) === 'INVALID_INPUT';
      setStatus({
        kind: 'error',
        text: needsAddress ? (purpose === 'marketing_sms' ? text.needsPhone : text.needsEmail) : failure(error),
      });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="p-panel">
      <section aria-labelledby="p-consents-heading">
        <h3 id="p-consents-heading" className="p-section-title">
          {text.heading}
        </h3>
        <p className="p-muted">{text.lead}</p>
        <div aria-live="polite" className="p-live">
          {status && <p className={`p-alert p-alert-${status.kind}`}>{status.text}</p>}
        </div>
        {!consents && !status && <p className="p-muted">{PORTAL_TEXT[locale].loading}</p>}
        {consents && (
          <ul className="p-consents">
            {CLIENT_CONSENT_PURPOSES.map((purpose) => {
              const current = consents.current[purpose];
              const granted = current?.granted === true;
              const headingId = `p-consent-${purpose}`;
              return (
                <li key={purpose} className="p-card p-consent">
                  <div className="p-consent-body">
                    <h4 id={headingId} className="p-consent-title">
                      {text.purposes[purpose].title}
                    </h4>
                    <p className="p-muted">{text.purposes[purpose].description}</p>
                    <p className="p-consent-state">
                      <span className={`p-badge ${granted ? 'p-badge-granted' : current ? 'p-badge-withdrawn' : 'p-badge-none'}`}>
                        {granted ? text.granted : current ? text.withdrawn : text.never}
                      </span>
                      {current && (
                        <span className="p-small p-muted">{text.since(formatDateTime(current.recordedAt, locale, timeZone))}</span>
                      )}
                    </p>
                  </div>
                  <button
                    type="button"
                    className={`p-button ${granted ? 'p-button-secondary' : 'p-button-primary'}`}
                    disabled={busy !== null}
                    onClick={() => change(purpose, !granted)}
                  >
                    {granted ? text.withdraw : text.grant}
                    <span className="p-visually-hidden">: {text.purposes[purpose].title}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {consents && <p className="p-small p-muted">{text.noticeVersion(consents.noticeVersion)}</p>}
      </section>
      {consents && (
        <section aria-labelledby="p-history-heading" className="p-card">
          <h3 id="p-history-heading" className="p-section-title">
            {text.history}
          </h3>
          {consents.history.length === 0 ? (
            <p className="p-empty">{text.historyEmpty}</p>
          ) : (
            <div className="p-table-wrap">
              <table className="p-table">
                <thead>
                  <tr>
                    <th scope="col">{text.when}</th>
                    <th scope="col">{text.what}</th>
                    <th scope="col">{text.decision}</th>
                    <th scope="col">{text.how}</th>
                    <th scope="col">{text.notice}</th>
                  </tr>
                </thead>
                <tbody>
                  {consents.history.map((entry) => (
                    <tr key={entry.id}>
                      <td data-label={text.when}>{formatDateTime(entry.recordedAt, locale, timeZone)}</td>
                      <td data-label={text.what}>{text.purposes[entry.purpose].title}</td>
                      <td data-label={text.decision}>{entry.granted ? text.granted : text.withdrawn}</td>
                      <td data-label={text.how}>{text.sources[entry.source] ?? entry.source}</td>
                      <td data-label={text.notice}>{entry.noticeVersion}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
