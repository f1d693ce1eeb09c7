import type { Deps } from '../../deps.js';
import { publicBaseUrl } from '../../env.js';
import { DomainError } from '../../lib/errors.js';
import { withPublicTenant } from '../booking/publicTenant.js';
import { allowedOriginsCache } from './allowedOriginsCache.js';
import { getWidgetSettings } from './widgetSettings.js';

/** The header in which the widget page names the site that embeds it (the loader tells it). */
export const EMBEDDER_HEADER = 'x-hetki-embedder';

export const originNotAllowed = () =>
  new DomainError('FORBIDDEN', 'ORIGIN_NOT_ALLOWED', 'This site is not allowed to use this clinic’s booking widget');

/** Hetki's own origins: the public URL, and the host the request came to (http and https). */
export function ownOrigins(deps: Deps, host: string | undefined): Set<string> {
  const origins = new Set([new URL(publicBaseUrl(deps.env)).origin]);
  if (host) {
    origins.add(`http://${host}`);
    origins.add(`https://${host}`);
  }
  return origins;
}

/** The sites a clinic lets embed its widget (briefly cached, see AllowedOriginsCache). An unknown slug is a NOT_FOUND. */
export async function allowedEmbedOrigins(deps: Deps, slug: string): Promise<string[]> {
  const cached = allowedOriginsCache.get(slug, Date.now());
  if (cached) return cached;
  return withPublicTenant(deps, slug, async (tx, tenant) => {
    const { allowedOrigins } = await getWidgetSettings(tx, tenant.id);
    allowedOriginsCache.set(slug, tenant.id, allowedOrigins, Date.now());
    return allowedOrigins;
  });
}

/**
 * A widget call names up to two sites: the browser's `Origin` (the clinic's page itself, for the
 * loader's calls) and the embedder header (the page around the widget's iframe). Each one that is
 * not Hetki's own must be in the clinic's list; a call that names none is a same-site or server call.
 */
export async function assertEmbedAllowed(deps: Deps, slug: string, claimed: (string | undefined)[], own: Set<string>): Promise<void> {
  const foreign = claimed.filter((origin): origin is string => typeof origin === 'string' && origin !== '' && !own.has(origin));
  if (foreign.length === 0) return;
  const allowed = new Set(await allowedEmbedOrigins(deps, slug));
  if (foreign.some((origin) => !allowed.has(origin))) throw originNotAllowed();
}
