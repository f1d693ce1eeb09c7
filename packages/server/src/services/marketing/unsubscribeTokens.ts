import { createHmac } from 'node:crypto';
import { deriveKey, safeEqual } from '../../lib/crypto.js';
import type { MarketingChannel } from './marketingConsents.js';

export type UnsubscribeTarget = { tenantId: string; contactId: string; channel: MarketingChannel };

const CHANNEL_CODES: Record<MarketingChannel, string> = { email: 'e', sms: 's' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Unsubscribe links carry a signed token, not personal data: the clinic and contact ids and the
 * channel, with an HMAC under a key derived from MASTER_KEY. They do not expire: a person must be
 * able to leave from any old message.
 */
export class UnsubscribeTokens {
  readonly #key: Buffer;

  constructor(masterKey: string) {
    this.#key = deriveKey(masterKey, 'marketing-unsubscribe');
  }

  tokenFor(target: UnsubscribeTarget): string {
    const payload = `${target.tenantId.replaceAll('-', '')}${target.contactId.replaceAll('-', '')}${CHANNEL_CODES[target.channel]}`;
    return `${payload}.${this.mac(payload)}`;
  }

  /** The target a token names, or null when it is malformed or not ours. */
  read(token: string): UnsubscribeTarget | null {
    const match = /^([0-9a-f]{32})([0-9a-f]{32})([es])\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) return null;
    const [, tenantHex, contactHex, code, mac] = match as unknown as [string, string, string, string, string];
    if (!safeEqual(mac, this.mac(`${tenantHex}${contactHex}${code}`))) return null;
    const tenantId = toUuid(tenantHex);
    const contactId = toUuid(contactHex);
    if (!UUID.test(tenantId) || !UUID.test(contactId)) return null;
    return { tenantId, contactId, channel: code === 'e' ? 'email' : 'sms' };
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.#key).update(payload).digest('base64url');
  }
}

function toUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
