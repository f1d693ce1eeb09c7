import type { Me } from '@hetki/shared';
import { type FormEvent, useId, useState } from 'react';
import { api, errorReason } from '../api';
import { describeError } from './errors';
import { useI18n } from './i18n/I18n';
import { LanguageSwitcher } from './i18n/LanguageSwitcher';
import { CodeField } from './ui/CodeField';

/** Email and password, then (when the account has two-step sign-in) the code from the authenticator app. */
export function SignInPage({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const { t } = useI18n();
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
      if (reason === 'INVALID_INPUT') setMessage(t('signIn.invalidInput'));
      else if (reason === 'INTERNAL' || reason === null) setMessage(t('signIn.failed'));
      else setMessage(describeError(error, t));
      setBusy(false);
    }
  }

  return (
    <main className="sign-in" id="main">
      <section className="card sign-in-card" aria-labelledby="sign-in-heading">
        <div className="sign-in-top">
          <p className="brand">Hetki</p>
          <LanguageSwitcher />
        </div>
        <h1 id="sign-in-heading">{t('signIn.heading')}</h1>
        <form onSubmit={submit} className="form">
          <label htmlFor={ids.email}>{t('signIn.email')}</label>
          <input
            id={ids.email}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
          <label htmlFor={ids.password}>{t('signIn.password')}</label>
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
              <CodeField id={ids.code} value={code} onChange={setCode} describedBy={ids.hint} />
              <p id={ids.hint} className="hint">
                {t('signIn.codeHint')}
              </p>
            </>
          )}
          {message && (
            <p role="alert" className="error">
              {message}
            </p>
          )}
          <button type="submit" disabled={busy} aria-busy={busy}>
            {t('signIn.submit')}
          </button>
        </form>
      </section>
    </main>
  );
}
