import { useState } from 'react';
import { api } from '../../api';
import { localName, serviceColourIndex } from '../calendar/serviceNames';
import type { Service } from '../calendar/types';
import { useI18n } from '../i18n/I18n';
import { LoadState, Notice } from '../ui/Feedback';
import { useLoad } from '../useLoad';
import { ServiceForm } from './ServiceForm';

const euros = (cents: number, locale: string, currency: string) =>
  new Intl.NumberFormat(locale === 'en' ? 'en-GB' : locale, { style: 'currency', currency }).format(cents / 100);

/** The clinic's services, each with the colour the calendar gives it. */
export function ServicesPage() {
  const { t, locale } = useI18n();
  const data = useLoad(() => Promise.all([api.staff.catalogue.services.list.query(), api.staff.catalogue.resources.list.query()]), []);
  const [editing, setEditing] = useState<Service | 'new' | null>(null);
  const [saved, setSaved] = useState(false);
  const [services, resources] = data.data ?? [[], []];
  const practitioners = resources.filter((resource) => resource.kind === 'practitioner' && resource.active);
  const ids = services.map((service) => service.id);

  return (
    <div className="page-stack">
      <div className="page-heading-row">
        <h2 className="page-title">{t('services.heading')}</h2>
        <button type="button" onClick={() => setEditing('new')}>
          {t('services.new')}
        </button>
      </div>
      {saved && <Notice>{t('common.saved')}</Notice>}
      <LoadState status={data.status} error={data.status === 'failed' ? data.error : null} reload={data.reload} />
      {data.status === 'ready' && services.length === 0 && <p>{t('services.none')}</p>}
      {services.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th>
                <th scope="col">{t('services.duration')}</th>
                <th scope="col">{t('services.price')}</th>
                <th scope="col">{t('services.bookableOnline')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {services.map((service) => (
                <tr key={service.id}>
                  <th scope="row">
                    <span className={`swatch service-colour-${serviceColourIndex(service.id, ids)}`} aria-hidden="true" />
                    {localName(service.name, locale)}
                  </th>
                  <td>{t('services.minutes', { count: service.durationMinutes })}</td>
                  <td>{euros(service.priceCents, locale, service.currency)}</td>
                  <td>{t(service.bookableOnline ? 'common.yes' : 'common.no')}</td>
                  <td>{t(service.active ? 'common.active' : 'common.inactive')}</td>
                  <td>
                    <button
                      type="button"
                      className="button-secondary"
                      // Not from a list that is being refreshed after a save: the form would show the old values.
                      disabled={data.status === 'loading'}
                      onClick={() => setEditing(service)}
                    >
                      {t('common.edit')}
                      <span className="visually-hidden"> {localName(service.name, locale)}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <ServiceForm
          service={editing === 'new' ? null : editing}
          practitioners={practitioners}
          onSaved={() => {
            setEditing(null);
            setSaved(true);
            data.reload();
          }}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}
