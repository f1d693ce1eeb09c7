import { type Locale, type TenantPreferences, tenantPreferencesSchema } from '@hetki/shared';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { withDbContext } from '../../db/context.js';
import type { Deps } from '../../deps.js';
import { notFound } from '../../lib/errors.js';

export type PublicTenant = {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  defaultLocale: Locale;
  contactEmail: string | null;
  preferences: TenantPreferences;
};

type TenantRow = {
  id: string;
  slug: string;
  name: string;
  time_zone: string;
  default_locale: Locale;
  contact_email: string | null;
  preferences: Partial<TenantPreferences>;
};

/**
 * One transaction for a public request: the tenant comes from the slug in the URL (never from an id
 * the browser sends), then the transaction narrows to that tenant like any staff request. The row is
 * visible through the public-slug policy alone, and the statement that reads it sets the tenant for
 * the rest of the transaction (the select list runs only for the row the policy let through).
 */
export function withPublicTenant<T>(deps: Deps, slug: string, fn: (tx: Tx, tenant: PublicTenant) => Promise<T>): Promise<T> {
  return withDbContext(deps.db, { publicSlug: slug }, async (tx) => {
    const [row] = await tx.execute<TenantRow>(sql`
      select set_config('app.tenant_id', id::text, true), id, slug, name, time_zone, default_locale, contact_email, preferences
      from tenants where slug = ${slug}`);
    if (!row) throw notFound('Clinic');
    return fn(tx, {
      id: row.id,
      slug: row.slug,
      name: row.name,
      timeZone: row.time_zone,
      defaultLocale: row.default_locale,
      contactEmail: row.contact_email,
      preferences: tenantPreferencesSchema.parse(row.preferences),
    });
  });
}
