import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { allocations } from '../../db/schema/index.js';
import { DomainError } from '../../lib/errors.js';
import { pgErrorCode } from '../../lib/pgErrors.js';
import { newId } from '../../lib/uuid.js';

export const slotTaken = () => new DomainError('CONFLICT', 'SLOT_TAKEN', 'This time was just taken. Please choose another time.');

/**
 * A write of held time that lost to another: an overlap the exclusion constraint refused (23P01), or
 * a deadlock (40P01), as when two moves head into each other's freed times at the same moment and
 * PostgreSQL aborts one of them.
 */
export function lostTheSlot(error: unknown): boolean {
  const code = pgErrorCode(error);
  return code === '23P01' || code === '40P01';
}

/** The span a booking holds its resources for: its own time plus the service's buffers. */
export function heldRange(start: Date, end: Date, bufferBeforeMinutes: number, bufferAfterMinutes: number): string {
  const from = new Date(start.getTime() - bufferBeforeMinutes * 60_000).toISOString();
  const to = new Date(end.getTime() + bufferAfterMinutes * 60_000).toISOString();
  return `[${from},${to})`;
}

/**
 * Inserts the allocation rows. The exclusion constraint is the only arbiter of overlaps: a lost race
 * surfaces here (see lostTheSlot) and becomes a CONFLICT, which rolls the caller's transaction back.
 */
export async function holdResources(
  tx: Tx,
  tenantId: string,
  holding: {
    bookingId: string | null;
    kind: 'booking' | 'block';
    resourceIds: string[];
    during: string;
    note?: string | null;
    createdBy?: string | null;
  },
): Promise<string[]> {
  try {
    const inserted = await tx
      .insert(allocations)
      .values(
        holding.resourceIds.map((resourceId) => ({
          tenantId,
          id: newId(),
          resourceId,
          bookingId: holding.bookingId,
          kind: holding.kind,
          during: holding.during,
          note: holding.note ?? null,
          createdBy: holding.createdBy ?? null,
        })),
      )
      .returning({ id: allocations.id });
    return inserted.map((row) => row.id);
  } catch (error) {
    if (lostTheSlot(error)) throw slotTaken();
    throw error;
  }
}

/** Frees what a booking holds (cancellation, or before it is placed again when moved). */
export async function releaseBookingResources(tx: Tx, tenantId: string, bookingId: string): Promise<void> {
  await tx
    .update(allocations)
    .set({ live: false })
    .where(and(eq(allocations.tenantId, tenantId), eq(allocations.bookingId, bookingId), eq(allocations.live, true)));
}
