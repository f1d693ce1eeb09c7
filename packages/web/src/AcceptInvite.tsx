import type { AppRouter } from '@hetki/server';
import type { ErrorReason, Me } from '@hetki/shared';
import { TRPCClientError } from '@trpc/client';
import { type FormEvent, useEffect, useId, useState } from 'react';
import type { MessageKey } from './admin/i18n/en';
import { I18nProvider, type Translate, useI18n } from './admin/i18n/I18n';
import { api, errorReason } from './api';

const MESSAGES: Partial<Record<ErrorReason, MessageKey>> = {
  INVITE_INVALID: 'invite.invalid',
  INVALID_CREDENTIALS: 'invite.wrongPassword',
  EMAIL_TAKEN: 'invite.wrongPassword',
  ALREADY_MEMBER: 'invite.alreadyMember',
  TOTP_REQUIRED: 'invite.totpRequired',
  TOTP_INVALID: 'error.TOTP_INVALID',
  TOO_MANY_ATTEMPTS: 'invite.tooMany',
};
const FIELD_NAMES: Record<string, MessageKey> = { name: 'invite.name', password: 'invite.password', totpCode: 'invite.code' };

/** The token of `/invite#token=…`: kept in the fragment so that it never reaches a server or its logs. */
function tokenFromHash(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token')?.trim() || null;
}

/** What to say about a failed acceptInvite: the reason's message, or for bad input what the server said about it. */
function describeError(error: unknown, t: Translate): string {
  const reason = errorReason(error);
  if (reason === 'INVALID_INPUT' && error instanceof TRPCClientError) {
    const fieldErrors = (error as TRPCClientError<AppRouter>).data?.fieldErrors ?? {};
    // A malformed token is no different to the person holding it than an expired one.
    if (fieldErrors.token) return t('invite.invalid');
    const problems = Object.entries(fieldErrors).map(([field, messages]) => {
      const key = FIELD_NAMES[field];
      return `${key ? t(key) : field}: ${messages.join(', ')}`;
    });
    return problems.length > 0 ? problems.join('. ') : error.message;
  }
  const key = reason ? MESSAGES[reason] : undefined;
  return t(key ?? 'invite.failed');
}

/** The invitation page, in the language chosen in this browser or else the browser's own. */
export function InvitePage({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  return (
    <I18nProvider clinicDefault={null}>
      <main className="page">
        <AcceptInvite onSignedIn={onSignedIn} />
      </main>
    </I18nProvider>
  );
}

/** The page an invitation link opens: choose a name and password (or prove an existing account) and join the clinic. */
function AcceptInvite({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  // Read during render (pure, so StrictMode's double call is harmless); the effect below wipes it from the address bar.
  const { t } = useI18n();
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  // Asked for only once the server says the existing account has two-step sign-in on.
  const [needsCode, setNeedsCode] = useState(false);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const ids = { name: useId(), password: useId(), hint: useId(), code: useId() };

  useEffect(() => {
    if (window.location.hash) {
      window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    }
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!token) return;
    setBusy(true);
    setMessage(null);
    try {
      const me = await api.auth.acceptInvite.mutate({ token, name, password, ...(needsCode ? { totpCode: code } : {}) });
      onSignedIn(me);
    } catch (error) {
      if (errorReason(error) === 'TOTP_REQUIRED') setNeedsCode(true);
      setMessage(describeError(error, t));
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="accept-invite-heading">
      <p className="brand">Hetki</p>
      <h1 id="accept-invite-heading">{t('invite.heading')}</h1>
      {!token ? (
        <p role="alert" className="error">
          {t('invite.invalid')}
        </p>
      ) : (
        <form onSubmit={submit}>
          <label htmlFor={ids.name}>{t('invite.name')}</label>
          <input
            id={ids.name}
            autoComplete="name"
            required
            maxLength={120}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
          <label htmlFor={ids.password}>{t('invite.password')}</label>
          <input
            id={ids.password}
            type="password"
            autoComplete="new-password"
            required
            aria-describedby={ids.hint}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          <p id={ids.hint} className="hint">
            {t('invite.passwordHint')}
          </p>
          {needsCode && (
            <>
              <label htmlFor={ids.code}>{t('invite.code')}</label>
              <input
                id={ids.code}
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]{6}"
                maxLength={6}
                required
                // biome-ignore lint/a11y/noAutofocus: the field appears because the person must fill it next
                autoFocus
                value={code}
                onChange={(event) => setCode(event.target.value)}
              />
            </>
          )}
          {message && (
            <p role="alert" className="error">
              {message}
            </p>
          )}
          <button type="submit" disabled={busy} aria-busy={busy}>
            {t('invite.join')}
          </button>
        </form>
      )}
    </section>
  );
}
