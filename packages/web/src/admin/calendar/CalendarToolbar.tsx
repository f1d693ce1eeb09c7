import { useId } from 'react';
import { useI18n } from '../i18n/I18n';
import { dayNumberOfIsoDate, formatDay, isoDateOf } from '../time';
import type { CalendarView } from './types';

/** View (day or week), the shown period with previous / today / next, and the new-booking and block-time actions. */
export function CalendarToolbar({
  view,
  firstDay,
  lastDay,
  onView,
  onStep,
  onToday,
  onDate,
  onNewBooking,
  onBlockTime,
}: {
  view: CalendarView;
  firstDay: number;
  lastDay: number;
  onView: (view: CalendarView) => void;
  onStep: (direction: -1 | 1) => void;
  onToday: () => void;
  onDate: (day: number) => void;
  onNewBooking: () => void;
  onBlockTime: () => void;
}) {
  const { t, locale } = useI18n();
  const dateId = useId();
  const period =
    firstDay === lastDay ? formatDay(firstDay, locale, true) : `${formatDay(firstDay, locale)} – ${formatDay(lastDay, locale)}`;
  return (
    <div className="calendar-toolbar">
      <fieldset className="segmented-buttons">
        <legend className="visually-hidden">{t('calendar.view')}</legend>
        {(['day', 'week'] as const).map((option) => (
          <button key={option} type="button" aria-pressed={view === option} onClick={() => onView(option)}>
            {t(option === 'day' ? 'calendar.day' : 'calendar.week')}
          </button>
        ))}
      </fieldset>
      <div className="calendar-period">
        <button type="button" className="button-secondary" onClick={() => onStep(-1)} aria-label={t('calendar.previous')}>
          ‹
        </button>
        <button type="button" className="button-secondary" onClick={onToday}>
          {t('calendar.today')}
        </button>
        <button type="button" className="button-secondary" onClick={() => onStep(1)} aria-label={t('calendar.next')}>
          ›
        </button>
        <p className="calendar-period-label" aria-live="polite">
          {period}
        </p>
      </div>
      <div className="calendar-date">
        <label htmlFor={dateId}>{t('calendar.goToDate')}</label>
        <input
          id={dateId}
          type="date"
          value={isoDateOf(firstDay)}
          onChange={(event) => {
            const day = dayNumberOfIsoDate(event.target.value);
            if (day !== null) onDate(day);
          }}
        />
      </div>
      <div className="button-row">
        <button type="button" onClick={onNewBooking}>
          {t('calendar.newBooking')}
        </button>
        <button type="button" className="button-secondary" onClick={onBlockTime}>
          {t('calendar.blockTime')}
        </button>
      </div>
    </div>
  );
}
