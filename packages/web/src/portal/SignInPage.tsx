import type { Locale } from '@hetki/shared';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { PORTAL_TEXT } from './i18n';
import type { SignedOutNotice } from './PortalApp';
import { portalApi, portalErrorReason } from './portalApi';

type Phase = { kind: 'form'; error: string | null } | { kind: 'sending' } | { kind: 'sent'; email: string };

/** Asks for the email; the answer never says whether the address is known. */
export function SignInPage({
  slug,
  clinicName,
  locale,
  notice,
}: {
  slug: string;
  clinicName: string;
  locale: Locale;
  notice: SignedOutNotice;
}) {
  const text = PORTAL_TEXT[locale].signIn;
  const all = PORTAL_TEXT[locale];
  const [email, setEmail] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'form', error: null });
  const emailId = useId();
  const hintId = useId();
  const errorId = useId();
  const sentHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (phase.kind === 'sent') sentHeading.current?.focus();
  }, [phase.kind]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = email.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return setPhase({ kind: 'form', error: text.invalidEmail });
    setPhase({ kind: 'sending' });
    try {
      await portalApi.portal.requestLink.mutate({ slug, email: value, locale });
      setPhase({ kind: 'sent', email: value });
    } catch (error) {
      const reason = portalErrorReason(error);
      setPhase({
        kind: 'form',
        error: reason === 'TOO_MANY_ATTEMPTS' ? text.tooMany : reason === 'INVALID_INPUT' ? text.invalidEmail : text.failed,
      });
    }
  };

  if (phase.kind === 'sent') {
    return (
      <section className="p-card p-signin" aria-labelledby="p-sent-heading">
        <div className="p-signin-icon" aria-hidden="true">
          ✉
        </div>
        <h1 id="p-sent-heading" ref={sentHeading} tabIndex={-1}>
          {text.sentHeading}
        </h1>
        <p>{text.sent(phase.email)}</p>
        <p className="p-muted">{text.sentHint}</p>
        <button type="button" className="p-button p-button-secondary" onClick={() => setPhase({ kind: 'form', error: null })}>
          {text.again}
        </button>
      </section>
    );
  }

  const error = phase.kind === 'form' ? phase.error : null;
  return (
    <section className="p-card p-signin" aria-labelledby="p-signin-heading">
      <h1 id="p-signin-heading">{text.heading}</h1>
      <p className="p-lead">{text.lead(clinicName)}</p>
      {notice && (
        <p className="p-alert p-alert-warning" role="alert">
          {notice === 'linkInvalid' ? text.linkInvalid : all.sessionEnded}
        </p>
      )}
      <form className="p-form" onSubmit={submit} noValidate>
        <div className="p-field">
          <label htmlFor={emailId}>{text.email}</label>
          <input
            id={emailId}
            type="email"
            name="email"
            autoComplete="email"
            inputMode="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            aria-describedby={error ? `${hintId} ${errorId}` : hintId}
            aria-invalid={error ? true : undefined}
          />
          <p id={hintId} className="p-hint">
            {text.emailHint}
          </p>
          {error && (
            <p id={errorId} className="p-field-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <button type="submit" className="p-button p-button-primary p-button-wide" disabled={phase.kind === 'sending'}>
          {phase.kind === 'sending' ? text.sending : text.submit}
        </button>
      </form>
      <p className="p-muted p-small">{text.privacy}</p>
    </section>
  );
}
