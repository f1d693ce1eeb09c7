import { createHmac } from 'node:crypto';
import { deriveKey, sha256Hex } from '../../lib/crypto.js';

/**
 * The double opt-in token is derived from the subscription request, not stored: the worker can
 * write it into the email, and the database keeps only its hash.
 */
export class SubscriptionTokens {
  readonly #key: Buffer;

  constructor(masterKey: string) {
    this.#key = deriveKey(masterKey, 'marketing-subscription');
  }

  tokenFor(tenantId: string, subscriptionId: string): string {
    return createHmac('sha256', this.#key).update(`${tenantId}:${subscriptionId}`).digest('base64url');
  }

  hash(token: string): string {
    return sha256Hex(token);
  }
}
