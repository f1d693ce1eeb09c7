import { createHmac } from 'node:crypto';
import { deriveKey } from '../../lib/crypto.js';

const keys = new Map<string, Buffer>();

/**
 * A keyed hash (HMAC-SHA256 under a key derived from the master key) of a visitor's IP address:
 * the same address gives the same hash, so a record can be matched to a complaint about it, but
 * the address cannot be read back or found by hashing all IPv4 addresses without the key.
 */
export function hashVisitorIp(masterKey: string, ip: string | null): string | null {
  if (!ip) return null;
  let key = keys.get(masterKey);
  if (!key) {
    key = deriveKey(masterKey, 'cookie-consent-ip');
    keys.set(masterKey, key);
  }
  return createHmac('sha256', key).update(ip).digest('hex');
}
