import { DerivedTokens } from '../../lib/derivedTokens.js';

/**
 * The manage token: derived from the tenant and the booking attempt (see attemptRef), which is
 * random per attempt, so a retried request gets the same token back (see DerivedTokens).
 */
export class ManageTokens extends DerivedTokens {
  readonly #attempts: DerivedTokens;

  constructor(masterKey: string) {
    super(masterKey, 'booking-manage-token');
    this.#attempts = new DerivedTokens(masterKey, 'booking-attempt');
  }

  /**
   * What the database keeps of a client's idempotency key: a keyed digest of it, never the key.
   * A retry sends the key and finds the booking by its digest; someone who reads the digest out of
   * the database (a backup) cannot turn it back into the key, so cannot replay the booking request
   * to be handed its manage token. The token is derived from the digest, so a worker can still
   * put it into a reminder.
   */
  attemptRef(tenantId: string, idempotencyKey: string): string {
    return `a1.${this.#attempts.tokenFor(tenantId, idempotencyKey)}`;
  }
}
