import type { ErrorReason } from '@hetki/shared';
import type { Redis } from 'ioredis';
import { sha256Hex } from '../../lib/crypto.js';
import { DomainError } from '../../lib/errors.js';

export type ThrottleLimits = { maxFailuresPerAccount: number; lockSeconds: number; maxAttemptsPerIp: number; ipWindowSeconds: number };

/** The failures that say the secret offered was wrong: only these count towards an account's lock. */
const WRONG_SECRET: ReadonlySet<ErrorReason> = new Set(['INVALID_CREDENTIALS', 'TOTP_INVALID', 'EMAIL_TAKEN']);

/**
 * Counts an IP's attempts and, when the account is not locked, reserves one failure on it, in one
 * step: parallel attempts each take their own reservation, so no more than the limit are ever
 * checked however many arrive at once. Returns 0 when the attempt is refused.
 */
const RESERVE_SCRIPT = `
local ipAttempts = redis.call('INCR', KEYS[1])
if ipAttempts == 1 then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
if ipAttempts > tonumber(ARGV[4]) then return 0 end
local failures = tonumber(redis.call('GET', KEYS[2]) or '0')
if failures >= tonumber(ARGV[1]) then return 0 end
redis.call('INCR', KEYS[2])
redis.call('EXPIRE', KEYS[2], ARGV[2])
return 1`;

/** Gives back a reservation; never below zero (the key may have expired meanwhile). */
const RELEASE_SCRIPT = `
local failures = tonumber(redis.call('GET', KEYS[1]) or '0')
if failures > 0 then redis.call('DECR', KEYS[1]) end
return 0`;

/**
 * Limits sign-in attempts (login, password checks of a signed-in user, sign-up or an invitation
 * with an existing account's password). An account locks after `maxFailuresPerAccount` failures
 * until `lockSeconds` pass; an IP may make `maxAttemptsPerIp` attempts per window whatever the
 * accounts. Keys hold a hash of the email, never the email.
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

  /**
   * Runs one attempt to prove an account's secret. A locked account or a busy IP never reaches
   * `attempt`. The attempt counts as a failure from the start; success clears the account's
   * failures, and an error that says nothing about the secret (a code still to enter, a slug
   * taken) gives its reservation back.
   */
  async attempt<T>(email: string, ip: string | null, attempt: () => Promise<T>): Promise<T> {
    const { maxFailuresPerAccount, lockSeconds, ipWindowSeconds, maxAttemptsPerIp } = this.limits;
    const accountKey = this.accountKey(email);
    const reserved = await this.redis.eval(
      RESERVE_SCRIPT,
      2,
      this.ipKey(ip),
      accountKey,
      maxFailuresPerAccount,
      lockSeconds,
      ipWindowSeconds,
      maxAttemptsPerIp,
    );
    if (reserved !== 1) throw new DomainError('TOO_MANY_REQUESTS', 'TOO_MANY_ATTEMPTS', 'Too many sign-in attempts. Try again later.');
    let result: T;
    try {
      result = await attempt();
    } catch (error) {
      if (!(error instanceof DomainError && WRONG_SECRET.has(error.reason))) await this.redis.eval(RELEASE_SCRIPT, 1, accountKey);
      throw error;
    }
    await this.redis.del(accountKey);
    return result;
  }
}
