import type { Redis } from 'ioredis';

/** A slot as the widget receives it. */
export type OfferedSlot = { start: string; end: string; free: number };

export type CachedAvailability = {
  tenantId: string;
  timeZone: string;
  version: string;
  computedAt: number;
  minNoticeMinutes: number;
  /** In start order; `startsAt[i]` is `slots[i].start` in epoch ms, for filtering without parsing. */
  slots: OfferedSlot[];
  startsAt: number[];
};

/**
 * Computed availability, kept in this process and trusted only while the clinic's schedule version
 * in Redis is unchanged. Anything that changes a clinic's schedule bumps the version after it
 * commits; entries also expire after `ttlMs`, bounding staleness if a bump is ever lost. A stale
 * slot is safe: booking it ends in a clean SLOT_TAKEN from the exclusion constraint.
 */
export class AvailabilityCache {
  readonly #entries = new Map<string, CachedAvailability>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly options: { ttlMs: number; maxEntries: number; enabled: boolean },
  ) {}

  private versionKey(tenantId: string): string {
    return `${this.prefix}:schedule-version:${tenantId}`;
  }

  /** Read before loading the schedule, so a change committed meanwhile makes the entry stale. */
  async version(tenantId: string): Promise<string> {
    return (await this.redis.get(this.versionKey(tenantId))) ?? '0';
  }

  async get(key: string, now: number): Promise<CachedAvailability | null> {
    if (!this.options.enabled) return null;
    const entry = this.#entries.get(key);
    if (!entry) return null;
    if (now - entry.computedAt > this.options.ttlMs || (await this.version(entry.tenantId)) !== entry.version) {
      this.#entries.delete(key);
      return null;
    }
    return entry;
  }

  set(key: string, entry: CachedAvailability): void {
    if (!this.options.enabled) return;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    if (this.#entries.size > this.options.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  /** Call after the change has committed. */
  async invalidate(tenantId: string): Promise<void> {
    await this.redis.incr(this.versionKey(tenantId));
  }
}
