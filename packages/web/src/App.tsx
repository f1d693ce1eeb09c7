import type { Me } from '@hetki/shared';
import { useEffect, useState } from 'react';
import { AcceptInvite, INVITE_PATH } from './AcceptInvite';
import { api, rememberCsrfToken } from './api';
import { SignInForm } from './SignInForm';
import { StaffHome } from './StaffHome';

type State =
  | { status: 'loading' }
  | { status: 'unavailable' }
  | { status: 'invite' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; me: Me };

const onInvitePage = () => window.location.pathname.replace(/\/$/, '') === INVITE_PATH;

/** Placeholder staff app: the sign-in page, an invitation being accepted, or the signed-in member's clinic. */
export function App() {
  const [state, setState] = useState<State>(() => (onInvitePage() ? { status: 'invite' } : { status: 'loading' }));

  useEffect(() => {
    // An invitation link shows its own page whether or not this browser is signed in already.
    if (onInvitePage()) return;
    let cancelled = false;
    api.auth.me.query().then(
      (me) => {
        if (cancelled) return;
        rememberCsrfToken(me?.csrfToken ?? null);
        setState(me ? { status: 'signed-in', me } : { status: 'signed-out' });
      },
      () => {
        if (!cancelled) setState({ status: 'unavailable' });
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);

  const signedIn = (me: Me) => {
    rememberCsrfToken(me.csrfToken);
    setState({ status: 'signed-in', me });
  };
  const joined = (me: Me) => {
    // Replace, not push: Back should not lead to the used (and now token-less) invitation page.
    window.history.replaceState(null, '', '/');
    signedIn(me);
  };
  const signedOut = () => {
    rememberCsrfToken(null);
    setState({ status: 'signed-out' });
  };

  return (
    <main className="page">
      {state.status === 'loading' && <p aria-live="polite">Loading…</p>}
      {state.status === 'unavailable' && <p role="alert">Hetki is not reachable right now. Reload the page to try again.</p>}
      {state.status === 'invite' && <AcceptInvite onSignedIn={joined} />}
      {state.status === 'signed-out' && <SignInForm onSignedIn={signedIn} />}
      {state.status === 'signed-in' && <StaffHome me={state.me} onSignedOut={signedOut} />}
    </main>
  );
}
