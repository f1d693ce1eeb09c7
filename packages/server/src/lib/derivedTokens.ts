import { createHmac } from 'node:crypto';
import { deriveKey, sha256Hex } from './crypto.js';

/**
 * Tokens derived, not stored: HMAC(a key derived from the master key for `purpose`, tenant + the
 * id of the row the token stands for). Whoever holds the server's key can compute a row's token
 * again (a worker writing it into an email); the database keeps only its sha256, from which
 * nothing can be computed.
 */
export class DerivedTokens {
  readonly #key: Buffer;

  constructor(masterKey: string, purpose: string) {
    this.#key = deriveKey(masterKey, purpose);
  }

  tokenFor(tenantId: string, id: string): string {
    return createHmac('sha256', this.#key).update(`${tenantId}:${id}`).digest('base64url');
  }

  hash(token: string): string {
    return sha256Hex(token);
  }
}
