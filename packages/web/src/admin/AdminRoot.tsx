import type { Locale, Me, TenantSettings } from '@hetki/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, rememberCsrfToken } from '../api';
import { AdminShell } from './AdminShell';
import { type Clinic, ClinicContext } from './ClinicContext';
import { I18nProvider, useI18n } from './i18n/I18n';
import { ADMIN_BASE } from './router';
import { SignInPage } from './SignInPage';
import './admin.css';

type Session = { status: 'loading' } | { status: 'unavailable' } | { status: 'signed-out' } | { status: 'signed-in'; me: Me };

/** The clinic admin app at /admin: the session, the clinic's settings (time zone, default language), then the shell. */
export function AdminRoot({ initialMe }: { initialMe?: Me }) {
  const [session, setSession] = useState<Session>(initialMe ? { status: 'signed-in', me: initialMe } : { status: 'loading' });
  const [settings, setSettings] = useState<TenantSettings | null>(null);

  useEffect(() => {
    if (initialMe) return;
    let cancelled = false;
    api.auth.me.query().then(
      (me) => {
        if (cancelled) return;
        rememberCsrfToken(me?.csrfToken ?? null);
        setSession(me ? { status: 'signed-in', me } : { status: 'signed-out' });
      },
      () => {
        if (!cancelled) setSession({ status: 'unavailable' });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [initialMe]);

  const signedIn = useCallback((me: Me) => {
    rememberCsrfToken(me.csrfToken);
    setSession({ status: 'signed-in', me });
  }, []);
  const signedOut = useCallback(() => {
    rememberCsrfToken(null);
    setSettings(null);
    setSession({ status: 'signed-out' });
  }, []);

  const clinicSwitched = useCallback(
    (me: Me) => {
      setSettings(null);
      window.history.replaceState(null, '', ADMIN_BASE);
      signedIn(me);
    },
    [signedIn],
  );

  const updateMe = useCallback((change: (me: Me) => Me) => {
    setSession((current) => (current.status === 'signed-in' ? { status: 'signed-in', me: change(current.me) } : current));
  }, []);

  const clinicDefault: Locale | null = session.status === 'signed-in' ? (settings?.defaultLocale ?? null) : null;
  return (
    <I18nProvider clinicDefault={clinicDefault}>
      {session.status === 'loading' && <Loading />}
      {session.status === 'unavailable' && <Unavailable />}
      {session.status === 'signed-out' && <SignInPage onSignedIn={signedIn} />}
      {session.status === 'signed-in' && (
        <SignedIn
          me={session.me}
          settings={settings}
          onSettings={setSettings}
          onSignedOut={signedOut}
          onClinicSwitched={clinicSwitched}
          updateMe={updateMe}
        />
      )}
    </I18nProvider>
  );
}

function Loading() {
  const { t } = useI18n();
  return (
    <p className="centered muted" aria-live="polite">
      {t('app.loading')}
    </p>
  );
}

function Unavailable() {
  const { t } = useI18n();
  return (
    <p role="alert" className="centered error">
      {t('app.unavailable')}
    </p>
  );
}

function SignedIn({
  me,
  settings,
  onSettings,
  onSignedOut,
  onClinicSwitched,
  updateMe,
}: {
  me: Me;
  settings: TenantSettings | null;
  onSettings: (settings: TenantSettings) => void;
  onSignedOut: () => void;
  onClinicSwitched: (me: Me) => void;
  updateMe: (change: (me: Me) => Me) => void;
}) {
  const [generation, setGeneration] = useState(0);
  const [failed, setFailed] = useState(false);
  const tenantId = me.tenant?.tenantId ?? null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloaded per clinic and on request (generation)
  useEffect(() => {
    if (!tenantId) return;
    let cancelled = false;
    setFailed(false);
    api.staff.settings.get.query().then(
      (loaded) => {
        if (!cancelled) onSettings(loaded);
      },
      () => {
        if (!cancelled) setFailed(true);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [tenantId, generation]);

  const reloadSettings = useCallback(() => setGeneration((value) => value + 1), []);
  const clinic = useMemo<Clinic | null>(
    () => (me.tenant && settings ? { me, role: me.tenant.role, settings, timeZone: settings.timeZone, reloadSettings, updateMe } : null),
    [me, settings, reloadSettings, updateMe],
  );

  if (!me.tenant) return <NoClinic me={me} onSignedOut={onSignedOut} />;
  if (failed) return <Unavailable />;
  if (!clinic) return <Loading />;
  return (
    <ClinicContext.Provider value={clinic}>
      <AdminShell onSignedOut={onSignedOut} onClinicSwitched={onClinicSwitched} />
    </ClinicContext.Provider>
  );
}

function NoClinic({ me, onSignedOut }: { me: Me; onSignedOut: () => void }) {
  const { t } = useI18n();
  return (
    <main className="sign-in" id="main">
      <section className="card sign-in-card">
        <p className="brand">Hetki</p>
        <h1>{t('app.noClinic')}</h1>
        <p>
          {me.user.name} · {me.user.email}
        </p>
        <p>{t('error.NO_TENANT')}</p>
        <button
          type="button"
          onClick={() => {
            api.auth.logout.mutate().then(onSignedOut, onSignedOut);
          }}
        >
          {t('app.signOut')}
        </button>
      </section>
    </main>
  );
}
