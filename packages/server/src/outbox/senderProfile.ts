import { type Locale, type TenantPreferences, tenantPreferencesSchema } from '@hetki/shared';
import { eq } from 'drizzle-orm';
import type { Tx } from '../db/connections.js';
import { tenants } from '../db/schema/index.js';

/** What a message needs to know of its clinic: who it is from and the clinic's own rules. */
export type SenderProfile = {
  id: string;
  slug: string;
  name: string;
  email: string | null;
  phone: string | null;
  address: { street: string; postalCode: string; city: string } | null;
  timeZone: string;
  defaultLocale: Locale;
  preferences: TenantPreferences;
};

const TTL_MS = 30_000;

/**
 * Clinic profiles change rarely and every message needs one, so a worker keeps each for 30 s.
 * A changed name or rule reaches messages within that time.
 */
export class SenderProfiles {
  private readonly cache = new Map<string, { profile: SenderProfile; until: number }>();

  async get(tx: Tx, tenantId: string): Promise<SenderProfile> {
    const cached = this.cache.get(tenantId);
    if (cached && cached.until > Date.now()) return cached.profile;
    const [row] = await tx.select().from(tenants).where(eq(tenants.id, tenantId));
    if (!row) throw new Error('The clinic of an outbox row is gone');
    const profile: SenderProfile = {
      id: row.id,
      slug: row.slug,
      name: row.name,
      email: row.contactEmail,
      phone: row.contactPhone,
      address: row.address,
      timeZone: row.timeZone,
      defaultLocale: row.defaultLocale,
      preferences: tenantPreferencesSchema.parse(row.preferences),
    };
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(tenantId, { profile, until: Date.now() + TTL_MS });
    return profile;
  }
}

/** "Clinic name, street, postal code city, phone, email": the contact line every message carries. */
export function contactLine(profile: SenderProfile): string {
  return [profile.name, postalAddress(profile), profile.phone, profile.email].filter(Boolean).join(' · ');
}

/** "Street, postal code city", or null for a clinic without an address. */
export function postalAddress(profile: SenderProfile): string | null {
  return profile.address ? `${profile.address.street}, ${profile.address.postalCode} ${profile.address.city}` : null;
}
