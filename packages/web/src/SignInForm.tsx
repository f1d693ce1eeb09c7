import type { ErrorReason, Me } from '@hetki/shared';
import { type FormEvent, useId, useState } from 'react';
import { api, errorReason } from './api';

const MESSAGES: Partial<Record<ErrorReason, string>> = {
  INVALID_CREDENTIALS: 'The email or password is incorrect.',
  TOTP_REQUIRED: 'Enter the 6-digit code from your authenticator app.',
  TOTP_INVALID: 'That code is not valid. Check your authenticator app and try again.',
  TOO_MANY_ATTEMPTS: 'Too many sign-in attempts. Wait a while and try again.',
  INVALID_INPUT: 'Check the email address and password.',
};
const FALLBACK = 'Signing in failed. Try again in a moment.';

export function SignInForm({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const ids = { email: useId(), password: useId(), code: useId(), hint: useId() };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const trimmedCode = code.trim();
      const me = await api.auth.login.mutate({ email, password, ...(needsCode && trimmedCode ? { totpCode: trimmedCode } : {}) });
      onSignedIn(me);
    } catch (error) {
      const reason = errorReason(error);
      if (reason === 'TOTP_REQUIRED') setNeedsCode(true);
      setMessage((reason && MESSAGES[reason]) ?? FALLBACK);
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="sign-in-heading">
      <p className="brand">Hetki</p>
      <h1 id="sign-in-heading">Sign in</h1>
      <form onSubmit={submit}>
        <label htmlFor={ids.email}>Email</label>
        <input
          id={ids.email}
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <label htmlFor={ids.password}>Password</label>
        <input
          id={ids.password}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {needsCode && (
          <>
            <label htmlFor={ids.code}>Authentication code</label>
            <input
              id={ids.code}
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="\d{6}"
              maxLength={6}
              required
              aria-describedby={ids.hint}
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
            <p id={ids.hint} className="hint">
              The 6-digit code from your authenticator app.
            </p>
          </>
        )}
        {message && (
          <p role="alert" className="error">
            {message}
          </p>
        )}
        <button type="submit" disabled={busy} aria-busy={busy}>
          Sign in
        </button>
      </form>
    </section>
  );
}
