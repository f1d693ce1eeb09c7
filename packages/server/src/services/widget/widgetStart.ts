import { mondayOf, type WidgetConfig, weekWindow } from '@hetki/shared';
import type { Deps } from '../../deps.js';
import { localDate } from '../../lib/clinicDate.js';
import { DomainError } from '../../lib/errors.js';
import { type PublicAvailability, publicAvailability } from '../booking/publicAvailability.js';
import { withPublicTenant } from '../booking/publicTenant.js';
import { publicCatalogue } from '../catalogue/publicCatalogue.js';
import { publicWidgetConfig } from './widgetConfig.js';

export type WidgetStart = {
  config: WidgetConfig;
  /** For the booking page: what its first step shows. */
  catalogue?: Awaited<ReturnType<typeof publicCatalogue>>;
  /** For a widget opened at a service: that service's free times this week, with anyone. */
  firstWeek?: { serviceId: string; from: string; to: string; availability: PublicAvailability };
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What the widget page needs before its first view, put into the page itself so the widget does not
 * wait for it: the clinic's configuration, and for the booking page its catalogue and, when it is
 * opened at a service, that service's times this week. Null for an unknown clinic. All of it is what
 * the public procedures answer anyway.
 */
export async function widgetStart(
  deps: Deps,
  slug: string,
  page: { booking: boolean; serviceId: string | null },
): Promise<WidgetStart | null> {
  try {
    const [config, catalogue] = await Promise.all([
      publicWidgetConfig(deps, slug),
      page.booking ? withPublicTenant(deps, slug, (tx, tenant) => publicCatalogue(tx, tenant.id)) : undefined,
    ]);
    if (!catalogue) return { config };
    const serviceId = page.serviceId && UUID.test(page.serviceId) ? page.serviceId.toLowerCase() : null;
    if (!serviceId || !catalogue.services.some((service) => service.id === serviceId)) return { config, catalogue };
    // This week as the widget asks for it, so that its first request finds these times.
    const today = localDate(deps.now(), config.timeZone);
    const { from, to } = weekWindow(mondayOf(today), today);
    const availability = await publicAvailability(deps, { slug, serviceId, from, to });
    return { config, catalogue, firstWeek: { serviceId, from, to, availability } };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}
