import type { Me } from '@hetki/shared';
import { useState } from 'react';
import { api } from '../api';
import { useClinic } from './ClinicContext';
import { ClinicSwitcher } from './ClinicSwitcher';
import { useI18n } from './i18n/I18n';
import { LanguageSwitcher } from './i18n/LanguageSwitcher';
import { sectionsFor } from './navigation';
import { PageForPath } from './PageForPath';
import { useAdminPath } from './router';
import { ErrorMessage } from './ui/Feedback';
import { Link } from './ui/Link';
import { PageErrorBoundary } from './ui/PageErrorBoundary';
import { useAction } from './ui/useAction';

/** The signed-in frame: clinic name, language, sign-out, the menu, and the current page. */
export function AdminShell({ onSignedOut, onClinicSwitched }: { onSignedOut: () => void; onClinicSwitched: (me: Me) => void }) {
  const { t } = useI18n();
  const clinic = useClinic();
  const path = useAdminPath();
  // The small-screen menu is open for the page it was opened on: following a link closes it.
  const [menuOpenAt, setMenuOpenAt] = useState<string | null>(null);
  const menuOpen = menuOpenAt === path;
  const signOut = useAction();
  const section = path.split('/')[0] ?? '';

  async function handleSignOut() {
    const result = await signOut.run(() => api.auth.logout.mutate());
    if (result.ok) onSignedOut();
  }

  return (
    <div className="admin">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="admin-header">
        <div className="admin-title">
          <p className="brand">Hetki</p>
          <h1>{clinic.settings.name}</h1>
        </div>
        <div className="admin-header-tools">
          <ClinicSwitcher me={clinic.me} onSwitched={onClinicSwitched} />
          <LanguageSwitcher />
          <button type="button" className="button-secondary" onClick={handleSignOut} disabled={signOut.busy} aria-busy={signOut.busy}>
            {t('app.signOut')}
          </button>
          <button
            type="button"
            className="button-secondary menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="admin-nav"
            onClick={() => setMenuOpenAt(menuOpen ? null : path)}
          >
            {t('app.menu')}
          </button>
        </div>
      </header>
      {signOut.error !== null && <ErrorMessage error={signOut.error} />}
      <div className="admin-body">
        <nav id="admin-nav" aria-label={t('app.mainNav')} className={menuOpen ? 'admin-nav open' : 'admin-nav'}>
          <ul>
            {sectionsFor(clinic.role).map((item) => (
              <li key={item.path}>
                <Link to={item.path} current={item.path === section}>
                  {t(item.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="admin-main" tabIndex={-1}>
          {/* Keyed by path: moving to another page clears a failure. */}
          <PageErrorBoundary key={path} message={t('error.fallback')} retryLabel={t('common.retry')}>
            <PageForPath path={path} />
          </PageErrorBoundary>
        </main>
      </div>
    </div>
  );
}
