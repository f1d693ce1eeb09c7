import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api';
import type { Resource } from '../calendar/types';
import { useI18n } from '../i18n/I18n';
import { ErrorMessage, Notice } from '../ui/Feedback';
import { useAction } from '../ui/useAction';
import { nextOpening } from './nextOpening';

type Interval = { start: string; end: string };
type Week = Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', Interval[]>;
const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;

/** Opening hours per weekday, any number of intervals a day (a lunch break is two). */
export function WeeklyHoursEditor({ resource, onSaved }: { resource: Resource; onSaved: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [week, setWeek] = useState<Week>(() => Object.fromEntries(WEEKDAYS.map((day) => [day, resource.weeklyHours[day] ?? []])) as Week);
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const setDay = (day: keyof Week, intervals: Interval[]) => {
    setSaved(false);
    setWeek((current) => ({ ...current, [day]: intervals }));
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const weeklyHours = Object.fromEntries(WEEKDAYS.filter((day) => week[day].length > 0).map((day) => [day, week[day]]));
    const result = await action.run(() => api.staff.catalogue.resources.update.mutate({ id: resource.id, weeklyHours }));
    if (result.ok) {
      setSaved(true);
      onSaved();
    }
  }

  return (
    <form className="form" onSubmit={submit} aria-label={`${t('resources.hours')}: ${resource.name}`}>
      <h4>{t('resources.hours')}</h4>
      <table className="table hours-table">
        <tbody>
          {WEEKDAYS.map((day) => {
            const dayName = t(`resources.weekday.${day}`);
            const intervals = week[day];
            const next = nextOpening(intervals);
            return (
              <tr key={day}>
                <th scope="row">{dayName}</th>
                <td>
                  {intervals.length === 0 && <span className="muted">{t('resources.closed')}</span>}
                  {intervals.map((interval, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: intervals have no identity beyond their place in the day
                    <span key={index} className="interval">
                      <input
                        type="time"
                        aria-label={`${dayName} ${t('common.start')} ${index + 1}`}
                        value={interval.start}
                        required
                        onChange={(event) =>
                          setDay(
                            day,
                            intervals.map((item, at) => (at === index ? { ...item, start: event.target.value } : item)),
                          )
                        }
                      />
                      –
                      <input
                        type="time"
                        aria-label={`${dayName} ${t('common.end')} ${index + 1}`}
                        value={interval.end}
                        required
                        onChange={(event) =>
                          setDay(
                            day,
                            intervals.map((item, at) => (at === index ? { ...item, end: event.target.value } : item)),
                          )
                        }
                      />
                      <button
                        type="button"
                        className="button-quiet"
                        aria-label={`${t('common.remove')} ${dayName} ${interval.start}–${interval.end}`}
                        onClick={() =>
                          setDay(
                            day,
                            intervals.filter((_, at) => at !== index),
                          )
                        }
                      >
                        ×
                      </button>
                    </span>
                  ))}
                  {next && (
                    <button
                      type="button"
                      className="button-secondary small"
                      id={`${id}-${day}`}
                      onClick={() => setDay(day, [...intervals, next])}
                    >
                      + {t('resources.open')}
                      <span className="visually-hidden"> {dayName}</span>
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {action.error !== null && <ErrorMessage error={action.error} />}
      {saved && <Notice>{t('common.saved')}</Notice>}
      <button type="submit" disabled={action.busy} aria-busy={action.busy}>
        {t('resources.saveHours')}
      </button>
    </form>
  );
}
