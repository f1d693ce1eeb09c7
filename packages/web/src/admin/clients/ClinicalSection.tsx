import type { ClientProfile } from '@hetki/shared';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api';
import { useClinic } from '../ClinicContext';
import { useI18n } from '../i18n/I18n';
import { formatDateTime } from '../time';
import { ErrorMessage, Notice } from '../ui/Feedback';
import { useAction } from '../ui/useAction';

/** Health information and visit notes: shown (and each view audited by the server) for practitioners and owners only. */
export function ClinicalSection({
  clientId,
  clinical,
  onSaved,
}: {
  clientId: string;
  clinical: ClientProfile['clinical'];
  onSaved: () => void;
}) {
  const { t } = useI18n();
  if (!clinical) {
    return (
      <section className="card" aria-labelledby="clinical-heading">
        <h3 id="clinical-heading">{t('clients.clinical')}</h3>
        <p className="muted">{t('clients.clinicalHidden')}</p>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="clinical-heading">
      <h3 id="clinical-heading">{t('clients.clinical')}</h3>
      <HealthInfoForm clientId={clientId} body={clinical.healthInfo?.body ?? ''} onSaved={onSaved} />
      <VisitNotes clientId={clientId} notes={clinical.notes.notes} onSaved={onSaved} />
    </section>
  );
}

function HealthInfoForm({ clientId, body, onSaved }: { clientId: string; body: string; onSaved: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState(body);
  const [saved, setSaved] = useState(false);
  const action = useAction();
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const result = await action.run(() => api.staff.clients.health.put.mutate({ clientId, body: text }));
    if (result.ok) {
      setSaved(true);
      onSaved();
    }
  }
  return (
    <form className="form" onSubmit={submit}>
      <label htmlFor={id}>{t('clients.healthInfo')}</label>
      <textarea
        id={id}
        rows={4}
        maxLength={20_000}
        value={text}
        placeholder={t('clients.noHealthInfo')}
        onChange={(event) => setText(event.target.value)}
      />
      {action.error !== null && <ErrorMessage error={action.error} />}
      {saved && <Notice>{t('common.saved')}</Notice>}
      <button type="submit" disabled={action.busy} aria-busy={action.busy}>
        {t('clients.saveHealthInfo')}
      </button>
    </form>
  );
}

type Note = NonNullable<ClientProfile['clinical']>['notes']['notes'][number];

function VisitNotes({ clientId, notes, onSaved }: { clientId: string; notes: Note[]; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const { timeZone } = useClinic();
  const id = useId();
  const [text, setText] = useState('');
  const action = useAction();
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await action.run(() => api.staff.clients.notes.create.mutate({ clientId, body: text }));
    if (result.ok) {
      setText('');
      onSaved();
    }
  }
  return (
    <>
      <h4>{t('clients.notes')}</h4>
      {notes.length === 0 ? (
        <p className="muted">{t('clients.noNotes')}</p>
      ) : (
        <ul className="plain-list notes">
          {notes.map((note) => (
            <li key={note.id}>
              <p className="muted">
                {formatDateTime(note.createdAt, timeZone, locale)} · {note.author.name ?? '—'}
              </p>
              <p className="note-body">{note.body}</p>
            </li>
          ))}
        </ul>
      )}
      <form className="form" onSubmit={submit}>
        <label htmlFor={id}>{t('clients.addNote')}</label>
        <textarea id={id} rows={3} required maxLength={20_000} value={text} onChange={(event) => setText(event.target.value)} />
        {action.error !== null && <ErrorMessage error={action.error} />}
        <button type="submit" disabled={action.busy} aria-busy={action.busy}>
          {t('clients.addNoteSubmit')}
        </button>
      </form>
    </>
  );
}
