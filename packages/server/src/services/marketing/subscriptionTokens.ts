import { DerivedTokens } from '../../lib/derivedTokens.js';

/** The double opt-in token, derived from the subscription request (see DerivedTokens). */
export class SubscriptionTokens extends DerivedTokens {
  constructor(masterKey: string) {
    super(masterKey, 'marketing-subscription');
  }
}
