import { api } from '../../api';
import { useClinic } from '../ClinicContext';
import { localName } from '../calendar/serviceNames';
import { useI18n } from '../i18n/I18n';
import { formatDay, formatTime, instantAt, isoWeekNumber, mondayOf, todayIn, wallOf } from '../time';
import { LoadState } from '../ui/Feedback';
import { Link } from '../ui/Link';
import { useLoad } from '../useLoad';
import { type WeekCount, WeeklyBookingsChart } from './WeeklyBookingsChart';

const WEEKS_BACK = 4;
const WEEKS_AHEAD = 2;

/** Bookings per week (four back, this one, one ahead) and today's appointments. */
export function DashboardPage() {
  const { t, locale } = useI18n();
  const { timeZone } = useClinic();
  const today = todayIn(timeZone);
  const firstMonday = mondayOf(today) - WEEKS_BACK * 7;
  const weekCount = WEEKS_BACK + WEEKS_AHEAD;
  const calendar = useLoad(
    () =>
      api.staff.calendar.list.query({
        from: instantAt(firstMonday, 0, timeZone).toISOString(),
        to: instantAt(firstMonday + weekCount * 7, 0, timeZone).toISOString(),
      }),
    [firstMonday, timeZone],
  );
  const bookings = (calendar.data ?? []).flatMap((entry) => (entry.type === 'booking' && entry.status !== 'cancelled' ? [entry] : []));
  const weeks: WeekCount[] = Array.from({ length: weekCount }, (_, index) => {
    const monday = firstMonday + index * 7;
    return {
      week: isoWeekNumber(monday),
      current: monday === mondayOf(today),
      count: bookings.filter((booking) => {
        const day = wallOf(booking.start, timeZone).dayNumber;
        return day >= monday && day < monday + 7;
      }).length,
    };
  });
  const todays = bookings.filter((booking) => wallOf(booking.start, timeZone).dayNumber === today);

  return (
    <div className="page-stack">
      <h2 className="page-title">{t('dashboard.heading')}</h2>
      <LoadState status={calendar.status} error={calendar.status === 'failed' ? calendar.error : null} reload={calendar.reload} />
      <div className="dashboard-grid">
        <section className="card" aria-labelledby="today-heading">
          <h3 id="today-heading">
            {t('dashboard.today')} <span className="muted">{formatDay(today, locale, true)}</span>
          </h3>
          {calendar.status === 'ready' && todays.length === 0 && <p>{t('dashboard.noneToday')}</p>}
          <ul className="plain-list today-list">
            {todays.map((booking) => (
              <li key={booking.id}>
                <span className="today-time">
                  {formatTime(booking.start, timeZone, locale)}–{formatTime(booking.end, timeZone, locale)}
                </span>
                <span>
                  <Link to={`clients/${booking.client.id}`}>{booking.client.name}</Link>
                  <span className="muted"> · {localName(booking.service.name, locale)}</span>
                </span>
              </li>
            ))}
          </ul>
        </section>
        <section className="card" aria-labelledby="per-week-heading">
          <h3 id="per-week-heading">{t('dashboard.perWeek')}</h3>
          <p className="hint">{t('dashboard.perWeekDescription')}</p>
          {calendar.status === 'ready' && <WeeklyBookingsChart weeks={weeks} />}
        </section>
      </div>
    </div>
  );
}
