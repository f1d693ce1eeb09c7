import { createHmac } from 'node:crypto';
import { deriveKey, sha256Hex } from '../../lib/crypto.js';

/**
 * The token of a portal sign-in link is derived from the link's row, not stored: the worker can
 * write it into the email, and the database keeps only its sha256. Without the server's key the
 * token cannot be computed from anything in the database.
 */
export class PortalLinkTokens {
  readonly #key: Buffer;

  constructor(masterKey: string) {
    this.#key = deriveKey(masterKey, 'portal-sign-in-link');
  }

  tokenFor(tenantId: string, linkId: string): string {
    return createHmac('sha256', this.#key).update(`${tenantId}:${linkId}`).digest('base64url');
  }

  hash(token: string): string {
    return sha256Hex(token);
  }
}
