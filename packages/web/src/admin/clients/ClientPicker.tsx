import { isUnderGuardianAge } from '@hetki/shared';
import { useEffect, useId, useState } from 'react';
import { api } from '../../api';
import { useClinic } from '../ClinicContext';
import { useI18n } from '../i18n/I18n';
import { ErrorMessage } from '../ui/Feedback';
import { type ClientContact, ClientContactFields } from './ClientContactFields';
import { GuardianFields } from './GuardianFields';
import { clinicToday, type GuardianDraft, isBlankGuardian, NO_GUARDIAN } from './guardian';

export type NewClient = ClientContact & { birthDate: string; guardian: GuardianDraft };
export type ClientChoice = { kind: 'existing'; id: string; name: string } | { kind: 'new'; client: NewClient } | null;

type Match = { id: string; name: string; detail: string };

const SEARCH_DELAY_MS = 250;

/**
 * Choose a client by searching (sent in a POST body, never in the address) or enter a new one; a new
 * client under 16, or one the server asked a guardian for (`guardianNeeded`), gets the guardian's fields.
 */
export function ClientPicker({ onChange, guardianNeeded = false }: { onChange: (choice: ClientChoice) => void; guardianNeeded?: boolean }) {
  const { t } = useI18n();
  const { timeZone } = useClinic();
  const ids = { mode: useId(), search: useId(), results: useId(), birth: useId() };
  const [mode, setMode] = useState<'existing' | 'new'>('existing');
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<Match[] | null>(null);
  const [searchError, setSearchError] = useState<unknown>(null);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [draft, setDraft] = useState<NewClient>({
    firstName: '',
    lastName: '',
    email: '',
    phone: '',
    birthDate: '',
    guardian: NO_GUARDIAN,
  });
  const showGuardian =
    isUnderGuardianAge(draft.birthDate, null, clinicToday(timeZone)) || !isBlankGuardian(draft.guardian) || guardianNeeded;

  useEffect(() => {
    if (mode !== 'existing' || query.trim().length < 2) {
      setMatches(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api.staff.clients.list.query({ query: query.trim(), limit: 10 }).then(
        (page) => {
          if (!current) return;
          setSearchError(null);
          setMatches(
            page.clients.map((client) => ({
              id: client.id,
              name: `${client.firstName} ${client.lastName}`,
              detail: [client.email, client.phone].filter(Boolean).join(' · '),
            })),
          );
        },
        (error: unknown) => {
          if (current) setSearchError(error);
        },
      );
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [mode, query]);

  const chooseMode = (next: 'existing' | 'new') => {
    setMode(next);
    onChange(next === 'new' ? { kind: 'new', client: draft } : null);
    setChosenId(null);
  };
  const updateDraft = (change: Partial<NewClient>) => {
    const next = { ...draft, ...change };
    setDraft(next);
    onChange({ kind: 'new', client: next });
  };

  return (
    <fieldset className="client-picker">
      <legend>{t('booking.client')}</legend>
      <div className="segmented" role="radiogroup" aria-label={t('booking.client')}>
        <label>
          <input type="radio" name={ids.mode} checked={mode === 'existing'} onChange={() => chooseMode('existing')} />
          {t('booking.existingClient')}
        </label>
        <label>
          <input type="radio" name={ids.mode} checked={mode === 'new'} onChange={() => chooseMode('new')} />
          {t('booking.newClient')}
        </label>
      </div>
      {mode === 'existing' ? (
        <>
          <label htmlFor={ids.search}>{t('booking.findClient')}</label>
          <input
            id={ids.search}
            type="search"
            autoComplete="off"
            value={query}
            aria-controls={ids.results}
            onChange={(event) => setQuery(event.target.value)}
          />
          {searchError !== null && <ErrorMessage error={searchError} />}
          <div id={ids.results} aria-live="polite">
            {matches && matches.length === 0 && <p className="muted">{t('booking.noMatches')}</p>}
            {matches && matches.length > 0 && (
              <ul className="choice-list">
                {matches.map((match) => (
                  <li key={match.id}>
                    <label>
                      <input
                        type="radio"
                        name={ids.results}
                        checked={chosenId === match.id}
                        onChange={() => {
                          setChosenId(match.id);
                          onChange({ kind: 'existing', id: match.id, name: match.name });
                        }}
                      />
                      <span>
                        <strong>{match.name}</strong> <span className="muted">{match.detail}</span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </>
      ) : (
        <>
          <div className="form-grid">
            <ClientContactFields value={draft} onChange={updateDraft} />
            <div className="field">
              <label htmlFor={ids.birth}>{t('clients.birthDate')}</label>
              <input
                id={ids.birth}
                type="date"
                value={draft.birthDate}
                onChange={(event) => updateDraft({ birthDate: event.target.value })}
              />
            </div>
          </div>
          {showGuardian && (
            <GuardianFields value={draft.guardian} onChange={(change) => updateDraft({ guardian: { ...draft.guardian, ...change } })} />
          )}
        </>
      )}
    </fieldset>
  );
}
