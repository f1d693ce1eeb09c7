/**
 * Hetki embed loader (`/widget.js`), for clinic sites:
 *
 *   <script src="https://<hetki>/widget.js" data-clinic="<slug>" async></script>
 *   <div data-hetki-booking></div>   (inline widget; without one, a floating "Book" button opens it in a dialog)
 *
 * Optional: data-lang="fi|sv|en" (else the page's own language), data-service="<service id>" (open at that service's times).
 *
 * It also shows the clinic's cookie-consent banner where the clinic has switched it on, keeps the
 * visitor's decision on the clinic's own site (localStorage), records it with Hetki, and exposes it
 * as `window.Hetki.consent` and a `hetki:consent` event. Self-contained and small: no imports.
 */
type Lang = 'fi' | 'sv' | 'en';
/** How long a cookie decision stands before the banner asks again (the server keeps its record longer). */
const DECISION_LASTS_MS = 365 * 86_400_000;

type Consent = { necessary: true; analytics: boolean; marketing: boolean; noticeVersion: string; decidedAt: string };
type Config = {
  name: string;
  defaultLocale: Lang;
  enabledLocales: Lang[];
  privacyNoticeUrl: string | null;
  privacyNoticeVersion: string;
  cookieBanner: { enabled: boolean; texts: Partial<Record<Lang, { title: string; body: string }>> };
};

// title, body, accept, reject, settings, save, necessary, analytics, marketing, book, close, privacy, refused
const TEXT: Record<Lang, string[]> = {
  fi: [
    'Evästeet',
    'Välttämättömät evästeet pitävät sivuston toiminnassa. Analytiikka- ja markkinointievästeet vain suostumuksellasi.',
    'Hyväksy kaikki',
    'Hylkää kaikki',
    'Valitse',
    'Tallenna valinnat',
    'Välttämättömät (aina käytössä)',
    'Analytiikka',
    'Markkinointi',
    'Varaa aika',
    'Sulje',
    'Tietosuojaseloste',
    'Ajanvaraus ei ole käytössä tällä sivulla.',
  ],
  sv: [
    'Kakor',
    'Nödvändiga kakor håller webbplatsen igång. Analys- och marknadsföringskakor bara med ditt samtycke.',
    'Godkänn alla',
    'Avvisa alla',
    'Välj',
    'Spara val',
    'Nödvändiga (alltid på)',
    'Analys',
    'Marknadsföring',
    'Boka tid',
    'Stäng',
    'Dataskyddsbeskrivning',
    'Tidsbokning är inte tillgänglig här.',
  ],
  en: [
    'Cookies',
    'Necessary cookies keep this site working. Analytics and marketing cookies only with your consent.',
    'Accept all',
    'Reject all',
    'Choose',
    'Save choices',
    'Necessary (always on)',
    'Analytics',
    'Marketing',
    'Book',
    'Close',
    'Privacy notice',
    'Booking is not available here.',
  ],
};

const d = document;
const w = window as unknown as Window & { Hetki?: Record<string, unknown> };
const script = (d.currentScript ?? d.querySelector('script[data-clinic][src*="widget.js"]')) as HTMLScriptElement | null;

if (script && !w.Hetki) {
  const base = new URL(script.src).origin;
  const slug = script.dataset.clinic ?? '';
  const service = script.dataset.service;
  const storeKey = `hetki-consent:${slug}`;
  const asked = (script.dataset.lang ?? d.documentElement.lang).slice(0, 2) as Lang;
  let lang: Lang = TEXT[asked] ? asked : 'fi';
  const frames: HTMLIFrameElement[] = [];
  let config: Config | null = null;
  let banner: HTMLElement | null = null;

  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, unknown> = {}, ...kids: (Node | string)[]) => {
    const node = Object.assign(d.createElement(tag), props);
    node.append(...kids);
    return node;
  };
  const tx = (i: number) => (TEXT[lang] as string[])[i] as string;

  const frame = () => {
    const f = el('iframe', {
      src: `${base}/book/${encodeURIComponent(slug)}?embed=${encodeURIComponent(location.origin)}&lang=${lang}${service ? `&service=${encodeURIComponent(service)}` : ''}`,
      title: tx(9),
    });
    f.style.cssText = 'width:100%;height:640px;border:0';
    f.addEventListener('load', () => f.contentWindow?.postMessage({ type: 'hetki:hello' }, base));
    frames.push(f);
    return f;
  };

  // Only the widget page (Hetki's origin) inside one of our own iframes may resize it.
  w.addEventListener('message', (e) => {
    const f = frames.find((x) => x.contentWindow === e.source);
    const data = e.data as { type?: string; height?: number };
    if (e.origin !== base || !f || !data) return;
    if (data.type === 'hetki:height' && typeof data.height === 'number') f.style.height = `${Math.min(Math.max(data.height, 200), 5000)}px`;
    if (data.type === 'hetki:step' && f.getBoundingClientRect().top < 0) f.scrollIntoView();
  });

  const refused = () => {
    for (const f of frames) f.replaceWith(el('p', { role: 'alert' }, tx(12)));
    frames.length = 0;
  };

  // Inline widgets where the page asks for them; else a floating button that opens the widget in a dialog.
  const spots = d.querySelectorAll<HTMLElement>('[data-hetki-booking]');
  let dialog: HTMLDialogElement | null = null;
  const open = () => {
    if (!dialog) {
      const close = el('button', { type: 'button', textContent: '×', onclick: () => dialog?.close() });
      close.setAttribute('aria-label', tx(10));
      close.style.cssText = 'float:right;font-size:24px;border:0;background:none;min-width:44px;min-height:44px';
      dialog = el('dialog', {}, close, frame());
      dialog.setAttribute('aria-label', tx(9));
      dialog.style.cssText = 'width:min(52rem,96vw);max-height:92vh;padding:8px;border:0;border-radius:12px';
      d.body.append(dialog);
    }
    dialog.showModal();
  };
  if (spots.length > 0) for (const spot of Array.from(spots)) spot.append(frame());
  else {
    const button = el('button', { type: 'button', textContent: tx(9), onclick: open });
    button.style.cssText =
      'position:fixed;right:20px;bottom:20px;z-index:2147483000;padding:14px 22px;border:0;border-radius:28px;background:#1f5c55;color:#fff;font:600 16px system-ui;box-shadow:0 0 14px #0004';
    d.body.append(button);
  }

  const announce = (consent: Consent) => {
    (w.Hetki as Record<string, unknown>).consent = consent;
    for (const target of [w, d]) target.dispatchEvent(new CustomEvent('hetki:consent', { detail: consent }));
  };

  // A random (version 4) UUID; crypto.randomUUID needs a secure context, which a clinic's site may not be.
  const visitorId = () =>
    '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
      (+c ^ ((crypto.getRandomValues(new Uint8Array(1))[0] as number) & (15 >> (+c / 4)))).toString(16),
    );

  const decide = (analytics: boolean, marketing: boolean) => {
    const c = config as Config;
    let stored: { visitorId?: string } = {};
    try {
      stored = JSON.parse(localStorage.getItem(storeKey) ?? '{}');
    } catch {}
    const id = stored.visitorId ?? visitorId();
    const consent: Consent = {
      necessary: true,
      analytics,
      marketing,
      noticeVersion: c.privacyNoticeVersion,
      decidedAt: new Date().toISOString(),
    };
    try {
      localStorage.setItem(storeKey, JSON.stringify({ ...consent, visitorId: id }));
    } catch {}
    banner?.remove();
    banner = null;
    announce(consent);
    fetch(`${base}/trpc/public.widget.recordCookieConsent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ slug, visitorId: id, analytics, marketing, noticeVersion: consent.noticeVersion }),
      keepalive: true,
    }).catch(() => {});
  };

  // The banner: reject as easy as accept, nothing pre-ticked, in a shadow root so the site's CSS cannot reach it.
  const openConsent = () => {
    const c = config;
    if (!c?.cookieBanner.enabled || banner) return;
    const own = c.cookieBanner.texts[lang];
    const host = el('div');
    host.style.cssText = 'position:fixed;left:0;right:0;bottom:0;z-index:2147483001';
    const root = host.attachShadow({ mode: 'open' });
    const btn = (i: number, onclick: () => void) => el('button', { type: 'button', textContent: tx(i), onclick });
    const box = (i: number, name: string, on: boolean) => {
      const input = el('input', { type: 'checkbox', name, checked: on, disabled: on, id: `hc-${name}` });
      return el('div', {}, input, el('label', { htmlFor: input.id, textContent: ` ${tx(i)}` }));
    };
    const choices = el(
      'fieldset',
      { hidden: true },
      el('legend', { textContent: tx(4) }),
      box(6, 'necessary', true),
      box(7, 'analytics', false),
      box(8, 'marketing', false),
    );
    const checked = (name: string) => (choices.querySelector(`[name=${name}]`) as HTMLInputElement).checked;
    const save = btn(5, () => decide(checked('analytics'), checked('marketing')));
    save.hidden = true;
    const choose = btn(4, () => {
      choices.hidden = false;
      save.hidden = false;
      choose.hidden = true;
      (choices.querySelector('[name=analytics]') as HTMLInputElement).focus();
    });
    const title = el('h2', { id: 'hc-title', textContent: own?.title ?? tx(0) });
    const panel = el(
      'section',
      {},
      title,
      el('p', { id: 'hc-body', textContent: own?.body ?? tx(1) }),
      ...(c.privacyNoticeUrl ? [el('p', {}, el('a', { href: c.privacyNoticeUrl, textContent: tx(11) }))] : []),
      choices,
      el(
        'div',
        { className: 'row' },
        btn(2, () => decide(true, true)),
        btn(3, () => decide(false, false)),
        choose,
        save,
      ),
    );
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-labelledby', 'hc-title');
    panel.setAttribute('aria-describedby', 'hc-body');
    root.append(
      el('style', {
        textContent:
          'section{font:15px/1.5 system-ui;color:#1b2631;background:#fff;border-top:3px solid #1f5c55;box-shadow:0 0 18px #0004;padding:16px 20px;max-width:60rem;margin:auto}h2{font-size:18px;margin:0 0 6px}p{margin:0 0 10px}a{color:#1f5c55}fieldset{border:1px solid #cfd7df;margin:0 0 10px}.row{display:flex;flex-wrap:wrap;gap:10px}button{font:600 15px system-ui;min-height:44px;padding:8px 18px;border-radius:8px;border:0;background:#1f5c55;color:#fff}:focus-visible{outline:3px solid #f2a33a;outline-offset:2px}input{width:18px;height:18px;vertical-align:middle}',
      }),
      panel,
    );
    banner = host;
    d.body.append(host);
    title.tabIndex = -1;
    title.focus();
  };

  w.Hetki = { consent: null, open, openConsent };

  fetch(`${base}/trpc/public.widget.config?input=${encodeURIComponent(JSON.stringify({ slug }))}`)
    .then((r) => (r.status === 403 ? refused() : r.json()))
    .then((body?: { result?: { data: Config } }) => {
      config = body?.result?.data ?? null;
      if (!config) return;
      if (!config.enabledLocales.includes(lang)) lang = config.defaultLocale;
      if (!config.cookieBanner.enabled) return;
      let stored: (Consent & { visitorId?: string }) | null = null;
      try {
        stored = JSON.parse(localStorage.getItem(storeKey) ?? 'null');
      } catch {}
      // A decision made under another notice version, or over a year ago, is asked again.
      if (stored && stored.noticeVersion === config.privacyNoticeVersion && Date.now() - Date.parse(stored.decidedAt) < DECISION_LASTS_MS) {
        const { visitorId: _id, ...consent } = stored;
        announce(consent);
      } else openConsent();
    })
    .catch(() => {});
}
