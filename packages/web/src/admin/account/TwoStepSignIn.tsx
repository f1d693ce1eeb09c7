import type { TotpEnrolment } from '@hetki/shared';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api';
import { useI18n } from '../i18n/I18n';
import { CodeField } from '../ui/CodeField';
import { ErrorMessage, Notice } from '../ui/Feedback';
import { useAction } from '../ui/useAction';

/** Turn two-step sign-in on (a key for the authenticator app, confirmed with its first code) or off (password and a code). */
export function TwoStepSignIn({ enabled, onChange }: { enabled: boolean; onChange: (enabled: boolean) => void }) {
  const { t } = useI18n();
  const ids = { code: useId(), password: useId(), key: useId() };
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();

  const start = async () => {
    setNotice(null);
    const result = await action.run(() => api.auth.totp.enrol.mutate());
    if (result.ok) setEnrolment(result.value);
  };
  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await action.run(() => api.auth.totp.verify.mutate({ code: code.trim() }));
    if (result.ok) {
      onChange(true);
      setEnrolment(null);
      setCode('');
      setNotice(t('account.twoStepOn'));
    }
  }
  async function disable(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await action.run(() => api.auth.totp.disable.mutate({ password, code: code.trim() }));
    if (result.ok) {
      onChange(false);
      setPassword('');
      setCode('');
      setNotice(t('account.twoStepOff'));
    }
  }

  const codeField = <CodeField id={ids.code} value={code} onChange={setCode} />;

  return (
    <section className="card" aria-labelledby="two-step-heading">
      <h3 id="two-step-heading">{t('account.twoStep')}</h3>
      <p>{enabled ? t('account.twoStepIsOn') : t('account.twoStepIsOff')}</p>
      {notice && <Notice>{notice}</Notice>}
      {action.error !== null && <ErrorMessage error={action.error} />}
      {!enabled && !enrolment && (
        <button type="button" onClick={start} disabled={action.busy} aria-busy={action.busy}>
          {t('account.turnOn')}
        </button>
      )}
      {!enabled && enrolment && (
        <form className="form" onSubmit={confirm}>
          <p className="hint">{t('account.enrolHint')}</p>
          <label htmlFor={ids.key}>{t('account.setupKey')}</label>
          <input id={ids.key} readOnly className="snippet" value={enrolment.secret} onFocus={(event) => event.currentTarget.select()} />
          <p className="hint">
            <a href={enrolment.otpauthUrl}>{t('account.openInApp')}</a>
          </p>
          {codeField}
          <button type="submit" disabled={action.busy} aria-busy={action.busy}>
            {t('account.confirmCode')}
          </button>
        </form>
      )}
      {enabled && (
        <form className="form" onSubmit={disable}>
          <label htmlFor={ids.password}>{t('signIn.password')}</label>
          <input
            id={ids.password}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          {codeField}
          <button type="submit" className="button-danger" disabled={action.busy} aria-busy={action.busy}>
            {t('account.turnOff')}
          </button>
        </form>
      )}
    </section>
  );
}
