import { type FormEvent, useId, useRef, useState } from 'react';
import { api, errorReason } from '../../api';
import { type ClientChoice, ClientPicker, type NewClient } from '../clients/ClientPicker';
import { guardianOf } from '../clients/guardian';
import { useI18n } from '../i18n/I18n';
import { dayNumberOfIsoDate, instantAt, isoDateOf, minuteLabel, minuteOfLabel } from '../time';
import { Dialog } from '../ui/Dialog';
import { ErrorMessage } from '../ui/Feedback';
import { useAction } from '../ui/useAction';
import { localName } from './serviceNames';
import type { Resource, Service } from './types';

export type BookingDraft = { day: number; minute: number; resourceId: string | null };

/** Book a client (found or new) for a service at a time, with a practitioner and, where needed, a room. */
export function NewBookingDialog({
  draft,
  services,
  resources,
  timeZone,
  onBooked,
  onClose,
}: {
  draft: BookingDraft;
  services: readonly Service[];
  resources: readonly Resource[];
  timeZone: string;
  onBooked: () => void;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const ids = { service: useId(), practitioner: useId(), room: useId(), date: useId(), time: useId() };
  const activeServices = services.filter((service) => service.active);
  const practitioners = resources.filter((resource) => resource.kind === 'practitioner' && resource.active);
  const rooms = resources.filter((resource) => resource.kind === 'room' && resource.active);
  const clickedResource = resources.find((resource) => resource.id === draft.resourceId);

  const [serviceId, setServiceId] = useState(activeServices[0]?.id ?? '');
  const service = activeServices.find((candidate) => candidate.id === serviceId);
  const [practitionerId, setPractitionerId] = useState(
    clickedResource?.kind === 'practitioner' ? clickedResource.id : (practitioners[0]?.id ?? ''),
  );
  const [roomId, setRoomId] = useState(clickedResource?.kind === 'room' ? clickedResource.id : '');
  const [date, setDate] = useState(isoDateOf(draft.day));
  const [time, setTime] = useState(minuteLabel(draft.minute));
  const [client, setClient] = useState<ClientChoice>(null);
  const [clientMissing, setClientMissing] = useState(false);
  const action = useAction();
  // A new client created for a booking that then failed (say, the time was taken) is reused on the next try, not duplicated.
  const createdClient = useRef<{ details: string; id: string } | null>(null);

  const offered =
    service && service.practitionerIds.length > 0 ? practitioners.filter((p) => service.practitionerIds.includes(p.id)) : practitioners;
  // The clicked column's practitioner may not give the chosen service: then the first one who does.
  const chosenPractitionerId = offered.some((p) => p.id === practitionerId) ? practitionerId : (offered[0]?.id ?? '');

  async function newClientId(details: NewClient): Promise<string> {
    const key = JSON.stringify(details);
    if (createdClient.current?.details === key) return createdClient.current.id;
    const created = await api.staff.clients.create.mutate({
      firstName: details.firstName,
      lastName: details.lastName,
      email: details.email.trim() || null,
      phone: details.phone.trim() || null,
      birthDate: details.birthDate || null,
      guardian: guardianOf(details.guardian),
    });
    createdClient.current = { details: key, id: created.id };
    return created.id;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const day = dayNumberOfIsoDate(date);
    const minute = minuteOfLabel(time);
    if (!client || day === null || minute === null) {
      setClientMissing(!client);
      return;
    }
    setClientMissing(false);
    const result = await action.run(async () => {
      const clientId = client.kind === 'existing' ? client.id : await newClientId(client.client);
      return api.staff.calendar.book.mutate({
        clientId,
        serviceId,
        practitionerId: chosenPractitionerId,
        roomId: roomId || null,
        start: instantAt(day, minute, timeZone).toISOString(),
      });
    });
    if (result.ok) onBooked();
  }

  return (
    <Dialog title={t('booking.heading')} onClose={onClose}>
      <form onSubmit={submit} className="form">
        <div className="form-grid">
          <div className="field">
            <label htmlFor={ids.service}>{t('booking.service')}</label>
            <select id={ids.service} required value={serviceId} onChange={(event) => setServiceId(event.target.value)}>
              {activeServices.map((option) => (
                <option key={option.id} value={option.id}>
                  {localName(option.name, locale)} ({t('services.minutes', { count: option.durationMinutes })})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.practitioner}>{t('booking.practitioner')}</label>
            <select id={ids.practitioner} required value={chosenPractitionerId} onChange={(event) => setPractitionerId(event.target.value)}>
              {offered.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.name}
                </option>
              ))}
            </select>
          </div>
          {rooms.length > 0 && (
            <div className="field">
              <label htmlFor={ids.room}>{t('booking.room')}</label>
              <select id={ids.room} required={service?.needsRoom} value={roomId} onChange={(event) => setRoomId(event.target.value)}>
                <option value="">{t('booking.noRoom')}</option>
                {rooms.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor={ids.date}>{t('common.date')}</label>
            <input id={ids.date} type="date" required value={date} onChange={(event) => setDate(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={ids.time}>{t('common.time')}</label>
            <input id={ids.time} type="time" step={300} required value={time} onChange={(event) => setTime(event.target.value)} />
          </div>
        </div>
        <ClientPicker onChange={setClient} guardianNeeded={errorReason(action.error) === 'GUARDIAN_REQUIRED'} />
        {clientMissing && (
          <p role="alert" className="error">
            {t('booking.chooseClient')}
          </p>
        )}
        {action.error !== null && <ErrorMessage error={action.error} />}
        <div className="button-row">
          <button type="submit" disabled={action.busy} aria-busy={action.busy}>
            {t('booking.book')}
          </button>
          <button type="button" className="button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
