import type { ResourceSchedule, WeeklyHours } from '@hetki/shared';
import { and, eq, gt, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { allocations, resourceExceptions, resources } from '../../db/schema/index.js';

const DAY_MS = 86_400_000;
const isoDate = (instant: Date) => instant.toISOString().slice(0, 10);

/**
 * Everything the availability engine needs about some resources over a window of local dates:
 * weekly hours, date exceptions, and the time already held by live allocations (bookings with
 * their buffers, and blocks). The instant range is padded by a day each side for time zones.
 */
export async function loadSchedules(
  tx: Tx,
  tenantId: string,
  resourceIds: string[],
  window: { from: string; to: string },
): Promise<ResourceSchedule[]> {
  if (resourceIds.length === 0) return [];
  const rangeStart = new Date(Date.parse(`${window.from}T00:00:00Z`) - DAY_MS);
  const rangeEnd = new Date(Date.parse(`${window.to}T00:00:00Z`) + 2 * DAY_MS);
  const [rows, exceptions, busy] = await Promise.all([
    tx
      .select({ id: resources.id, weeklyHours: resources.weeklyHours })
      .from(resources)
      .where(and(eq(resources.tenantId, tenantId), inArray(resources.id, resourceIds), eq(resources.active, true))),
    tx
      .select()
      .from(resourceExceptions)
      .where(
        and(
          eq(resourceExceptions.tenantId, tenantId),
          inArray(resourceExceptions.resourceId, resourceIds),
          // The engine looks a day beyond each end of the window (hours that run past midnight).
          gte(resourceExceptions.date, isoDate(rangeStart)),
          lte(resourceExceptions.date, isoDate(rangeEnd)),
        ),
      ),
    tx
      .select({ resourceId: allocations.resourceId, heldFrom: allocations.heldFrom, heldUntil: allocations.heldUntil })
      .from(allocations)
      .where(
        and(
          eq(allocations.tenantId, tenantId),
          // `live` as a bare predicate so the partial index applies; bounds compared with leakproof operators.
          sql`${allocations.live}`,
          inArray(allocations.resourceId, resourceIds),
          lt(allocations.heldFrom, rangeEnd),
          gt(allocations.heldUntil, rangeStart),
        ),
      ),
  ]);
  const busyOf = groupByResource(
    busy.map((span) => ({
      resourceId: span.resourceId,
      start: (span.heldFrom as Date).getTime(),
      end: (span.heldUntil as Date).getTime(),
    })),
  );
  const exceptionsOf = groupByResource(exceptions);
  return rows.map((row) => ({
    resourceId: row.id,
    weekly: row.weeklyHours as WeeklyHours,
    exceptions: (exceptionsOf.get(row.id) ?? []).map(({ date, intervals }) => ({ date, intervals })),
    busy: (busyOf.get(row.id) ?? []).map(({ start, end }) => ({ start, end })).sort((a, b) => a.start - b.start),
  }));
}

function groupByResource<T extends { resourceId: string }>(items: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.resourceId);
    if (group) group.push(item);
    else groups.set(item.resourceId, [item]);
  }
  return groups;
}
