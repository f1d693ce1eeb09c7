import type { Redis } from 'ioredis';
import { sha256Hex } from '../../lib/crypto.js';
import { DomainError } from '../../lib/errors.js';

export type ThrottleLimits = { maxFailuresPerAccount: number; lockSeconds: number; maxAttemptsPerIp: number; ipWindowSeconds: number };

/**
 * Counts login attempts in Redis. An account locks after `maxFailuresPerAccount` failures until
 * `lockSeconds` pass; an IP may make `maxAttemptsPerIp` attempts per window whatever the accounts.
 * Keys hold a hash of the email, never the email.
 */
export class LoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limits: ThrottleLimits,
  ) {}

  private accountKey(email: string): string {
    return `${this.prefix}:login:account:${sha256Hex(email)}`;
  }

  private ipKey(ip: string | null): string {
    return `${this.prefix}:login:ip:${ip ?? 'unknown'}`;
  }

  /** Call before checking the password: counts the attempt against the IP and refuses locked accounts. */
  async beforeAttempt(email: string, ip: string | null): Promise<void> {
    const ipKey = this.ipKey(ip);
    const [[, ipAttempts], , [, failures]] = (await this.redis
      .multi()
      .incr(ipKey)
      .expire(ipKey, this.limits.ipWindowSeconds, 'NX')
      .get(this.accountKey(email))
      .exec()) as [[null, number], [null, number], [null, string | null]];
    if (ipAttempts > this.limits.maxAttemptsPerIp || Number(failures ?? 0) >= this.limits.maxFailuresPerAccount) {
      throw new DomainError('TOO_MANY_REQUESTS', 'TOO_MANY_ATTEMPTS', 'Too many sign-in attempts. Try again later.');
    }
  }

  async recordFailure(email: string): Promise<void> {
    const key = this.accountKey(email);
    await this.redis.multi().incr(key).expire(key, this.limits.lockSeconds).exec();
  }

  async recordSuccess(email: string): Promise<void> {
    await this.redis.del(this.accountKey(email));
  }
}
