import { useCallback, useEffect, useState } from 'react';

export const ADMIN_BASE = '/admin';

/** The admin app's own path below /admin ('' for the dashboard), e.g. 'clients/<id>'. No personal data ever goes here. */
function currentSubpath(): string {
  const path = window.location.pathname;
  if (!path.startsWith(ADMIN_BASE)) return '';
  return path.slice(ADMIN_BASE.length).replace(/^\/+|\/+$/g, '');
}

export function adminHref(subpath: string): string {
  return subpath ? `${ADMIN_BASE}/${subpath}` : ADMIN_BASE;
}

const NAVIGATE_EVENT = 'hetki:navigate';

export function navigate(subpath: string): void {
  window.history.pushState(null, '', adminHref(subpath));
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
  window.scrollTo(0, 0);
}

/** The current admin subpath, following links, Back and Forward. */
export function useAdminPath(): string {
  const [path, setPath] = useState(currentSubpath);
  const update = useCallback(() => setPath(currentSubpath()), []);
  useEffect(() => {
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATE_EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATE_EVENT, update);
    };
  }, [update]);
  return path;
}
