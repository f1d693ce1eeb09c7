import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api';
import { useI18n } from '../i18n/I18n';
import { dayNumberOfIsoDate, instantAt, isoDateOf, minuteLabel, minuteOfLabel } from '../time';
import { Dialog } from '../ui/Dialog';
import { ErrorMessage } from '../ui/Feedback';
import { useAction } from '../ui/useAction';
import type { Resource } from './types';

/** Hold a practitioner's or room's time (a meeting, a break) so that nobody can book it. */
export function BlockTimeDialog({
  day,
  resources,
  defaultResourceId,
  timeZone,
  onBlocked,
  onClose,
}: {
  day: number;
  resources: readonly Resource[];
  defaultResourceId: string | null;
  timeZone: string;
  onBlocked: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const ids = { resource: useId(), date: useId(), start: useId(), end: useId(), note: useId() };
  const active = resources.filter((resource) => resource.active);
  const [resourceId, setResourceId] = useState(defaultResourceId ?? active[0]?.id ?? '');
  const [date, setDate] = useState(isoDateOf(day));
  const [start, setStart] = useState(minuteLabel(12 * 60));
  const [end, setEnd] = useState(minuteLabel(13 * 60));
  const [note, setNote] = useState('');
  const action = useAction();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const dayNumber = dayNumberOfIsoDate(date);
    const from = minuteOfLabel(start);
    const until = minuteOfLabel(end);
    if (dayNumber === null || from === null || until === null) return;
    const result = await action.run(() =>
      api.staff.calendar.block.mutate({
        resourceId,
        start: instantAt(dayNumber, from, timeZone).toISOString(),
        end: instantAt(dayNumber, until, timeZone).toISOString(),
        note: note.trim() || null,
      }),
    );
    if (result.ok) onBlocked();
  }

  return (
    <Dialog title={t('block.heading')} onClose={onClose}>
      <form onSubmit={submit} className="form">
        <div className="form-grid">
          <div className="field">
            <label htmlFor={ids.resource}>{t('block.resource')}</label>
            <select id={ids.resource} value={resourceId} onChange={(event) => setResourceId(event.target.value)}>
              {active.map((resource) => (
                <option key={resource.id} value={resource.id}>
                  {resource.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.date}>{t('common.date')}</label>
            <input id={ids.date} type="date" required value={date} onChange={(event) => setDate(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={ids.start}>{t('common.start')}</label>
            <input id={ids.start} type="time" step={300} required value={start} onChange={(event) => setStart(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={ids.end}>{t('common.end')}</label>
            <input id={ids.end} type="time" step={300} required value={end} onChange={(event) => setEnd(event.target.value)} />
          </div>
        </div>
        <label htmlFor={ids.note}>{t('common.note')}</label>
        <input id={ids.note} maxLength={200} value={note} onChange={(event) => setNote(event.target.value)} />
        {action.error !== null && <ErrorMessage error={action.error} />}
        <div className="button-row">
          <button type="submit" disabled={action.busy} aria-busy={action.busy}>
            {t('block.submit')}
          </button>
          <button type="button" className="button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
