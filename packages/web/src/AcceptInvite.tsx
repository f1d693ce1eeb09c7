import type { AppRouter } from '@hetki/server';
import type { ErrorReason, Me } from '@hetki/shared';
import { TRPCClientError } from '@trpc/client';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { api, errorReason } from './api';

export const INVITE_PATH = '/invite';

const INVITE_INVALID = 'This invitation has expired or was already used. Ask the clinic for a new one.';
const MESSAGES: Partial<Record<ErrorReason, string>> = {
  INVITE_INVALID,
  INVALID_CREDENTIALS: 'This email already has a Hetki account: enter its current password.',
  ALREADY_MEMBER: 'You are already in this team: sign in instead.',
  TOTP_REQUIRED: 'Your account has two-step sign-in on: enter the 6-digit code from your authenticator app.',
  TOTP_INVALID: 'That code is not valid. Check your authenticator app and try again.',
  TOO_MANY_ATTEMPTS: 'Too many attempts. Wait a quarter of an hour and try again.',
};
const FALLBACK = 'Joining the team failed. Try again in a moment.';
const FIELD_NAMES: Record<string, string> = { name: 'Your name', password: 'Password', totpCode: 'Code' };

/** The token of `/invite#token=…`: kept in the fragment so that it never reaches a server or its logs. */
function tokenFromHash(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token')?.trim() || null;
}

/** What to say about a failed acceptInvite: the reason's message, or for bad input what the server said about it. */
function describeError(error: unknown): string {
  const reason = errorReason(error);
  if (reason === 'INVALID_INPUT' && error instanceof TRPCClientError) {
    const fieldErrors = (error as TRPCClientError<AppRouter>).data?.fieldErrors ?? {};
    // A malformed token is no different to the person holding it than an expired one.
    if (fieldErrors.token) return INVITE_INVALID;
    const problems = Object.entries(fieldErrors).map(([field, messages]) => `${FIELD_NAMES[field] ?? field}: ${messages.join(', ')}`);
    return problems.length > 0 ? problems.join('. ') : error.message;
  }
  return (reason && MESSAGES[reason]) ?? FALLBACK;
}

/** The page an invitation link opens: choose a name and password (or prove an existing account) and join the clinic. */
export function AcceptInvite({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  // Read during render (pure, so StrictMode's double call is harmless); the effect below wipes it from the address bar.
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
      setMessage(describeError(error));
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="accept-invite-heading">
      <p className="brand">Hetki</p>
      <h1 id="accept-invite-heading">Accept invitation</h1>
      {!token ? (
        <p role="alert" className="error">
          {INVITE_INVALID}
        </p>
      ) : (
        <form onSubmit={submit}>
          <label htmlFor={ids.name}>Your name</label>
          <input
            id={ids.name}
            autoComplete="name"
            required
            maxLength={120}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
          <label htmlFor={ids.password}>Password</label>
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
            At least 10 characters. If this email already has a Hetki account, enter its current password.
          </p>
          {needsCode && (
            <>
              <label htmlFor={ids.code}>Code from your authenticator app</label>
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
            Join the team
          </button>
        </form>
      )}
    </section>
  );
}
