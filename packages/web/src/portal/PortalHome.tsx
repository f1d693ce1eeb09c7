import type { Locale, PortalSession } from '@hetki/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { BookingsPanel } from './BookingsPanel';
import { ConsentsPanel } from './ConsentsPanel';
import { DetailsPanel } from './DetailsPanel';
import { PORTAL_TEXT } from './i18n';
import { portalApi, portalErrorReason } from './portalApi';

export type Tab = 'bookings' | 'details' | 'consents';
const TABS: Tab[] = ['bookings', 'details', 'consents'];

export type PanelProps = {
  slug: string;
  locale: Locale;
  timeZone: string;
  /** Turns an API failure into a message to show; a lost session signs the portal out instead. */
  failure: (error: unknown) => string;
};

/** The signed-in portal: a greeting, three sections and sign-out. */
export function PortalHome({
  slug,
  session,
  locale,
  onSignedOut,
  onSessionLost,
}: {
  slug: string;
  session: PortalSession;
  locale: Locale;
  onSignedOut: () => void;
  onSessionLost: () => void;
}) {
  const text = PORTAL_TEXT[locale];
  const [tab, setTab] = useState<Tab>('bookings');
  const heading = useRef<HTMLHeadingElement>(null);
  const [focusPanel, setFocusPanel] = useState(false);

  useEffect(() => {
    if (focusPanel) heading.current?.focus();
  }, [focusPanel]);

  const failure = useCallback(
    (error: unknown): string => {
      const reason = portalErrorReason(error);
      if (reason === 'SESSION_REQUIRED' || reason === 'CSRF_FAILED') {
        onSessionLost();
        return text.sessionEnded;
      }
      if (reason === 'CHANGE_WINDOW_CLOSED') return text.bookings.windowClosed;
      if (reason === 'NOT_MOVABLE_ONLINE') return text.bookings.notMovable;
      if (reason === 'SLOT_TAKEN') return text.bookings.slotTaken;
      return text.genericError;
    },
    [text, onSessionLost],
  );

  const signOut = async () => {
    try {
      await portalApi.portal.signOut.mutate({ slug });
    } finally {
      onSignedOut();
    }
  };

  const props: PanelProps = { slug, locale, timeZone: session.clinic.timeZone, failure };
  return (
    <div className="p-home">
      <div className="p-home-top">
        <div>
          <h1 className="p-greeting">{text.greeting(session.client.firstName)}</h1>
        </div>
        <button type="button" className="p-button p-button-ghost" onClick={signOut}>
          {text.signOut}
        </button>
      </div>
      <nav className="p-tabs" aria-label={text.nav.label}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            className="p-tab"
            aria-current={tab === name ? 'page' : undefined}
            onClick={() => {
              setTab(name);
              setFocusPanel(true);
            }}
          >
            {text.nav[name]}
          </button>
        ))}
      </nav>
      <h2 className="p-visually-hidden" ref={heading} tabIndex={-1}>
        {text.nav[tab]}
      </h2>
      {tab === 'bookings' && <BookingsPanel {...props} />}
      {tab === 'details' && <DetailsPanel {...props} />}
      {tab === 'consents' && <ConsentsPanel {...props} />}
    </div>
  );
}
