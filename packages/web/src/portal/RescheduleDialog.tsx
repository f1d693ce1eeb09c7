import type { PortalBooking, PortalBookings } from '@hetki/shared';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { formatDateTime, formatDay, formatTime, PORTAL_TEXT, serviceName } from './i18n';
import type { PanelProps } from './PortalHome';
import { portalApi } from './portalApi';

const DAYS_SHOWN = 14;

type Slot = { start: string; end: string };

/** YYYY-MM-DD of an instant in the clinic's zone. */
function clinicDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/**
 * Moves a booking to another time the clinic offers now, for the same service and practitioner:
 * the next two weeks' days with free times, then the times of the chosen day.
 */
export function RescheduleDialog({
  slug,
  locale,
  timeZone,
  failure,
  booking,
  onClose,
  onMoved,
}: PanelProps & { booking: PortalBooking; onClose: () => void; onMoved: (bookings: PortalBookings) => void }) {
  const text = PORTAL_TEXT[locale].reschedule;
  const dialog = useRef<HTMLDialogElement>(null);
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [day, setDay] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = useId();

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  useEffect(() => {
    const now = new Date();
    portalApi.public.booking.availability
      .query({
        slug,
        serviceId: booking.service.id,
        practitionerId: booking.practitioner.id,
        from: clinicDate(now, timeZone),
        to: clinicDate(new Date(now.getTime() + (DAYS_SHOWN - 1) * 86_400_000), timeZone),
      })
      .then(
        (found) => {
          const free = found.slots.filter((slot) => slot.start !== booking.start);
          setSlots(free);
          setDay(free[0] ? clinicDate(new Date(free[0].start), timeZone) : null);
        },
        (failed: unknown) => setError(failure(failed)),
      );
  }, [slug, booking, timeZone, failure]);

  const byDay = useMemo(() => {
    const groups = new Map<string, Slot[]>();
    for (const slot of slots ?? []) {
      const key = clinicDate(new Date(slot.start), timeZone);
      groups.set(key, [...(groups.get(key) ?? []), slot]);
    }
    return groups;
  }, [slots, timeZone]);

  const move = async () => {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      onMoved(await portalApi.portal.bookings.reschedule.mutate({ slug, bookingId: booking.id, start: chosen }));
    } catch (failed) {
      setError(failure(failed));
      setBusy(false);
    }
  };

  const daySlots = day ? (byDay.get(day) ?? []) : [];
  return (
    <dialog ref={dialog} className="p-dialog" aria-labelledby={headingId} onClose={onClose}>
      <div className="p-dialog-head">
        <h2 id={headingId}>{text.heading}</h2>
        <button type="button" className="p-icon-button" onClick={() => dialog.current?.close()} aria-label={text.close}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <p className="p-muted">
        {serviceName(booking.service.name, locale)} · {booking.practitioner.name}
        <br />
        {text.current(formatDateTime(booking.start, locale, timeZone))}
      </p>
      {error && (
        <p className="p-alert p-alert-error" role="alert">
          {error}
        </p>
      )}
      {!slots && !error && <p aria-live="polite">{text.loadingTimes}</p>}
      {slots && slots.length === 0 && <p className="p-empty">{text.noTimes}</p>}
      {slots && slots.length > 0 && (
        <>
          <fieldset className="p-days">
            <legend>{text.day}</legend>
            {[...byDay.keys()].map((key) => {
              const first = byDay.get(key)?.[0]?.start ?? key;
              const parts = formatDay(first, locale, timeZone);
              return (
                <button
                  key={key}
                  type="button"
                  className="p-day"
                  aria-pressed={day === key}
                  onClick={() => {
                    setDay(key);
                    setChosen(null);
                  }}
                >
                  <span className="p-day-weekday">{parts.weekday}</span>
                  <span className="p-day-date">{parts.label}</span>
                </button>
              );
            })}
          </fieldset>
          <fieldset className="p-times">
            <legend>{text.times}</legend>
            {daySlots.map((slot) => (
              <label key={slot.start} className="p-time">
                <input
                  type="radio"
                  name="p-time"
                  value={slot.start}
                  checked={chosen === slot.start}
                  onChange={() => setChosen(slot.start)}
                />
                <span>{formatTime(slot.start, locale, timeZone)}</span>
              </label>
            ))}
          </fieldset>
        </>
      )}
      <div className="p-dialog-actions">
        <button type="button" className="p-button p-button-secondary" onClick={() => dialog.current?.close()}>
          {text.close}
        </button>
        <button type="button" className="p-button p-button-primary" disabled={!chosen || busy} onClick={move}>
          {text.confirm}
        </button>
      </div>
    </dialog>
  );
}
