import type { Deps } from '../../deps.js';
import { findSlots } from './availability.js';
import type { OfferedSlot } from './availabilityCache.js';
import { withPublicTenant } from './publicTenant.js';
import { effectiveRules } from './rules.js';

export type PublicAvailability = { timeZone: string; slots: OfferedSlot[] };

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
        slots: slots.map((slot) => ({
          start: new Date(slot.start).toISOString(),
          end: new Date(slot.end).toISOString(),
          free: slot.practitionerIds.length,
        })),
        startsAt: slots.map((slot) => slot.start),
      };
    });
    deps.availabilityCache.set(key, entry);
  }
  // Slots are in start order, so those inside the notice period are a prefix.
  const earliest = now + entry.minNoticeMinutes * 60_000;
  const firstOffered = firstAtOrAfter(entry.startsAt, earliest);
  return { timeZone: entry.timeZone, slots: firstOffered === 0 ? entry.slots : entry.slots.slice(firstOffered) };
}

function firstAtOrAfter(sorted: number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
