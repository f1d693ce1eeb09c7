import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api';
import { useClinic } from '../ClinicContext';
import { useI18n } from '../i18n/I18n';
import { navigate } from '../router';
import { dayNumberOfIsoDate, formatDateTime, formatTime, instantAt, isoDateOf, minuteLabel, minuteOfLabel, wallOf } from '../time';
import { Dialog } from '../ui/Dialog';
import { ErrorMessage } from '../ui/Feedback';
import { useAction } from '../ui/useAction';
import { localName } from './serviceNames';
import type { BlockEntry, BookingEntry, Resource } from './types';

const OUTCOME_ROLES = ['owner', 'admin', 'practitioner'];

/** One booking: its details, moving it (the keyboard way to do what dragging does), cancelling, the visit's outcome. */
export function AppointmentDialog({
  booking,
  resources,
  onChanged,
  onClose,
}: {
  booking: BookingEntry;
  resources: readonly Resource[];
  onChanged: (message: string) => void;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const { timeZone, role } = useClinic();
  const ids = { date: useId(), time: useId(), practitioner: useId() };
  const wall = wallOf(booking.start, timeZone);
  const [date, setDate] = useState(isoDateOf(wall.dayNumber));
  const [time, setTime] = useState(minuteLabel(wall.minute));
  const [practitionerId, setPractitionerId] = useState(booking.practitionerId);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const action = useAction();
  const practitioners = resources.filter(
    (resource) => resource.kind === 'practitioner' && (resource.active || resource.id === booking.practitionerId),
  );
  const room = resources.find((resource) => resource.id === booking.roomId);
  const practitioner = resources.find((resource) => resource.id === booking.practitionerId);
  const live = booking.status === 'confirmed';
  // A visit's outcome is recorded once it has begun.
  const started = Date.parse(booking.start) <= Date.now();

  async function move(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const day = dayNumberOfIsoDate(date);
    const minute = minuteOfLabel(time);
    if (day === null || minute === null) return;
    const start = instantAt(day, minute, timeZone);
    const result = await action.run(() =>
      api.staff.calendar.move.mutate({
        bookingId: booking.id,
        start: start.toISOString(),
        ...(practitionerId !== booking.practitionerId ? { practitionerId } : {}),
      }),
    );
    if (result.ok) onChanged(t('calendar.moved', { time: formatDateTime(start, timeZone, locale) }));
  }

  async function cancelBooking() {
    const result = await action.run(() => api.staff.calendar.cancel.mutate({ bookingId: booking.id }));
    if (result.ok) onChanged(t('calendar.status.cancelled'));
  }

  async function setOutcome(outcome: 'completed' | 'no_show') {
    const result = await action.run(() => api.staff.calendar.setOutcome.mutate({ bookingId: booking.id, outcome }));
    if (result.ok) onChanged(t(outcome === 'completed' ? 'calendar.status.completed' : 'calendar.status.no_show'));
  }

  return (
    <Dialog title={t('appointment.heading')} onClose={onClose}>
      <dl className="details">
        <dt>{t('appointment.client')}</dt>
        <dd>{booking.client.name}</dd>
        <dt>{t('appointment.service')}</dt>
        <dd>{localName(booking.service.name, locale)}</dd>
        <dt>{t('appointment.when')}</dt>
        <dd>
          {formatDateTime(booking.start, timeZone, locale)}–{formatTime(booking.end, timeZone, locale)}
        </dd>
        <dt>{t('booking.practitioner')}</dt>
        <dd>{practitioner?.name ?? '—'}</dd>
        {room && (
          <>
            <dt>{t('booking.room')}</dt>
            <dd>{room.name}</dd>
          </>
        )}
        <dt>{t('common.status')}</dt>
        <dd>{t(`calendar.status.${booking.status}` as 'calendar.status.confirmed')}</dd>
      </dl>
      <div className="button-row">
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            onClose();
            navigate(`clients/${booking.client.id}`);
          }}
        >
          {t('appointment.openClient')}
        </button>
        {OUTCOME_ROLES.includes(role) && booking.status !== 'cancelled' && started && (
          <>
            <button type="button" className="button-secondary" disabled={action.busy} onClick={() => setOutcome('completed')}>
              {t('appointment.markCompleted')}
            </button>
            <button type="button" className="button-secondary" disabled={action.busy} onClick={() => setOutcome('no_show')}>
              {t('appointment.markNoShow')}
            </button>
          </>
        )}
      </div>
      {live && (
        <form onSubmit={move} className="form inline-form" aria-label={t('appointment.move')}>
          <h3>{t('appointment.move')}</h3>
          <div className="form-grid">
            <div className="field">
              <label htmlFor={ids.date}>{t('common.date')}</label>
              <input id={ids.date} type="date" required value={date} onChange={(event) => setDate(event.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={ids.time}>{t('common.time')}</label>
              <input id={ids.time} type="time" step={300} required value={time} onChange={(event) => setTime(event.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={ids.practitioner}>{t('booking.practitioner')}</label>
              <select id={ids.practitioner} value={practitionerId} onChange={(event) => setPractitionerId(event.target.value)}>
                {practitioners.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="button-row">
            <button type="submit" disabled={action.busy} aria-busy={action.busy}>
              {t('appointment.moveSubmit')}
            </button>
          </div>
        </form>
      )}
      {action.error !== null && <ErrorMessage error={action.error} />}
      {live && (
        <div className="danger-zone">
          {confirmingCancel ? (
            <>
              <p>{t('appointment.confirmCancel')}</p>
              <div className="button-row">
                <button type="button" className="button-danger" disabled={action.busy} onClick={cancelBooking}>
                  {t('appointment.cancelBooking')}
                </button>
                <button type="button" className="button-secondary" onClick={() => setConfirmingCancel(false)}>
                  {t('common.cancel')}
                </button>
              </div>
            </>
          ) : (
            <button type="button" className="button-danger" onClick={() => setConfirmingCancel(true)}>
              {t('appointment.cancelBooking')}
            </button>
          )}
        </div>
      )}
    </Dialog>
  );
}

/** A blocked stretch of time: what it is, and removing it. */
export function BlockDialog({
  block,
  resources,
  onChanged,
  onClose,
}: {
  block: BlockEntry;
  resources: readonly Resource[];
  onChanged: (message: string) => void;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const { timeZone } = useClinic();
  const action = useAction();
  const resource = resources.find((candidate) => candidate.id === block.resourceId);
  async function remove() {
    const result = await action.run(() => api.staff.calendar.unblock.mutate({ blockId: block.id }));
    if (result.ok) onChanged(t('common.saved'));
  }
  return (
    <Dialog title={t('calendar.blocked')} onClose={onClose}>
      <dl className="details">
        <dt>{t('block.resource')}</dt>
        <dd>{resource?.name ?? '—'}</dd>
        <dt>{t('common.start')}</dt>
        <dd>{formatDateTime(block.start, timeZone, locale)}</dd>
        <dt>{t('common.end')}</dt>
        <dd>{formatDateTime(block.end, timeZone, locale)}</dd>
        {block.note && (
          <>
            <dt>{t('common.note')}</dt>
            <dd>{block.note}</dd>
          </>
        )}
      </dl>
      {action.error !== null && <ErrorMessage error={action.error} />}
      <div className="button-row">
        <button type="button" className="button-danger" disabled={action.busy} onClick={remove}>
          {t('appointment.removeBlock')}
        </button>
      </div>
    </Dialog>
  );
}
