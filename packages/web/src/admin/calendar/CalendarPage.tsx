import { useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '../../api';
import { useClinic } from '../ClinicContext';
import { useI18n } from '../i18n/I18n';
import { formatDateTime, formatDay, instantAt, mondayOf, todayIn, wallOf } from '../time';
import { ErrorMessage, LoadState, Notice } from '../ui/Feedback';
import { useLoad } from '../useLoad';
import { AppointmentDialog, BlockDialog } from './AppointmentDialog';
import { BlockTimeDialog } from './BlockTimeDialog';
import { CalendarGrid, SLOT_HEIGHT_PX } from './CalendarGrid';
import { CalendarToolbar } from './CalendarToolbar';
import { type BookingDraft, NewBookingDialog } from './NewBookingDialog';
import { ResourceChooser } from './ResourceChooser';
import type { CalendarEntry, CalendarView, Column, Resource } from './types';
import { type DragPreview, useDragMove } from './useDragMove';

type Open = { kind: 'new'; draft: BookingDraft } | { kind: 'entry'; entry: CalendarEntry } | { kind: 'block-time' } | null;

/** The clinic's calendar: a day per resource or a week per day, in the clinic's time zone. */
export function CalendarPage() {
  const { t, locale } = useI18n();
  const { timeZone } = useClinic();
  const [view, setView] = useState<CalendarView>('day');
  const [anchor, setAnchor] = useState(() => todayIn(timeZone));
  const [selected, setSelected] = useState<string[] | null>(null);
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [moveError, setMoveError] = useState<unknown>(null);

  const catalogue = useLoad(() => Promise.all([api.staff.catalogue.services.list.query(), api.staff.catalogue.resources.list.query()]), []);
  const [services, resources] = catalogue.data ?? [[], []];
  const shown = useMemo(
    () => selected ?? resources.filter((resource) => resource.active && resource.kind === 'practitioner').map((resource) => resource.id),
    [selected, resources],
  );

  const firstDay = view === 'day' ? anchor : mondayOf(anchor);
  const dayCount = view === 'day' ? 1 : 7;
  const from = instantAt(firstDay, 0, timeZone).toISOString();
  const to = instantAt(firstDay + dayCount, 0, timeZone).toISOString();
  const shownKey = shown.join(',');
  const entries = useLoad(
    () => (shown.length === 0 ? Promise.resolve([]) : api.staff.calendar.list.query({ from, to, resourceIds: shown })),
    [from, to, shownKey],
  );
  const visibleEntries = (entries.data ?? []).filter((entry) => entry.type === 'block' || entry.status !== 'cancelled');

  const columns = useMemo<Column[]>(() => {
    if (view === 'week') {
      return Array.from({ length: 7 }, (_, index) => ({
        key: `day-${firstDay + index}`,
        day: firstDay + index,
        resourceId: null,
        label: formatDay(firstDay + index, locale),
      }));
    }
    return resources
      .filter((resource) => shown.includes(resource.id))
      .map((resource) => ({ key: `resource-${resource.id}`, day: firstDay, resourceId: resource.id, label: resource.name }));
  }, [view, firstDay, resources, shown, locale]);

  const onDrop = useCallback(
    async (preview: DragPreview): Promise<boolean> => {
      const entry = entries.data?.find((candidate) => candidate.id === preview.entryId);
      const column = columns.find((candidate) => candidate.key === preview.columnKey);
      if (entry?.type !== 'booking' || !column) return false;
      const start = instantAt(column.day, wallOf(entry.start, timeZone).minute + preview.deltaMinutes, timeZone);
      setMoveError(null);
      setNotice(null);
      try {
        await api.staff.calendar.move.mutate({
          bookingId: entry.id,
          start: start.toISOString(),
          ...resourceChange(entry, column, resources),
        });
      } catch (error) {
        setMoveError(error);
        return false;
      }
      setNotice(t('calendar.moved', { time: formatDateTime(start, timeZone, locale) }));
      entries.reload();
      return true;
    },
    [entries, columns, resources, timeZone, locale, t],
  );
  const drag = useDragMove(SLOT_HEIGHT_PX, onDrop);

  // The moved entry keeps its dragged place until the reloaded calendar shows where the server put it.
  const { clearPreview } = drag;
  useEffect(() => {
    if (entries.status === 'ready') clearPreview();
  }, [entries.status, clearPreview]);

  const changed = (message: string) => {
    setOpen(null);
    setNotice(message);
    entries.reload();
  };

  return (
    <div className="page-stack calendar-page">
      <h2 className="page-title">{t('calendar.heading')}</h2>
      <CalendarToolbar
        view={view}
        firstDay={firstDay}
        lastDay={firstDay + dayCount - 1}
        onView={setView}
        onStep={(direction) => setAnchor((day) => day + direction * dayCount)}
        onToday={() => setAnchor(todayIn(timeZone))}
        onDate={setAnchor}
        onNewBooking={() => setOpen({ kind: 'new', draft: { day: anchor, minute: 9 * 60, resourceId: shown[0] ?? null } })}
        onBlockTime={() => setOpen({ kind: 'block-time' })}
      />
      <LoadState status={catalogue.status} error={catalogue.status === 'failed' ? catalogue.error : null} reload={catalogue.reload} />
      {resources.length > 0 && <ResourceChooser resources={resources} selected={shown} onChange={setSelected} />}
      <p className="hint">
        {t('calendar.timesIn', { zone: timeZone })} · {t('calendar.dragHint')}
      </p>
      {notice && <Notice>{notice}</Notice>}
      {moveError !== null && <ErrorMessage error={moveError} />}
      {entries.status === 'failed' && <LoadState status="failed" error={entries.error} reload={entries.reload} />}
      {catalogue.status === 'ready' && columns.length === 0 && <p>{t('calendar.noResources')}</p>}
      {columns.length > 0 && (
        <div aria-busy={entries.status === 'loading'}>
          <CalendarGrid
            columns={columns}
            entries={visibleEntries}
            timeZone={timeZone}
            serviceIds={services.map((service) => service.id)}
            drag={drag}
            onSlot={(column, minute) =>
              setOpen({ kind: 'new', draft: { day: column.day, minute, resourceId: column.resourceId ?? shown[0] ?? null } })
            }
            onOpen={(entry) => setOpen({ kind: 'entry', entry })}
          />
        </div>
      )}
      {open?.kind === 'new' && (
        <NewBookingDialog
          draft={open.draft}
          services={services}
          resources={resources}
          timeZone={timeZone}
          onBooked={() => changed(t('booking.created'))}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.kind === 'entry' && open.entry.type === 'booking' && (
        <AppointmentDialog booking={open.entry} resources={resources} onChanged={changed} onClose={() => setOpen(null)} />
      )}
      {open?.kind === 'entry' && open.entry.type === 'block' && (
        <BlockDialog block={open.entry} resources={resources} onChanged={changed} onClose={() => setOpen(null)} />
      )}
      {open?.kind === 'block-time' && (
        <BlockTimeDialog
          day={anchor}
          resources={resources}
          defaultResourceId={shown[0] ?? null}
          timeZone={timeZone}
          onBlocked={() => changed(t('common.saved'))}
          onClose={() => setOpen(null)}
        />
      )}
    </div>
  );
}

/** Dropping on another resource's column (day view) hands the booking to that practitioner or room. */
function resourceChange(entry: Extract<CalendarEntry, { type: 'booking' }>, column: Column, resources: readonly Resource[]) {
  const target = resources.find((resource) => resource.id === column.resourceId);
  if (!target || target.id === entry.practitionerId || target.id === entry.roomId) return {};
  return target.kind === 'practitioner' ? { practitionerId: target.id } : { roomId: target.id };
}
