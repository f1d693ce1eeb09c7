import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { resources } from '../../db/schema/index.js';
import { listServices } from './services.js';

/** Services bookable online, and the practitioners who perform them (names only). */
export async function publicCatalogue(tx: Tx, tenantId: string) {
  const services = await listServices(tx, tenantId, { onlyBookableOnline: true });
  const practitioners = await tx
    .select({ id: resources.id, name: resources.name })
    .from(resources)
    .where(and(eq(resources.tenantId, tenantId), eq(resources.kind, 'practitioner'), eq(resources.active, true)))
    .orderBy(asc(resources.name));
  return {
    services: services.map((service) => ({
      id: service.id,
      name: service.name,
      description: service.description,
      category: service.category,
      durationMinutes: service.durationMinutes,
      priceCents: service.priceCents,
      currency: service.currency,
      practitionerIds: service.practitionerIds,
    })),
    practitioners: practitioners.filter((practitioner) => services.some((service) => service.practitionerIds.includes(practitioner.id))),
  };
}
