import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openAesGcm, sealAesGcm } from './crypto.js';

const key = randomBytes(32);
const aad = Buffer.from('tenant-1/note/row-1');

/** The sealed form with one of its parts replaced. */
function withPart(sealed: string, index: number, part: Buffer): string {
  const parts = sealed.split('.');
  parts[index] = part.toString('base64url');
  return parts.join('.');
}

describe('AES-256-GCM sealing', () => {
  const sealed = sealAesGcm(key, aad, Buffer.from('hoitohuomio'), 'v1');

  it('opens what it sealed, with the same key, authenticated data and version', () => {
    expect(openAesGcm(key, aad, sealed, 'v1').toString()).toBe('hoitohuomio');
  });

  it('refuses another key, other authenticated data, another version or a changed body', () => {
    expect(() => openAesGcm(randomBytes(32), aad, sealed, 'v1')).toThrow();
    expect(() => openAesGcm(key, Buffer.from('tenant-2/note/row-1'), sealed, 'v1')).toThrow();
    expect(() => openAesGcm(key, aad, sealed, 'v2')).toThrow('Unrecognised ciphertext');
    const body = Buffer.from(sealed.split('.')[3] as string, 'base64url');
    body[0] = (body[0] as number) ^ 1;
    expect(() => openAesGcm(key, aad, withPart(sealed, 3, body), 'v1')).toThrow();
  });

  it('refuses a truncated tag (Node would check only its first bytes) and a nonce of another length', () => {
    const tag = Buffer.from(sealed.split('.')[2] as string, 'base64url');
    expect(tag).toHaveLength(16);
    for (const length of [4, 8, 12, 15]) {
      expect(() => openAesGcm(key, aad, withPart(sealed, 2, tag.subarray(0, length)), 'v1')).toThrow('Unrecognised ciphertext');
    }
    const iv = Buffer.from(sealed.split('.')[1] as string, 'base64url');
    expect(() => openAesGcm(key, aad, withPart(sealed, 1, Buffer.concat([iv, Buffer.alloc(4)])), 'v1')).toThrow('Unrecognised ciphertext');
  });
});
