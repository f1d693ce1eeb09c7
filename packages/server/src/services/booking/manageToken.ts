import { createHmac } from 'node:crypto';
import { deriveKey, sha256Hex } from '../../lib/crypto.js';

/**
 * The manage token is derived, not stored: HMAC(master-derived key, tenant + idempotency key). The
 * idempotency key is random per booking attempt, so the token is unguessable without the server's
 * key, and a retried request gets the same token back. Only its sha256 is kept in the database.
 */
export class ManageTokens {
  readonly #key: Buffer;

  constructor(masterKey: string) {
    this.#key = deriveKey(masterKey, 'booking-manage-token');
  }

  tokenFor(tenantId: string, idempotencyKey: string): string {
    return createHmac('sha256', this.#key).update(`${tenantId}:${idempotencyKey}`).digest('base64url');
  }

  hash(token: string): string {
    return sha256Hex(token);
  }
}
