import { useEffect, useId, useState } from 'react';
import { api } from '../../api';
import { useClinic } from '../ClinicContext';
import { useI18n } from '../i18n/I18n';
import { formatDateTime } from '../time';
import { LoadState } from '../ui/Feedback';
import { Link } from '../ui/Link';
import { useLoad } from '../useLoad';
import { NewClientForm } from './NewClientForm';

const SEARCH_DELAY_MS = 250;

/** The client register: search (sent in a POST body) and the matching clients. */
export function ClientsPage() {
  const { t, locale } = useI18n();
  const { timeZone } = useClinic();
  const searchId = useId();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    const timer = setTimeout(() => setQuery(typed.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  const page = useLoad(() => api.staff.clients.list.query({ ...(query ? { query } : {}), limit: 50 }), [query]);
  const clients = page.data?.clients ?? [];

  return (
    <div className="page-stack">
      <div className="page-heading-row">
        <h2 className="page-title">{t('clients.heading')}</h2>
        <button type="button" aria-expanded={creating} onClick={() => setCreating((open) => !open)}>
          {t('clients.newClient')}
        </button>
      </div>
      {creating && <NewClientForm onCancel={() => setCreating(false)} />}
      <search className="search-box">
        <label htmlFor={searchId}>{t('clients.searchLabel')}</label>
        <input id={searchId} type="search" autoComplete="off" value={typed} onChange={(event) => setTyped(event.target.value)} />
      </search>
      <LoadState status={page.status} error={page.status === 'failed' ? page.error : null} reload={page.reload} />
      {page.status === 'ready' && clients.length === 0 && <p>{t('clients.noResults')}</p>}
      {clients.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th>
                <th scope="col">{t('common.email')}</th>
                <th scope="col">{t('common.phone')}</th>
                <th scope="col">{t('clients.lastVisit')}</th>
                <th scope="col">{t('clients.nextVisit')}</th>
              </tr>
            </thead>
            <tbody>
              {clients.map((client) => (
                <tr key={client.id}>
                  <th scope="row">
                    <Link to={`clients/${client.id}`}>
                      {client.firstName} {client.lastName}
                    </Link>
                  </th>
                  <td>{client.email ?? '—'}</td>
                  <td>{client.phone ?? '—'}</td>
                  <td>{client.lastBookingAt ? formatDateTime(client.lastBookingAt, timeZone, locale) : '—'}</td>
                  <td>{client.nextBookingAt ? formatDateTime(client.nextBookingAt, timeZone, locale) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
