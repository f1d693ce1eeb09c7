import type { Me } from '@hetki/shared';
import { lazy, Suspense, useState } from 'react';
import { ADMIN_BASE } from './admin/router';
import { rememberCsrfToken } from './api';
import { onPortalPage, PortalApp } from './portal/PortalApp';

// The admin app (the largest part) loads only for staff: the portal and invitation pages do not wait for it.
const AdminRoot = lazy(() => import('./admin/AdminRoot').then((module) => ({ default: module.AdminRoot })));
// The invitation page shares the admin app's texts, so it loads them only when opened.
const InvitePage = lazy(() => import('./AcceptInvite').then((module) => ({ default: module.InvitePage })));

const INVITE_PATH = '/invite';

const onInvitePage = () => window.location.pathname.replace(/\/$/, '') === INVITE_PATH;

/** Staff start at /admin: the bare address (and any unknown one) leads there, keeping the browser history clean. */
function ensureAdminPath(): void {
  const path = window.location.pathname;
  if (path !== ADMIN_BASE && !path.startsWith(`${ADMIN_BASE}/`)) window.history.replaceState(null, '', ADMIN_BASE);
}

/** The staff web app: an invitation being accepted at /invite, else the clinic admin app at /admin. */
export function App() {
  const [joined, setJoined] = useState<Me | null>(null);
  // The client portal (/my/<clinic>) is an app of its own.
  if (onPortalPage()) return <PortalApp />;

  if (onInvitePage() && !joined) {
    return (
      <Suspense fallback={<p className="page">…</p>}>
        <InvitePage
          onSignedIn={(me) => {
            // Every change the new member makes must echo the new session's CSRF token.
            rememberCsrfToken(me.csrfToken);
            // Replace, not push: Back should not lead to the used (and now token-less) invitation page.
            window.history.replaceState(null, '', ADMIN_BASE);
            setJoined(me);
          }}
        />
      </Suspense>
    );
  }
  ensureAdminPath();
  return (
    <Suspense fallback={<p className="page">…</p>}>
      <AdminRoot {...(joined ? { initialMe: joined } : {})} />
    </Suspense>
  );
}
