import { DerivedTokens } from '../../lib/derivedTokens.js';

/** The token of a portal sign-in link, derived from the link's row (see DerivedTokens). */
export class PortalLinkTokens extends DerivedTokens {
  constructor(masterKey: string) {
    super(masterKey, 'portal-sign-in-link');
  }
}
