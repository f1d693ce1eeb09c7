import { type PublicProfile, tenantPreferencesSchema } from '@hetki/shared';
import { eq } from 'drizzle-orm';
import { withDbContext } from '../../db/context.js';
import { tenants } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { notFound } from '../../lib/errors.js';

/** What a clinic shows the public: the RLS context names only the slug being asked for. */
export async function getPublicProfile(deps: Deps, slug: string): Promise<PublicProfile> {
  const row = await withDbContext(deps.db, { publicSlug: slug }, async (tx) => {
    const [found] = await tx.select().from(tenants).where(eq(tenants.slug, slug));
    return found;
  });
  if (!row) throw notFound('Clinic');
  return {
    slug: row.slug,
    name: row.name,
    businessId: row.businessId,
    address: row.address,
    contactEmail: row.contactEmail,
    contactPhone: row.contactPhone,
    timeZone: row.timeZone,
    defaultLocale: row.defaultLocale,
    enabledLocales: tenantPreferencesSchema.parse(row.preferences).enabledLocales,
  };
}
