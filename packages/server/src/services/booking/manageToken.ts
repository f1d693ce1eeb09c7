import { DerivedTokens } from '../../lib/derivedTokens.js';

/**
 * The manage token: derived from the tenant and the booking attempt's idempotency key, which is
 * random per attempt, so a retried request gets the same token back (see DerivedTokens).
 */
export class ManageTokens extends DerivedTokens {
  constructor(masterKey: string) {
    super(masterKey, 'booking-manage-token');
  }
}
