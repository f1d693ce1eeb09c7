import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api';
import type { Resource } from '../calendar/types';
import { useI18n } from '../i18n/I18n';
import { ErrorMessage, LoadState } from '../ui/Feedback';
import { useAction } from '../ui/useAction';
import { useLoad } from '../useLoad';

/** Dates that differ from the weekly hours: time off (closed all day) or other hours, with a note. */
export function ExceptionsEditor({ resource }: { resource: Resource }) {
  const { t } = useI18n();
  const ids = { date: useId(), closed: useId(), start: useId(), end: useId(), note: useId() };
  const exceptions = useLoad(() => api.staff.catalogue.resources.exceptions.query({ id: resource.id }), [resource.id]);
  const [date, setDate] = useState('');
  const [closed, setClosed] = useState(true);
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('13:00');
  const [note, setNote] = useState('');
  const action = useAction();

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await action.run(() =>
      api.staff.catalogue.resources.setException.mutate({
        resourceId: resource.id,
        date,
        intervals: closed ? [] : [{ start, end }],
        note: note.trim() || null,
      }),
    );
    if (result.ok) {
      setDate('');
      setNote('');
      exceptions.reload();
    }
  }

  async function remove(day: string) {
    const result = await action.run(() => api.staff.catalogue.resources.removeException.mutate({ resourceId: resource.id, date: day }));
    if (result.ok) exceptions.reload();
  }

  return (
    <div className="exceptions">
      <h4>{t('resources.exceptions')}</h4>
      <LoadState status={exceptions.status} error={exceptions.status === 'failed' ? exceptions.error : null} reload={exceptions.reload} />
      {exceptions.status === 'ready' && exceptions.data.length === 0 && <p className="muted">{t('resources.noExceptions')}</p>}
      <ul className="plain-list">
        {(exceptions.data ?? []).map((exception) => (
          <li key={exception.date} className="exception-row">
            <strong>{exception.date}</strong>{' '}
            {exception.intervals.length === 0
              ? t('resources.closedAllDay')
              : exception.intervals.map((interval) => t('resources.exceptionHours', interval)).join(', ')}
            {exception.note && <span className="muted"> · {exception.note}</span>}{' '}
            <button type="button" className="button-secondary small" disabled={action.busy} onClick={() => remove(exception.date)}>
              {t('common.remove')}
              <span className="visually-hidden"> {exception.date}</span>
            </button>
          </li>
        ))}
      </ul>
      <form className="form subtle-box" onSubmit={add} aria-label={`${t('resources.addException')}: ${resource.name}`}>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={ids.date}>{t('common.date')}</label>
            <input id={ids.date} type="date" required value={date} onChange={(event) => setDate(event.target.value)} />
          </div>
          {!closed && (
            <>
              <div className="field">
                <label htmlFor={ids.start}>{t('common.start')}</label>
                <input id={ids.start} type="time" required value={start} onChange={(event) => setStart(event.target.value)} />
              </div>
              <div className="field">
                <label htmlFor={ids.end}>{t('common.end')}</label>
                <input id={ids.end} type="time" required value={end} onChange={(event) => setEnd(event.target.value)} />
              </div>
            </>
          )}
          <div className="field">
            <label htmlFor={ids.note}>{t('common.note')}</label>
            <input id={ids.note} maxLength={200} value={note} onChange={(event) => setNote(event.target.value)} />
          </div>
        </div>
        <label className="check" htmlFor={ids.closed}>
          <input id={ids.closed} type="checkbox" checked={closed} onChange={(event) => setClosed(event.target.checked)} />
          {t('resources.closedAllDay')}
        </label>
        {action.error !== null && <ErrorMessage error={action.error} />}
        <button type="submit" disabled={action.busy} aria-busy={action.busy}>
          {t('resources.addException')}
        </button>
      </form>
    </div>
  );
}
