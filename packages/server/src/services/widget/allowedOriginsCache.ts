/**
 * The sites each clinic allows, kept in memory for a few seconds: every call from an embedded
 * widget is checked against them, and most of those calls are otherwise answered from the
 * availability cache without touching the database. A change made through this process takes
 * effect at once; one made through another process within AllowedOriginsCache.TTL_MS.
 */
export class AllowedOriginsCache {
  static readonly TTL_MS = 5_000;
  private readonly entries = new Map<string, { tenantId: string; origins: string[]; until: number }>();

  get(slug: string, now: number): string[] | undefined {
    const entry = this.entries.get(slug);
    if (!entry || entry.until <= now) return undefined;
    return entry.origins;
  }

  set(slug: string, tenantId: string, origins: string[], now: number): void {
    if (this.entries.size >= 10_000) this.entries.clear();
    this.entries.set(slug, { tenantId, origins, until: now + AllowedOriginsCache.TTL_MS });
  }

  forget(tenantId: string): void {
    for (const [slug, entry] of this.entries) if (entry.tenantId === tenantId) this.entries.delete(slug);
  }
}

/** One per process, like the connection pools. */
export const allowedOriginsCache = new AllowedOriginsCache();
