import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { memberships, resourceExceptions, resources } from '../../db/schema/index.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/uuid.js';
import { type Actor, appendAudit } from '../audit/auditLog.js';

type WeeklyHours = Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', { start: string; end: string }[]>>;
export type ResourceView = {
  id: string;
  kind: 'practitioner' | 'room';
  name: string;
  staffUserId: string | null;
  weeklyHours: WeeklyHours;
  active: boolean;
};

const toView = (row: typeof resources.$inferSelect): ResourceView => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  staffUserId: row.staffUserId,
  weeklyHours: row.weeklyHours,
  active: row.active,
});

export async function listResources(tx: Tx, tenantId: string): Promise<ResourceView[]> {
  const rows = await tx.select().from(resources).where(eq(resources.tenantId, tenantId)).orderBy(asc(resources.kind), asc(resources.name));
  return rows.map(toView);
}

/** NOT_FOUND unless the clinic has this resource (of this kind, when one is given). */
export async function assertResourceExists(tx: Tx, tenantId: string, id: string, kind?: 'practitioner' | 'room'): Promise<void> {
  const [row] = await tx
    .select({ id: resources.id })
    .from(resources)
    .where(and(eq(resources.tenantId, tenantId), eq(resources.id, id), kind ? eq(resources.kind, kind) : undefined));
  if (!row) throw notFound(kind === 'room' ? 'Room' : kind === 'practitioner' ? 'Practitioner' : 'Resource');
}

async function assertStaffMember(tx: Tx, tenantId: string, staffUserId: string | null | undefined): Promise<void> {
  if (!staffUserId) return;
  const [member] = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, staffUserId)));
  if (!member) throw notFound('Team member');
}

export async function createResource(
  tx: Tx,
  tenantId: string,
  actor: Actor,
  input: { kind: 'practitioner' | 'room'; name: string; staffUserId: string | null; weeklyHours: WeeklyHours },
): Promise<ResourceView> {
  if (input.kind === 'room' && input.staffUserId) {
    throw new DomainError('BAD_REQUEST', 'INVALID_INPUT', 'A room cannot be linked to a staff member');
  }
  await assertStaffMember(tx, tenantId, input.staffUserId);
  const [row] = await tx
    .insert(resources)
    .values({ tenantId, id: newId(), kind: input.kind, name: input.name, staffUserId: input.staffUserId, weeklyHours: input.weeklyHours })
    .returning();
  if (!row) throw new Error('Resource insert returned nothing');
  await appendAudit(tx, tenantId, actor, { action: 'create', entity: 'resource', entityId: row.id, details: { kind: row.kind } });
  return toView(row);
}

export async function updateResource(
  tx: Tx,
  tenantId: string,
  actor: Actor,
  input: { id: string; name?: string; staffUserId?: string | null; weeklyHours?: WeeklyHours; active?: boolean },
): Promise<ResourceView> {
  const { id, ...changes } = input;
  await assertStaffMember(tx, tenantId, changes.staffUserId);
  const [row] = await tx
    .update(resources)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(resources.tenantId, tenantId), eq(resources.id, id)))
    .returning();
  if (!row) throw notFound('Resource');
  if (row.kind === 'room' && row.staffUserId)
    throw new DomainError('BAD_REQUEST', 'INVALID_INPUT', 'A room cannot be linked to a staff member');
  await appendAudit(tx, tenantId, actor, { action: 'update', entity: 'resource', entityId: id, details: { fields: Object.keys(changes) } });
  return toView(row);
}

/** Other hours (or none: closed) for one date. Replaces an earlier exception for that date. */
export async function setResourceException(
  tx: Tx,
  tenantId: string,
  actor: Actor,
  input: { resourceId: string; date: string; intervals: { start: string; end: string }[]; note: string | null },
): Promise<void> {
  await assertResourceExists(tx, tenantId, input.resourceId);
  await tx
    .insert(resourceExceptions)
    .values({ tenantId, ...input })
    .onConflictDoUpdate({
      target: [resourceExceptions.tenantId, resourceExceptions.resourceId, resourceExceptions.date],
      set: { intervals: input.intervals, note: input.note },
    });
  await appendAudit(tx, tenantId, actor, { action: 'update', entity: 'resource_exception', entityId: `${input.resourceId}:${input.date}` });
}

export async function removeResourceException(
  tx: Tx,
  tenantId: string,
  actor: Actor,
  input: { resourceId: string; date: string },
): Promise<void> {
  const removed = await tx
    .delete(resourceExceptions)
    .where(
      and(
        eq(resourceExceptions.tenantId, tenantId),
        eq(resourceExceptions.resourceId, input.resourceId),
        eq(resourceExceptions.date, input.date),
      ),
    )
    .returning({ date: resourceExceptions.date });
  if (removed.length === 0) throw notFound('Exception');
  await appendAudit(tx, tenantId, actor, { action: 'delete', entity: 'resource_exception', entityId: `${input.resourceId}:${input.date}` });
}

export async function listResourceExceptions(tx: Tx, tenantId: string, resourceId: string) {
  await assertResourceExists(tx, tenantId, resourceId);
  return tx
    .select({ date: resourceExceptions.date, intervals: resourceExceptions.intervals, note: resourceExceptions.note })
    .from(resourceExceptions)
    .where(and(eq(resourceExceptions.tenantId, tenantId), eq(resourceExceptions.resourceId, resourceId)))
    .orderBy(asc(resourceExceptions.date));
}
