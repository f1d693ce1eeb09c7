import type { CreateServiceInput, UpdateServiceInput } from '@hetki/shared';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { resources, servicePractitioners, services } from '../../db/schema/index.js';
import { notFound } from '../../lib/errors.js';
import { newId } from '../../lib/uuid.js';
import { type Actor, appendAudit } from '../audit/auditLog.js';

export type ServiceView = Omit<typeof services.$inferSelect, 'tenantId' | 'createdAt' | 'updatedAt'> & { practitionerIds: string[] };

/** Services with who performs each, in one query (the practitioner ids aggregated per row). */
async function selectServices(tx: Tx, where: SQL | undefined): Promise<ServiceView[]> {
  const rows = await tx
    .select({
      service: services,
      practitionerIds: sql<string[]>`coalesce((
        select array_agg(${servicePractitioners.resourceId}) from ${servicePractitioners}
        where ${servicePractitioners.tenantId} = ${services.tenantId} and ${servicePractitioners.serviceId} = ${services.id}
      ), '{}')`,
    })
    .from(services)
    .where(where)
    .orderBy(asc(services.category), asc(services.createdAt));
  return rows.map(({ service: { tenantId: _t, createdAt: _c, updatedAt: _u, ...rest }, practitionerIds }) => ({
    ...rest,
    practitionerIds,
  }));
}

export function listServices(tx: Tx, tenantId: string, options: { onlyBookableOnline?: boolean } = {}): Promise<ServiceView[]> {
  return selectServices(
    tx,
    and(
      eq(services.tenantId, tenantId),
      options.onlyBookableOnline ? and(eq(services.active, true), eq(services.bookableOnline, true)) : undefined,
    ),
  );
}

export async function getService(tx: Tx, tenantId: string, serviceId: string): Promise<ServiceView> {
  const [service] = await selectServices(tx, and(eq(services.tenantId, tenantId), eq(services.id, serviceId)));
  if (!service) throw notFound('Service');
  return service;
}

/** Replaces who performs the service; every id must be a practitioner of this clinic. */
async function setPractitioners(tx: Tx, tenantId: string, serviceId: string, practitionerIds: string[]): Promise<void> {
  const unique = [...new Set(practitionerIds)];
  if (unique.length > 0) {
    const found = await tx
      .select({ id: resources.id })
      .from(resources)
      .where(and(eq(resources.tenantId, tenantId), eq(resources.kind, 'practitioner'), inArray(resources.id, unique)));
    if (found.length !== unique.length) throw notFound('Practitioner');
  }
  await tx
    .delete(servicePractitioners)
    .where(and(eq(servicePractitioners.tenantId, tenantId), eq(servicePractitioners.serviceId, serviceId)));
  if (unique.length > 0) {
    await tx.insert(servicePractitioners).values(unique.map((resourceId) => ({ tenantId, serviceId, resourceId })));
  }
}

export async function createService(tx: Tx, tenantId: string, actor: Actor, input: CreateServiceInput): Promise<ServiceView> {
  const { practitionerIds, ...fields } = input;
  const id = newId();
  await tx.insert(services).values({ tenantId, id, ...fields });
  await setPractitioners(tx, tenantId, id, practitionerIds);
  await appendAudit(tx, tenantId, actor, { action: 'create', entity: 'service', entityId: id });
  return getService(tx, tenantId, id);
}

export async function updateService(tx: Tx, tenantId: string, actor: Actor, input: UpdateServiceInput): Promise<ServiceView> {
  const { id, practitionerIds, ...fields } = input;
  const updated = await tx
    .update(services)
    .set({ ...fields, updatedAt: new Date() })
    .where(and(eq(services.tenantId, tenantId), eq(services.id, id)))
    .returning({ id: services.id });
  if (updated.length === 0) throw notFound('Service');
  if (practitionerIds) await setPractitioners(tx, tenantId, id, practitionerIds);
  await appendAudit(tx, tenantId, actor, {
    action: 'update',
    entity: 'service',
    entityId: id,
    details: { fields: Object.keys(input).filter((key) => key !== 'id') },
  });
  return getService(tx, tenantId, id);
}
