import { DerivedTokens } from '../../lib/derivedTokens.js';

/** The token of a staff invitation, derived from the invitation's row (see DerivedTokens). */
export class InvitationTokens extends DerivedTokens {
  constructor(masterKey: string) {
    super(masterKey, 'staff-invitation');
  }
}
