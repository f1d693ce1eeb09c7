import type { Locale } from '@hetki/shared';
import type { CSSProperties } from 'react';
import { useI18n } from '../i18n/I18n';
import { formatTime, minuteLabel } from '../time';
import { assignLanes, placeEntry, SLOT_MINUTES, visibleMinutes } from './layout';
import { localName, serviceColourIndex } from './serviceNames';
import type { CalendarEntry, Column, Placement } from './types';
import type { DragPreview, useDragMove } from './useDragMove';

export const SLOT_HEIGHT_PX = 20;

type Drag = ReturnType<typeof useDragMove>;
type Placed = Placement & { entry: CalendarEntry };

/** The time grid: one column per resource or day, 15-minute empty slots to click, entries to open or drag. */
export function CalendarGrid({
  columns,
  entries,
  timeZone,
  serviceIds,
  drag,
  onSlot,
  onOpen,
}: {
  columns: readonly Column[];
  entries: readonly CalendarEntry[];
  timeZone: string;
  serviceIds: readonly string[];
  drag: Drag;
  onSlot: (column: Column, minute: number) => void;
  onOpen: (entry: CalendarEntry) => void;
}) {
  const { t, locale } = useI18n();
  const placed: Placed[] = entries.flatMap((entry) => {
    const placement = placeEntry(entry, columns, timeZone);
    return placement ? [{ ...withPreview(placement, entry.id, drag.preview), entry }] : [];
  });
  const { first, last } = visibleMinutes(placed);
  const slotCount = (last - first) / SLOT_MINUTES;
  const height = slotCount * SLOT_HEIGHT_PX;
  const hours = Array.from({ length: (last - first) / 60 }, (_, index) => first + index * 60);

  return (
    <div className="calendar-scroll">
      <div className="calendar-grid" style={{ '--columns': columns.length } as CSSProperties}>
        <div className="calendar-corner" />
        {columns.map((column) => (
          <div key={column.key} className="calendar-column-head">
            {column.label}
          </div>
        ))}
        <div className="calendar-gutter" style={{ height }} aria-hidden="true">
          {hours.map((minute) => (
            <span key={minute} style={{ top: ((minute - first) / SLOT_MINUTES) * SLOT_HEIGHT_PX }}>
              {minuteLabel(minute)}
            </span>
          ))}
        </div>
        {columns.map((column) => {
          const inColumn = placed.filter((item) => item.columnKey === column.key);
          const lanes = assignLanes(inColumn);
          return (
            <div key={column.key} className="calendar-column" data-column-key={column.key} style={{ height }}>
              {Array.from({ length: slotCount }, (_, index) => {
                const minute = first + index * SLOT_MINUTES;
                return (
                  <button
                    key={minute}
                    type="button"
                    tabIndex={-1}
                    className={minute % 60 === 0 ? 'calendar-slot hour' : 'calendar-slot'}
                    aria-label={t('calendar.newBookingAt', { time: minuteLabel(minute), column: column.label })}
                    onClick={() => onSlot(column, minute)}
                  />
                );
              })}
              {inColumn.map((item) => (
                <EntryButton
                  key={item.entry.id}
                  item={item}
                  lane={lanes.get(item) ?? { lane: 0, lanes: 1 }}
                  first={first}
                  column={column}
                  timeZone={timeZone}
                  locale={locale}
                  serviceIds={serviceIds}
                  dragging={drag.preview?.entryId === item.entry.id}
                  drag={drag}
                  onOpen={onOpen}
                />
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function withPreview(placement: Placement, entryId: string, preview: DragPreview | null): Placement {
  if (!preview || preview.entryId !== entryId) return placement;
  return {
    columnKey: preview.columnKey,
    startMinute: placement.startMinute + preview.deltaMinutes,
    endMinute: placement.endMinute + preview.deltaMinutes,
  };
}

function EntryButton({
  item,
  lane,
  first,
  column,
  timeZone,
  locale,
  serviceIds,
  dragging,
  drag,
  onOpen,
}: {
  item: Placed;
  lane: { lane: number; lanes: number };
  first: number;
  column: Column;
  timeZone: string;
  locale: Locale;
  serviceIds: readonly string[];
  dragging: boolean;
  drag: Drag;
  onOpen: (entry: CalendarEntry) => void;
}) {
  const { t } = useI18n();
  const { entry } = item;
  const style: CSSProperties = {
    top: ((item.startMinute - first) / SLOT_MINUTES) * SLOT_HEIGHT_PX,
    height: Math.max(((item.endMinute - item.startMinute) / SLOT_MINUTES) * SLOT_HEIGHT_PX - 2, SLOT_HEIGHT_PX - 2),
    left: `calc(${(lane.lane / lane.lanes) * 100}% + 2px)`,
    width: `calc(${100 / lane.lanes}% - 4px)`,
  };
  const time = `${formatTime(entry.start, timeZone, locale)}–${formatTime(entry.end, timeZone, locale)}`;
  const open = () => {
    if (!drag.consumeClick()) onOpen(entry);
  };

  if (entry.type === 'block') {
    return (
      <button type="button" className="calendar-entry block" style={style} onClick={open}>
        <span className="entry-time">{time}</span> <span className="entry-title">{t('calendar.blocked')}</span>
        {entry.note && <span className="entry-detail"> {entry.note}</span>}
      </button>
    );
  }

  const service = localName(entry.service.name, locale);
  const status = t(`calendar.status.${entry.status}` as 'calendar.status.confirmed');
  const movable = entry.status === 'confirmed';
  const classes = [
    'calendar-entry',
    `service-colour-${serviceColourIndex(entry.service.id, serviceIds)}`,
    `status-${entry.status}`,
    movable ? 'movable' : '',
    dragging ? 'dragging' : '',
  ];
  return (
    <button
      type="button"
      className={classes.filter(Boolean).join(' ')}
      style={style}
      data-booking-id={entry.id}
      onClick={open}
      onPointerDown={movable ? (event) => drag.onPointerDown(event, entry.id, column.key) : undefined}
      onPointerMove={movable ? drag.onPointerMove : undefined}
      onPointerUp={movable ? drag.onPointerUp : undefined}
      onPointerCancel={movable ? drag.onPointerCancel : undefined}
    >
      <span className="entry-time">{time}</span> <span className="entry-title">{entry.client.name}</span>{' '}
      <span className="entry-detail">{service}</span>{' '}
      {entry.status === 'confirmed' ? <span className="visually-hidden">{status}</span> : <span className="entry-status">{status}</span>}
    </button>
  );
}
