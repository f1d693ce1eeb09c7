/**
 * The widget inside a clinic's page. The loader puts the embedding site's origin in the iframe's
 * URL (`?embed=<origin>`); the widget names it to the API (which checks it against the clinic's
 * list) and talks to that origin only. The browser itself refuses to frame the page for any site the
 * clinic has not listed (CSP frame-ancestors), so a wrong `embed` value cannot be used from elsewhere.
 */
const params = new URLSearchParams(location.search);

function parentOrigin(): string | null {
  if (window.parent === window) return null;
  const claimed = params.get('embed');
  if (!claimed) return null;
  try {
    const origin = new URL(claimed).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

const parent = parentOrigin();

export function embedderOrigin(): string | null {
  return parent;
}

export function askedLocale(): string | null {
  return params.get('lang');
}

/** A service the embedding page links to directly (`data-service` on the loader): the widget opens at its times. */
export function askedService(): string | null {
  return params.get('service');
}

let lastHeight = 0;

function postHeight(force = false): void {
  if (!parent) return;
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (!force && height === lastHeight) return;
  lastHeight = height;
  window.parent.postMessage({ type: 'hetki:height', height }, parent);
}

/** Keeps the embedding page's iframe as tall as the widget; answers the loader's hello from the embedding site only. */
export function startEmbedding(): void {
  if (!parent) return;
  document.documentElement.classList.add('hw-embedded');
  new ResizeObserver(() => postHeight()).observe(document.documentElement);
  window.addEventListener('message', (event) => {
    if (event.origin !== parent || event.source !== window.parent) return;
    const data = event.data as { type?: unknown } | null;
    if (data && data.type === 'hetki:hello') postHeight(true);
  });
  postHeight(true);
}

/** Tells the embedding page that the widget moved to another step, so it can scroll the widget into view. */
export function announceStep(step: string): void {
  if (parent) window.parent.postMessage({ type: 'hetki:step', step }, parent);
}
