import type { Deps } from '../../deps.js';
import { findSlots } from './availability.js';
import { withPublicTenant } from './publicTenant.js';
import { effectiveRules } from './rules.js';

export type PublicAvailability = { timeZone: string; slots: { start: string; end: string; free: number }[] };

/**
 * The widget's availability: from the cache when the clinic's schedule has not changed, else
 * computed from the database. Slots are re-filtered by the notice period on every answer, since
 * time moves on while an entry is cached.
 */
export async function publicAvailability(
  deps: Deps,
  input: { slug: string; serviceId: string; practitionerId?: string | undefined; from: string; to: string },
): Promise<PublicAvailability> {
  const key = [input.slug, input.serviceId, input.practitionerId ?? '*', input.from, input.to].join('|');
  const now = deps.now().getTime();
  let entry = await deps.availabilityCache.get(key, now);
  if (!entry) {
    entry = await withPublicTenant(deps, input.slug, async (tx, tenant) => {
      const version = await deps.availabilityCache.version(tenant.id);
      const { service, slots } = await findSlots(tx, tenant, input, new Date(now), { onlineOnly: true });
      return {
        tenantId: tenant.id,
        timeZone: tenant.timeZone,
        version,
        computedAt: now,
        minNoticeMinutes: effectiveRules(tenant.preferences.bookingRules, service.rules).minNoticeMinutes,
        slots: slots.map((slot) => ({ start: slot.start, end: slot.end, free: slot.practitionerIds.length })),
      };
    });
    deps.availabilityCache.set(key, entry);
  }
  const earliest = now + entry.minNoticeMinutes * 60_000;
  return {
    timeZone: entry.timeZone,
    slots: entry.slots
      .filter((slot) => slot.start >= earliest)
      .map((slot) => ({ start: new Date(slot.start).toISOString(), end: new Date(slot.end).toISOString(), free: slot.free })),
  };
}
