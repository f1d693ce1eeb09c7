import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A 32-byte key for one purpose, derived from the master key (HKDF-SHA256), so no two uses share a key. */
export function deriveKey(masterKey: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, 'hetki', purpose, 32));
}

const GCM_IV_BYTES = 12;
const GCM_TAG_BYTES = 16;

/**
 * AES-256-GCM. Sealed form: `<version>.<iv>.<tag>.<ciphertext>` (base64url parts). `aad` binds the
 * value to where it belongs (an empty one is the same as none), so a ciphertext moved elsewhere fails.
 */
export function sealAesGcm(key: Buffer, aad: Buffer, plaintext: Buffer, version: string): string {
  const iv = randomBytes(GCM_IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [version, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** Throws on another version, another key or authenticated data, or any tampering. */
export function openAesGcm(key: Buffer, aad: Buffer, sealed: string, expectedVersion: string): Buffer {
  const [version, iv, tag, body, extra] = sealed.split('.');
  if (version !== expectedVersion || !iv || !tag || body === undefined || extra !== undefined) {
    throw new Error('Unrecognised ciphertext');
  }
  const ivBytes = Buffer.from(iv, 'base64url');
  const tagBytes = Buffer.from(tag, 'base64url');
  // Node accepts tags as short as 4 bytes: a truncated tag would make a forgery far cheaper.
  if (ivBytes.length !== GCM_IV_BYTES || tagBytes.length !== GCM_TAG_BYTES) throw new Error('Unrecognised ciphertext');
  const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: GCM_TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tagBytes);
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
}

const NO_AAD = Buffer.alloc(0);

/** Secrets sealed under a key derived from the master key for one purpose (e.g. TOTP secrets). */
export class SecretBox {
  readonly #key: Buffer;

  constructor(masterKey: string, purpose: string) {
    this.#key = deriveKey(masterKey, purpose);
  }

  seal(plaintext: string): string {
    return sealAesGcm(this.#key, NO_AAD, Buffer.from(plaintext, 'utf8'), 'v1');
  }

  open(sealed: string): string {
    return openAesGcm(this.#key, NO_AAD, sealed, 'v1').toString('utf8');
  }
}
