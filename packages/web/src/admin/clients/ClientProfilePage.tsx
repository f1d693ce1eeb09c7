import { useState } from 'react';
import { api } from '../../api';
import { useClinic } from '../ClinicContext';
import { localName } from '../calendar/serviceNames';
import { useI18n } from '../i18n/I18n';
import { formatDateTime } from '../time';
import { LoadState } from '../ui/Feedback';
import { Link } from '../ui/Link';
import { useLoad } from '../useLoad';
import { ClinicalSection } from './ClinicalSection';
import { ConsentSection } from './ConsentSection';
import { EditClientForm } from './EditClientForm';

/** One client: details, bookings, consents with their history, and (for clinical roles) health information and notes. */
export function ClientProfilePage({ clientId }: { clientId: string }) {
  const { t, locale } = useI18n();
  const { timeZone } = useClinic();
  const profile = useLoad(() => api.staff.clients.get.query({ id: clientId }), [clientId]);
  const client = profile.data;
  const [editing, setEditing] = useState(false);

  return (
    <div className="page-stack">
      <p>
        <Link to="clients">← {t('clients.back')}</Link>
      </p>
      {!client && <LoadState status={profile.status} error={profile.status === 'failed' ? profile.error : null} reload={profile.reload} />}
      {client && (
        <>
          <h2 className="page-title">
            {client.firstName} {client.lastName}
          </h2>
          <section className="card" aria-labelledby="client-details-heading">
            <div className="page-heading-row">
              <h3 id="client-details-heading">{t('clients.details')}</h3>
              {!editing && (
                <button
                  type="button"
                  className="button-secondary small"
                  // Not while the profile is being refreshed after a save: the form would show the old values.
                  disabled={profile.status === 'loading'}
                  onClick={() => setEditing(true)}
                >
                  {t('clients.editDetails')}
                </button>
              )}
            </div>
            {editing && (
              <EditClientForm
                client={client}
                onSaved={() => {
                  setEditing(false);
                  profile.reload();
                }}
                onCancel={() => setEditing(false)}
              />
            )}
            {!editing && (
              <dl className="details">
                <dt>{t('common.email')}</dt>
                <dd>{client.email ?? t('common.notSet')}</dd>
                <dt>{t('common.phone')}</dt>
                <dd>{client.phone ?? t('common.notSet')}</dd>
                <dt>{t('clients.birthDate')}</dt>
                <dd>{client.birthDate ?? (client.birthYear ? String(client.birthYear) : t('common.notSet'))}</dd>
                <dt>{t('clients.language')}</dt>
                <dd>{client.language ? t(`language.${client.language}`) : t('common.notSet')}</dd>
                <dt>{t('clients.address')}</dt>
                <dd>
                  {client.address ? `${client.address.street}, ${client.address.postalCode} ${client.address.city}` : t('common.notSet')}
                </dd>
                {client.guardian && (
                  <>
                    <dt>{t('clients.guardian')}</dt>
                    <dd>{[client.guardian.name, client.guardian.phone, client.guardian.email].filter(Boolean).join(' · ')}</dd>
                  </>
                )}
                {client.personalIdentityCodeRequired && (
                  <>
                    <dt>{t('clients.identityCode')}</dt>
                    <dd>{client.personalIdentityCode ?? t('common.notSet')}</dd>
                  </>
                )}
              </dl>
            )}
          </section>

          <section className="card" aria-labelledby="client-bookings-heading">
            <h3 id="client-bookings-heading">{t('clients.bookings')}</h3>
            {client.bookings.length === 0 ? (
              <p>{t('clients.noBookings')}</p>
            ) : (
              <ul className="plain-list">
                {client.bookings.map((booking) => (
                  <li key={booking.id}>
                    <strong>{formatDateTime(booking.start, timeZone, locale)}</strong> · {localName(booking.service.name, locale)} ·{' '}
                    {booking.practitioner.name} · {t(`calendar.status.${booking.status}` as 'calendar.status.confirmed')}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <ConsentSection clientId={client.id} consents={client.consents} onRecorded={profile.reload} />
          <ClinicalSection clientId={client.id} clinical={client.clinical} onSaved={profile.reload} />
        </>
      )}
    </div>
  );
}
