import type { Redis } from 'ioredis';
import { sha256Hex } from '../../lib/crypto.js';
import { DomainError } from '../../lib/errors.js';

export type PortalThrottleLimits = { perEmail: number; perIp: number; windowSeconds: number };

export const PORTAL_THROTTLE_LIMITS: PortalThrottleLimits = { perEmail: 5, perIp: 30, windowSeconds: 15 * 60 };

/**
 * Counts sign-in link requests in Redis per email (whatever the clinic) and per IP. The count is
 * the same whether or not the email belongs to a client, so refusals reveal nothing either.
 * Keys hold a hash of the email, never the email.
 */
export class PortalThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limits: PortalThrottleLimits = PORTAL_THROTTLE_LIMITS,
  ) {}

  async beforeLinkRequest(email: string, ip: string | null): Promise<void> {
    const emailKey = `${this.prefix}:portal:email:${sha256Hex(email)}`;
    const ipKey = `${this.prefix}:portal:ip:${ip ?? 'unknown'}`;
    const window = this.limits.windowSeconds;
    const [[, byEmail], , [, byIp]] = (await this.redis
      .multi()
      .incr(emailKey)
      .expire(emailKey, window, 'NX')
      .incr(ipKey)
      .expire(ipKey, window, 'NX')
      .exec()) as [[null, number], [null, number], [null, number], [null, number]];
    if (byEmail > this.limits.perEmail || byIp > this.limits.perIp) {
      throw new DomainError('TOO_MANY_REQUESTS', 'TOO_MANY_ATTEMPTS', 'Too many sign-in links asked for. Try again later.');
    }
  }
}
