import type { Redis } from 'ioredis';
import { DomainError } from '../../lib/errors.js';

/** Cookie decisions one address may record for one clinic per hour: far above any real visitor's. */
export const CONSENT_RECORDS_PER_HOUR = 60;

/**
 * Keeps one address from filling a clinic's consent records. Counted per clinic and per keyed hash
 * of the IP (the key never holds the address itself), for one hour.
 */
export async function throttleConsentRecords(redis: Redis, prefix: string, tenantId: string, ipHash: string | null): Promise<void> {
  const key = `${prefix}:cookie-consent:${tenantId}:${ipHash ?? 'unknown'}`;
  const [[, count]] = (await redis.multi().incr(key).expire(key, 3600, 'NX').exec()) as [[null, number], [null, number]];
  if (count > CONSENT_RECORDS_PER_HOUR) {
    throw new DomainError('TOO_MANY_REQUESTS', 'TOO_MANY_ATTEMPTS', 'Too many cookie decisions from this address. Try again later.');
  }
}
