import { useId } from 'react';
import { useI18n } from '../i18n/I18n';

export type WeekCount = { week: number; count: number; current: boolean };

const WIDTH = 480;
const HEIGHT = 200;
const PAD = { top: 16, right: 8, bottom: 28, left: 32 };

/** Bookings per week as an SVG bar chart, with the same figures in a table for screen readers. */
export function WeeklyBookingsChart({ weeks }: { weeks: readonly WeekCount[] }) {
  const { t } = useI18n();
  const titleId = useId();
  const max = Math.max(1, ...weeks.map((week) => week.count));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotWidth / Math.max(1, weeks.length);
  const barWidth = slot * 0.6;
  const y = (value: number) => PAD.top + plotHeight - (value / top) * plotHeight;
  const ticks = Array.from({ length: top / step + 1 }, (_, index) => index * step);

  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={titleId} className="chart-svg">
        <title id={titleId}>
          {weeks
            .map((week) => `${t('dashboard.week', { week: week.week })}: ${t('dashboard.bookingsCount', { count: week.count })}`)
            .join(', ')}
        </title>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} className="chart-grid" />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" className="chart-label">
              {tick}
            </text>
          </g>
        ))}
        {weeks.map((week, index) => {
          const x = PAD.left + index * slot + (slot - barWidth) / 2;
          return (
            <g key={week.week}>
              <rect
                x={x}
                y={y(week.count)}
                width={barWidth}
                height={Math.max(0, PAD.top + plotHeight - y(week.count))}
                rx={3}
                className={week.current ? 'chart-bar current' : 'chart-bar'}
              />
              <text x={x + barWidth / 2} y={y(week.count) - 4} textAnchor="middle" className="chart-value">
                {week.count}
              </text>
              <text x={x + barWidth / 2} y={HEIGHT - 8} textAnchor="middle" className="chart-label">
                {week.week}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

function niceStep(max: number): number {
  for (const step of [1, 2, 5, 10, 20, 50, 100, 200, 500]) if (max / step <= 5) return step;
  return 1000;
}
