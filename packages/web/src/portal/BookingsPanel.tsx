import type { PortalBooking, PortalBookings } from '@hetki/shared';
import { useCallback, useEffect, useState } from 'react';
import { formatDateTime, formatDay, formatTime, PORTAL_TEXT, serviceName } from './i18n';
import type { PanelProps } from './PortalHome';
import { portalApi } from './portalApi';
import { RescheduleDialog } from './RescheduleDialog';

type Notice = { kind: 'success' | 'error'; text: string } | null;

/**
 * Upcoming bookings with cancel and move (within the clinic's window; move only for a service the
 * clinic offers online), then past ones.
 */
export function BookingsPanel(props: PanelProps) {
  const { slug, locale, timeZone, failure } = props;
  const text = PORTAL_TEXT[locale].bookings;
  const [bookings, setBookings] = useState<PortalBookings | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [moving, setMoving] = useState<PortalBooking | null>(null);

  const load = useCallback(() => {
    portalApi.portal.bookings.list
      .query({ slug })
      .then(setBookings, (error: unknown) => setNotice({ kind: 'error', text: failure(error) }));
  }, [slug, failure]);

  useEffect(() => load(), [load]);

  const cancel = async (booking: PortalBooking) => {
    setBusy(true);
    try {
      setBookings(await portalApi.portal.bookings.cancel.mutate({ slug, bookingId: booking.id }));
      setNotice({ kind: 'success', text: text.cancelled });
    } catch (error) {
      setNotice({ kind: 'error', text: failure(error) });
      load();
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  };

  const describe = (booking: PortalBooking) =>
    `${serviceName(booking.service.name, locale)}, ${formatDateTime(booking.start, locale, timeZone)}`;

  return (
    <div className="p-panel">
      <div aria-live="polite" className="p-live">
        {notice && <p className={`p-alert p-alert-${notice.kind}`}>{notice.text}</p>}
      </div>
      <section aria-labelledby="p-upcoming">
        <h3 id="p-upcoming" className="p-section-title">
          {text.upcoming}
        </h3>
        {!bookings && <p className="p-muted">{PORTAL_TEXT[locale].loading}</p>}
        {bookings && bookings.upcoming.length === 0 && <p className="p-empty">{text.noneUpcoming}</p>}
        <ul className="p-bookings">
          {bookings?.upcoming.map((booking) => {
            const day = formatDay(booking.start, locale, timeZone);
            return (
              <li key={booking.id} className="p-card p-booking">
                <div className="p-date" aria-hidden="true">
                  <span className="p-date-weekday">{day.weekday}</span>
                  <span className="p-date-day">{day.day}</span>
                  <span className="p-date-month">{day.month}</span>
                </div>
                <div className="p-booking-body">
                  <h4 className="p-booking-title">{serviceName(booking.service.name, locale)}</h4>
                  <p className="p-booking-when">
                    {formatDateTime(booking.start, locale, timeZone)}–{formatTime(booking.end, locale, timeZone)}
                  </p>
                  <p className="p-muted">{text.with(booking.practitioner.name)}</p>
                  <p className="p-small p-muted">
                    {booking.changeable && booking.canChangeUntil
                      ? (booking.movable ? text.changeUntil : text.cancelOnlyUntil)(
                          formatDateTime(booking.canChangeUntil, locale, timeZone),
                        )
                      : text.noLongerChangeable}
                  </p>
                  {booking.changeable && confirming !== booking.id && (
                    <div className="p-actions">
                      {booking.movable && (
                        <button type="button" className="p-button p-button-secondary" onClick={() => setMoving(booking)}>
                          {text.reschedule}
                          <span className="p-visually-hidden">: {describe(booking)}</span>
                        </button>
                      )}
                      <button type="button" className="p-button p-button-danger-ghost" onClick={() => setConfirming(booking.id)}>
                        {text.cancel}
                        <span className="p-visually-hidden">: {describe(booking)}</span>
                      </button>
                    </div>
                  )}
                  {confirming === booking.id && (
                    <fieldset className="p-confirm">
                      <legend className="p-confirm-question">{text.confirmCancel(describe(booking))}</legend>
                      <div className="p-actions">
                        <button type="button" className="p-button p-button-danger" disabled={busy} onClick={() => cancel(booking)}>
                          {text.yesCancel}
                        </button>
                        {/* biome-ignore lint/a11y/noAutofocus: the choice just appeared, keyboard focus belongs on its safe answer */}
                        <button type="button" className="p-button p-button-secondary" autoFocus onClick={() => setConfirming(null)}>
                          {text.keep}
                        </button>
                      </div>
                    </fieldset>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="p-past">
        <h3 id="p-past" className="p-section-title">
          {text.past}
        </h3>
        {bookings && bookings.past.length === 0 && <p className="p-empty">{text.nonePast}</p>}
        {bookings && bookings.past.length > 0 && (
          <ul className="p-past">
            {bookings.past.map((booking) => (
              <li key={booking.id} className="p-past-row">
                <span className="p-past-when">{formatDateTime(booking.start, locale, timeZone)}</span>
                <span className="p-past-what">
                  {serviceName(booking.service.name, locale)} · {booking.practitioner.name}
                </span>
                <span className={`p-badge p-badge-${booking.status}`}>{text.status[booking.status] ?? booking.status}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {moving && (
        <RescheduleDialog
          {...props}
          booking={moving}
          onClose={() => setMoving(null)}
          onMoved={(next) => {
            setBookings(next);
            setMoving(null);
            setNotice({ kind: 'success', text: text.moved });
          }}
        />
      )}
    </div>
  );
}
