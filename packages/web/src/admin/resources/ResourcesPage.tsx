import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api';
import type { Resource } from '../calendar/types';
import { useI18n } from '../i18n/I18n';
import { ErrorMessage, LoadState } from '../ui/Feedback';
import { useAction } from '../ui/useAction';
import { useLoad } from '../useLoad';
import { ExceptionsEditor } from './ExceptionsEditor';
import { WeeklyHoursEditor } from './WeeklyHoursEditor';

/** Practitioners and rooms: their weekly opening hours, dates off or with other hours, and new ones. */
export function ResourcesPage() {
  const { t } = useI18n();
  const resources = useLoad(() => api.staff.catalogue.resources.list.query(), []);
  const list = resources.data ?? [];
  return (
    <div className="page-stack">
      <h2 className="page-title">{t('resources.heading')}</h2>
      <LoadState status={resources.status} error={resources.status === 'failed' ? resources.error : null} reload={resources.reload} />
      {(['practitioner', 'room'] as const).map((kind) => (
        <section key={kind} className="page-stack" aria-labelledby={`resources-${kind}`}>
          <h3 id={`resources-${kind}`}>{t(kind === 'practitioner' ? 'resources.practitioners' : 'resources.rooms')}</h3>
          {list
            .filter((resource) => resource.kind === kind)
            .map((resource) => (
              <ResourceCard key={resource.id} resource={resource} onSaved={resources.reload} />
            ))}
          <NewResourceForm kind={kind} onCreated={resources.reload} />
        </section>
      ))}
    </div>
  );
}

function ResourceCard({ resource, onSaved }: { resource: Resource; onSaved: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const action = useAction();
  const toggleActive = async () => {
    const result = await action.run(() => api.staff.catalogue.resources.update.mutate({ id: resource.id, active: !resource.active }));
    if (result.ok) onSaved();
  };
  return (
    <article className="card" aria-label={resource.name}>
      <div className="page-heading-row">
        <h4 className="resource-name">
          {resource.name} <span className="muted">· {t(resource.active ? 'common.active' : 'common.inactive')}</span>
        </h4>
        <div className="button-row">
          <button type="button" className="button-secondary" aria-expanded={open} onClick={() => setOpen((value) => !value)}>
            {t('common.edit')}
            <span className="visually-hidden"> {resource.name}</span>
          </button>
          <button type="button" className="button-secondary" disabled={action.busy} onClick={toggleActive}>
            {t(resource.active ? 'common.inactive' : 'common.active')}
            <span className="visually-hidden"> {resource.name}</span>
          </button>
        </div>
      </div>
      {action.error !== null && <ErrorMessage error={action.error} />}
      {open && (
        <div className="resource-editors">
          <WeeklyHoursEditor resource={resource} onSaved={onSaved} />
          <ExceptionsEditor resource={resource} />
        </div>
      )}
    </article>
  );
}

function NewResourceForm({ kind, onCreated }: { kind: 'practitioner' | 'room'; onCreated: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [name, setName] = useState('');
  const action = useAction();
  const label = t(kind === 'practitioner' ? 'resources.newPractitioner' : 'resources.newRoom');
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await action.run(() =>
      api.staff.catalogue.resources.create.mutate({
        kind,
        name,
        weeklyHours: Object.fromEntries(['1', '2', '3', '4', '5'].map((day) => [day, [{ start: '08:00', end: '16:00' }]])),
      }),
    );
    if (result.ok) {
      setName('');
      onCreated();
    }
  }
  return (
    <form className="inline-create" onSubmit={submit} aria-label={label}>
      <label htmlFor={id}>{label}</label>
      <input id={id} required maxLength={120} value={name} onChange={(event) => setName(event.target.value)} />
      <button type="submit" disabled={action.busy} aria-busy={action.busy}>
        {t('common.create')}
      </button>
      {action.error !== null && <ErrorMessage error={action.error} />}
    </form>
  );
}
