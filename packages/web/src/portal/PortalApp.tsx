import type { Locale, PortalSession } from '@hetki/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { PORTAL_TEXT } from './i18n';
import { LanguageSwitcher } from './LanguageSwitcher';
import { PortalHome } from './PortalHome';
import { portalApi, portalErrorReason, rememberPortalCsrf } from './portalApi';
import { SignInPage } from './SignInPage';
import { useLocale } from './useLocale';
import './portal.css';

const PORTAL_PREFIX = '/my/';

export const onPortalPage = (): boolean => window.location.pathname.startsWith(PORTAL_PREFIX);

/** The clinic's slug from /my/<slug>[/...]. */
function slugFromPath(): string {
  return decodeURIComponent(window.location.pathname.slice(PORTAL_PREFIX.length).split('/')[0] ?? '').toLowerCase();
}

/**
 * The sign-in token arrives in the URL fragment (#signin=...), which is never sent to a server.
 * It is taken out of the address at once, so it is in neither the history nor a bookmark.
 */
function takeSignInToken(): string | null {
  const match = /^#signin=([A-Za-z0-9_-]{30,100})$/.exec(window.location.hash);
  if (window.location.hash) window.history.replaceState(null, '', window.location.pathname);
  return match?.[1] ?? null;
}

export type SignedOutNotice = 'linkInvalid' | 'sessionEnded' | null;

type State =
  | { status: 'loading' }
  | { status: 'confirm-sign-in'; token: string }
  | { status: 'signing-in' }
  | { status: 'unavailable' }
  | { status: 'no-clinic' }
  | { status: 'signed-out'; notice: SignedOutNotice }
  | { status: 'signed-in'; session: PortalSession };

/** The client portal at /my/<clinic-slug>: sign-in by emailed link, then the client's own bookings, details and consents. */
export function PortalApp() {
  const [slug] = useState(slugFromPath);
  const [locale, setLocale] = useLocale();
  const [clinicName, setClinicName] = useState<string | null>(null);
  const [state, setState] = useState<State>({ status: 'loading' });
  const text = PORTAL_TEXT[locale];

  useEffect(() => {
    let cancelled = false;
    const profile = api.public.clinicProfile.query({ slug }).then((clinic) => {
      if (!cancelled) setClinicName(clinic.name);
    });
    /**
     * With a token in the address, asks the visitor to confirm first: opening a link changes nothing
     * by itself, so a mail scanner that opens it does not spend it. Else asks whether this browser is
     * signed in already.
     */
    const start = () => {
      const token = takeSignInToken();
      const onFailure = (error: unknown) => {
        if (cancelled) return;
        const reason = portalErrorReason(error);
        setState({ status: reason === 'NOT_FOUND' || reason === 'INVALID_INPUT' ? 'no-clinic' : 'unavailable' });
      };
      if (token) {
        profile.then(() => !cancelled && setState({ status: 'confirm-sign-in', token }), onFailure);
        return;
      }
      Promise.all([portalApi.portal.session.query({ slug }), profile]).then(([found]) => {
        if (cancelled) return;
        rememberPortalCsrf(found?.csrfToken ?? null);
        setState(found ? { status: 'signed-in', session: found } : { status: 'signed-out', notice: null });
      }, onFailure);
    };
    start();
    // A link opened in this same tab changes only the fragment: the page is not reloaded.
    const onHashChange = () => {
      if (window.location.hash.startsWith('#signin=')) start();
    };
    window.addEventListener('hashchange', onHashChange);
    return () => {
      cancelled = true;
      window.removeEventListener('hashchange', onHashChange);
    };
  }, [slug]);

  useEffect(() => {
    document.title = clinicName ? `${text.portalName} – ${clinicName}` : text.portalName;
  }, [clinicName, text]);

  const finishSignIn = async (token: string) => {
    setState({ status: 'signing-in' });
    try {
      const session = await portalApi.portal.signIn.mutate({ slug, token });
      rememberPortalCsrf(session.csrfToken);
      setState({ status: 'signed-in', session });
    } catch (error) {
      setState(portalErrorReason(error) === 'LINK_INVALID' ? { status: 'signed-out', notice: 'linkInvalid' } : { status: 'unavailable' });
    }
  };

  const signedOut = useCallback(() => {
    rememberPortalCsrf(null);
    setState({ status: 'signed-out', notice: null });
  }, []);
  const sessionLost = useCallback(() => {
    rememberPortalCsrf(null);
    setState({ status: 'signed-out', notice: 'sessionEnded' });
  }, []);

  return (
    <div className="portal">
      <header className="p-header">
        <div className="p-header-inner">
          <div className="p-brand">
            <span className="p-brand-mark" aria-hidden="true">
              {(clinicName ?? 'H').slice(0, 1)}
            </span>
            <span>
              <span className="p-brand-name">{clinicName ?? '\u00a0'}</span>
              <span className="p-brand-sub">{text.portalName}</span>
            </span>
          </div>
          <LanguageSwitcher locale={locale} onChange={(next: Locale) => setLocale(next)} label={text.language} />
        </div>
      </header>
      <main className="p-main" id="main">
        {state.status === 'loading' && (
          <p className="p-status" aria-live="polite">
            {text.loading}
          </p>
        )}
        {state.status === 'confirm-sign-in' && (
          <ConfirmSignIn
            heading={text.signIn.confirmHeading}
            lead={text.signIn.confirmLead(clinicName ?? '')}
            action={text.signIn.confirm}
            onConfirm={() => finishSignIn(state.token)}
          />
        )}
        {state.status === 'signing-in' && (
          <p className="p-status" aria-live="polite">
            {text.signIn.signingIn}
          </p>
        )}
        {state.status === 'unavailable' && (
          <p className="p-alert p-alert-error" role="alert">
            {text.unavailable}
          </p>
        )}
        {state.status === 'no-clinic' && (
          <p className="p-alert p-alert-error" role="alert">
            {text.clinicNotFound}
          </p>
        )}
        {state.status === 'signed-out' && <SignInPage slug={slug} clinicName={clinicName ?? ''} locale={locale} notice={state.notice} />}
        {state.status === 'signed-in' && (
          <PortalHome slug={slug} session={state.session} locale={locale} onSignedOut={signedOut} onSessionLost={sessionLost} />
        )}
      </main>
      <footer className="p-footer">
        <p>Hetki</p>
      </footer>
    </div>
  );
}

/** One button between opening a sign-in link and being signed in; it takes the focus, so Enter is enough. */
function ConfirmSignIn({ heading, lead, action, onConfirm }: { heading: string; lead: string; action: string; onConfirm: () => void }) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <section className="p-card p-signin" aria-labelledby="confirm-heading">
      <h1 id="confirm-heading">{heading}</h1>
      <p className="p-lead">{lead}</p>
      <button ref={button} type="button" className="p-button" onClick={onConfirm}>
        {action}
      </button>
    </section>
  );
}
