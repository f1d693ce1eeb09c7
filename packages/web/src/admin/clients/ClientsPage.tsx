import type { ClientListItem } from '@hetki/shared';
import { useEffect, useId, useState } from 'react';
import { api } from '../../api';
import { useClinic } from '../ClinicContext';
import { useI18n } from '../i18n/I18n';
import { formatDateTime } from '../time';
import { ErrorMessage, LoadState } from '../ui/Feedback';
import { Link } from '../ui/Link';
import { useAction } from '../ui/useAction';
import { useLoad } from '../useLoad';
import { NewClientForm } from './NewClientForm';

const SEARCH_DELAY_MS = 250;
const PAGE_SIZE = 50;

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

  const page = useLoad(() => api.staff.clients.list.query({ ...(query ? { query } : {}), limit: PAGE_SIZE }), [query]);
  // Further pages, fetched with the cursor of the last one; a new search starts over.
  const [more, setMore] = useState<{ query: string; clients: ClientListItem[]; nextCursor: string | null } | null>(null);
  const extra = more?.query === query ? more : null;
  const clients = [...(page.data?.clients ?? []), ...(extra?.clients ?? [])];
  const nextCursor = extra ? extra.nextCursor : (page.data?.nextCursor ?? null);
  const moreAction = useAction();
  const showMore = async () => {
    if (!nextCursor) return;
    const result = await moreAction.run(() =>
      api.staff.clients.list.query({ ...(query ? { query } : {}), limit: PAGE_SIZE, cursor: nextCursor }),
    );
    if (result.ok) {
      setMore({ query, clients: [...(extra?.clients ?? []), ...result.value.clients], nextCursor: result.value.nextCursor });
    }
  };

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
      {moreAction.error !== null && <ErrorMessage error={moreAction.error} />}
      {nextCursor && (
        <button type="button" className="button-secondary" onClick={showMore} disabled={moreAction.busy} aria-busy={moreAction.busy}>
          {t('common.showMore')}
        </button>
      )}
    </div>
  );
}
