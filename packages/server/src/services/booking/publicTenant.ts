import { type TenantPreferences, tenantPreferencesSchema } from '@hetki/shared';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { setDbContext, withDbContext } from '../../db/context.js';
import { tenants } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { notFound } from '../../lib/errors.js';

export type PublicTenant = { id: string; slug: string; name: string; timeZone: string; preferences: TenantPreferences };

/**
 * One transaction for a public request: the tenant comes from the slug in the URL (never from an id
 * the browser sends), then the transaction narrows to that tenant like any staff request.
 */
export function withPublicTenant<T>(deps: Deps, slug: string, fn: (tx: Tx, tenant: PublicTenant) => Promise<T>): Promise<T> {
  return withDbContext(deps.db, { publicSlug: slug }, async (tx) => {
    const [row] = await tx.select().from(tenants).where(eq(tenants.slug, slug));
    if (!row) throw notFound('Clinic');
    await setDbContext(tx, { tenantId: row.id });
    return fn(tx, {
      id: row.id,
      slug: row.slug,
      name: row.name,
      timeZone: row.timeZone,
      preferences: tenantPreferencesSchema.parse(row.preferences),
    });
  });
}
