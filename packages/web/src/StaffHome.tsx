import type { Me, StaffRole, TenantSettings } from '@hetki/shared';
import { useEffect, useState } from 'react';
import { api } from './api';

const ROLE_NAMES: Record<StaffRole, string> = {
  owner: 'Owner',
  admin: 'Administrator',
  practitioner: 'Practitioner',
  reception: 'Reception',
};
const LANGUAGE_NAMES: Record<string, string> = { fi: 'Finnish', sv: 'Swedish', en: 'English' };

export function StaffHome({ me, onSignedOut }: { me: Me; onSignedOut: () => void }) {
  const [signingOut, setSigningOut] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function signOut() {
    setSigningOut(true);
    setProblem(null);
    try {
      await api.auth.logout.mutate();
      onSignedOut();
    } catch {
      setProblem('Signing out failed. Reload the page and try again.');
      setSigningOut(false);
    }
  }

  return (
    <div className="stack">
      <header className="topbar">
        <div>
          <p className="brand">Hetki</p>
          <h1>{me.tenant?.name ?? 'No clinic yet'}</h1>
        </div>
        <button type="button" onClick={signOut} disabled={signingOut} aria-busy={signingOut}>
          Sign out
        </button>
      </header>
      {problem && <p role="alert">{problem}</p>}

      <section className="card" aria-labelledby="account-heading">
        <h2 id="account-heading">Your account</h2>
        <dl>
          <dt>Name</dt>
          <dd>{me.user.name}</dd>
          <dt>Email</dt>
          <dd>{me.user.email}</dd>
          <dt>Role</dt>
          <dd>{me.tenant ? ROLE_NAMES[me.tenant.role] : 'No role: you do not belong to a clinic yet'}</dd>
          <dt>Two-step sign-in</dt>
          <dd>{me.user.totpEnabled ? 'On' : 'Off'}</dd>
        </dl>
      </section>

      {/* Keyed by clinic: switching clinics loads that clinic's settings afresh. */}
      {me.tenant && <ClinicSettings key={me.tenant.tenantId} />}
    </div>
  );
}

function ClinicSettings() {
  const [settings, setSettings] = useState<TenantSettings | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    api.staff.settings.get.query().then(
      (loaded) => {
        if (!cancelled) setSettings(loaded);
      },
      () => {
        if (!cancelled) setFailed(true);
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);

  const address = settings?.address;
  return (
    <section className="card" aria-labelledby="settings-heading" aria-busy={!settings && !failed}>
      <h2 id="settings-heading">Clinic settings</h2>
      {failed && <p role="alert">The clinic settings could not be loaded.</p>}
      {!settings && !failed && <p>Loading…</p>}
      {settings && (
        <dl>
          <dt>Clinic name</dt>
          <dd>{settings.name}</dd>
          <dt>Business ID</dt>
          <dd>{settings.businessId ?? 'Not set'}</dd>
          <dt>Address</dt>
          <dd>{address ? `${address.street}, ${address.postalCode} ${address.city}, ${address.country}` : 'Not set'}</dd>
          <dt>Contact email</dt>
          <dd>{settings.contactEmail ?? 'Not set'}</dd>
          <dt>Contact phone</dt>
          <dd>{settings.contactPhone ?? 'Not set'}</dd>
          <dt>Time zone</dt>
          <dd>{settings.timeZone}</dd>
          <dt>Default language</dt>
          <dd>{LANGUAGE_NAMES[settings.defaultLocale] ?? settings.defaultLocale}</dd>
          <dt>Languages offered</dt>
          <dd>{settings.preferences.enabledLocales.map((locale) => LANGUAGE_NAMES[locale] ?? locale).join(', ')}</dd>
        </dl>
      )}
    </section>
  );
}
