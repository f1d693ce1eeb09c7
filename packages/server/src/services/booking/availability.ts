import { computeAvailability, type Slot } from '@hetki/shared';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { resources } from '../../db/schema/index.js';
import { localDate } from '../../lib/clinicDate.js';
import { notFound } from '../../lib/errors.js';
import { getService, type ServiceView } from '../catalogue/services.js';
import type { PublicTenant } from './publicTenant.js';
import { effectiveRules } from './rules.js';
import { loadSchedules } from './schedules.js';

export type AvailabilityQuery = { serviceId: string; practitionerId?: string | undefined; from: string; to: string };

/** Resolves the service and who could perform it, then asks the engine for the free slots. */
export async function findSlots(
  tx: Tx,
  tenant: PublicTenant,
  query: AvailabilityQuery,
  now: Date,
  options: { onlineOnly: boolean },
): Promise<{ service: ServiceView; slots: Slot[] }> {
  const service = await getService(tx, tenant.id, query.serviceId);
  if (options.onlineOnly && !(service.active && service.bookableOnline)) throw notFound('Service');
  let practitionerIds = service.practitionerIds;
  if (query.practitionerId) {
    if (!practitionerIds.includes(query.practitionerId)) throw notFound('Practitioner');
    practitionerIds = [query.practitionerId];
  }
  const roomIds = service.needsRoom
    ? (
        await tx
          .select({ id: resources.id })
          .from(resources)
          .where(and(eq(resources.tenantId, tenant.id), eq(resources.kind, 'room'), eq(resources.active, true)))
      ).map((room) => room.id)
    : [];
  const schedules = await loadSchedules(tx, tenant.id, [...practitionerIds, ...roomIds], query);
  const slots = computeAvailability({
    timeZone: tenant.timeZone,
    now: now.getTime(),
    from: query.from,
    to: query.to,
    durationMinutes: service.durationMinutes,
    bufferBeforeMinutes: service.bufferBeforeMinutes,
    bufferAfterMinutes: service.bufferAfterMinutes,
    rules: effectiveRules(tenant.preferences.bookingRules, service.rules),
    practitioners: schedules.filter((schedule) => practitionerIds.includes(schedule.resourceId)),
    rooms: service.needsRoom ? schedules.filter((schedule) => roomIds.includes(schedule.resourceId)) : null,
  });
  return { service, slots };
}

/**
 * The slot starting exactly at `start` if the engine offers it right now (for online booking and
 * rescheduling: a client may only take a time the widget would have shown), else null.
 */
export async function offeredSlotAt(
  tx: Tx,
  tenant: PublicTenant,
  query: { serviceId: string; practitionerId?: string | undefined; start: Date },
  now: Date,
): Promise<{ service: ServiceView; slot: Slot | null }> {
  const date = localDate(query.start, tenant.timeZone);
  const { service, slots } = await findSlots(
    tx,
    tenant,
    { serviceId: query.serviceId, practitionerId: query.practitionerId, from: date, to: date },
    now,
    { onlineOnly: true },
  );
  return { service, slot: slots.find((candidate) => candidate.start === query.start.getTime()) ?? null };
}
