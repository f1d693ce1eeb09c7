import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { tenantKeys } from '../../db/schema/index.js';
import { deriveKey, openAesGcm, sealAesGcm } from '../../lib/crypto.js';

/**
 * Envelope encryption for special-category data.
 *
 * Each clinic has its own random 32-byte data key. The database keeps it only wrapped
 * (AES-256-GCM) under a key derived from MASTER_KEY, with the tenant id and key version as
 * additional authenticated data, so a wrapped key copied to another clinic's row does not unwrap.
 * Field values are sealed under the data key with AES-256-GCM, and the tenant id, the purpose
 * (table and column) and the row id are bound as additional authenticated data: a ciphertext
 * copied to another clinic, another column or another row fails to open.
 *
 * Sealed form: `<key version>.<iv>.<tag>.<ciphertext>`, base64url parts.
 */
export const CURRENT_KEY_VERSION = 'v1';

/** Where a sealed value lives. Part of the authenticated data: it cannot be moved elsewhere. */
export type FieldPurpose = 'visit_note.body' | 'health_info.body' | 'client.personal_identity_code';

export type TenantDataKey = { readonly tenantId: string; readonly version: string; readonly key: Buffer };

const KEY_BYTES = 32;

/** The key-wrapping keys derived from one master key, one per key version. */
export class MasterKeyRing {
  readonly #wrappingKeys = new Map<string, Buffer>();

  constructor(private readonly masterKey: string) {}

  wrappingKey(version: string): Buffer {
    let key = this.#wrappingKeys.get(version);
    if (!key) {
      key = deriveKey(this.masterKey, `tenant-data-key-wrap:${version}`);
      this.#wrappingKeys.set(version, key);
    }
    return key;
  }

  wrap(tenantId: string, version: string, dataKey: Buffer): string {
    return sealAesGcm(this.wrappingKey(version), wrapAad(tenantId, version), dataKey, version);
  }

  unwrap(tenantId: string, version: string, wrapped: string): Buffer {
    const dataKey = openAesGcm(this.wrappingKey(version), wrapAad(tenantId, version), wrapped, version);
    if (dataKey.length !== KEY_BYTES) throw new Error('Unwrapped data key has the wrong length');
    return dataKey;
  }
}

const rings = new Map<string, MasterKeyRing>();
/** One ring per master key for the life of the process, so the wrapping keys are derived once. */
export function masterKeyRing(masterKey: string): MasterKeyRing {
  let ring = rings.get(masterKey);
  if (!ring) {
    ring = new MasterKeyRing(masterKey);
    rings.set(masterKey, ring);
  }
  return ring;
}

const wrapAad = (tenantId: string, version: string) => Buffer.from(`hetki:tenant-data-key:${tenantId}:${version}`, 'utf8');
const fieldAad = (key: TenantDataKey, purpose: FieldPurpose, recordId: string) =>
  Buffer.from(`hetki:field:${key.tenantId}:${purpose}:${recordId}:${key.version}`, 'utf8');

/**
 * The clinic's current data key, created on first use inside the caller's transaction (so it
 * commits or rolls back with the first value sealed under it). Two first uses at once: both
 * insert with ON CONFLICT DO NOTHING, the loser waits for the winner and then reads its key.
 */
export async function tenantDataKey(tx: Tx, ring: MasterKeyRing, tenantId: string, version = CURRENT_KEY_VERSION): Promise<TenantDataKey> {
  const existing = await readKey(tx, ring, tenantId, version);
  if (existing) return existing;
  if (version !== CURRENT_KEY_VERSION) throw new Error(`No data key of version ${version}`);
  await tx
    .insert(tenantKeys)
    .values({ tenantId, version, wrappedKey: ring.wrap(tenantId, version, randomBytes(KEY_BYTES)) })
    .onConflictDoNothing();
  const created = await readKey(tx, ring, tenantId, version);
  if (!created) throw new Error('The tenant data key could not be created');
  return created;
}

async function readKey(tx: Tx, ring: MasterKeyRing, tenantId: string, version: string): Promise<TenantDataKey | null> {
  const [row] = await tx
    .select({ wrappedKey: tenantKeys.wrappedKey })
    .from(tenantKeys)
    .where(and(eq(tenantKeys.tenantId, tenantId), eq(tenantKeys.version, version)));
  return row ? { tenantId, version, key: ring.unwrap(tenantId, version, row.wrappedKey) } : null;
}

export function sealField(key: TenantDataKey, purpose: FieldPurpose, recordId: string, plaintext: string): string {
  return sealAesGcm(key.key, fieldAad(key, purpose, recordId), Buffer.from(plaintext, 'utf8'), key.version);
}

/** Throws when the value was sealed for another clinic, purpose or row, or was tampered with. */
export function openField(key: TenantDataKey, purpose: FieldPurpose, recordId: string, sealed: string): string {
  return openAesGcm(key.key, fieldAad(key, purpose, recordId), sealed, key.version).toString('utf8');
}

/** The key version a sealed value names, to fetch the matching key after a future rotation. */
export function sealedKeyVersion(sealed: string): string {
  return sealed.slice(0, Math.max(0, sealed.indexOf('.')));
}

/**
 * The clinic's keys for one transaction: fetched (or created) once, then reused for every field
 * the request seals or opens.
 */
export class TenantCipher {
  readonly #keys = new Map<string, Promise<TenantDataKey>>();

  constructor(
    private readonly tx: Tx,
    private readonly ring: MasterKeyRing,
    readonly tenantId: string,
  ) {}

  #key(version: string): Promise<TenantDataKey> {
    let key = this.#keys.get(version);
    if (!key) {
      key = tenantDataKey(this.tx, this.ring, this.tenantId, version);
      this.#keys.set(version, key);
    }
    return key;
  }

  async seal(purpose: FieldPurpose, recordId: string, plaintext: string): Promise<string> {
    return sealField(await this.#key(CURRENT_KEY_VERSION), purpose, recordId, plaintext);
  }

  async open(purpose: FieldPurpose, recordId: string, sealed: string): Promise<string> {
    return openField(await this.#key(sealedKeyVersion(sealed)), purpose, recordId, sealed);
  }
}
