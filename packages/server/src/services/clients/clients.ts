import { isDeepStrictEqual } from 'node:util';
import {
  type ClientListInput,
  type ClientListItem,
  type ClientListPage,
  type ClientRecord,
  type CreateClientInput,
  maskPersonalIdentityCode,
  type UpdateClientInput,
} from '@hetki/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { clients } from '../../db/schema/index.js';
import { localDate } from '../../lib/clinicDate.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/uuid.js';
import { type Actor, appendAudit } from '../audit/auditLog.js';
import type { TenantCipher } from '../keys/tenantKeys.js';
import { getTenantSettings } from '../tenants/tenantSettings.js';
import { assertClientFacts } from './clientRules.js';

type ClientRow = typeof clients.$inferSelect;

const PIC_PURPOSE = 'client.personal_identity_code' as const;
const MAX_SEARCH_TERMS = 6;
const PHONE_LIKE = /^\+?[\d\s()-]*\d{3}[\d\s()-]*$/;

/** The client row of this clinic, or NOT_FOUND (also for another clinic's id). */
export async function findClient(tx: Tx, tenantId: string, clientId: string, options: { lock?: boolean } = {}): Promise<ClientRow> {
  const query = tx
    .select()
    .from(clients)
    .where(and(eq(clients.tenantId, tenantId), eq(clients.id, clientId)));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) throw notFound('Client');
  return row;
}

export async function assertClientExists(tx: Tx, tenantId: string, clientId: string): Promise<void> {
  await clientLanguage(tx, tenantId, clientId);
}

/** The language the client asked to be served in, if any; throws if the client is not in the clinic. */
export async function clientLanguage(tx: Tx, tenantId: string, clientId: string): Promise<string | null> {
  const [row] = await tx
    .select({ language: clients.language })
    .from(clients)
    .where(and(eq(clients.tenantId, tenantId), eq(clients.id, clientId)));
  if (!row) throw notFound('Client');
  return row.language;
}

/** The decrypted code, for comparisons and masking; never leaves the server unmasked except by reveal. */
async function plainIdentityCode(cipher: TenantCipher, row: ClientRow): Promise<string | null> {
  return row.personalIdentityCode ? cipher.open(PIC_PURPOSE, row.id, row.personalIdentityCode) : null;
}

export async function toClientRecord(cipher: TenantCipher, row: ClientRow): Promise<ClientRecord> {
  const code = await plainIdentityCode(cipher, row);
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    phone: row.phone,
    birthDate: row.birthDate,
    birthYear: row.birthYear,
    gender: row.gender,
    language: (row.language as ClientRecord['language']) ?? null,
    address: row.address ?? null,
    guardian: row.guardian ?? null,
    personalIdentityCode: code ? maskPersonalIdentityCode(code) : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (character) => `\\${character}`);

/** One search word: part of a name, an email or a phone number (spaces and dashes ignored, 040 = +35840). */
function termCondition(term: string) {
  const pattern = `%${escapeLike(term)}%`;
  const alternatives = [
    sql`c.first_name ilike ${pattern}`,
    sql`c.last_name ilike ${pattern}`,
    sql`c.email ilike ${pattern}`,
    sql`c.phone ilike ${pattern}`,
  ];
  const digits = term.replace(/[\s()+-]/g, '');
  if (/^\d{3,}$/.test(digits)) {
    alternatives.push(sql`regexp_replace(c.phone, '[^0-9]', '', 'g') like ${`%${digits}%`}`);
    if (/^0[1-9]/.test(digits)) alternatives.push(sql`regexp_replace(c.phone, '[^0-9]', '', 'g') like ${`%358${digits.slice(1)}%`}`);
  }
  return sql`(${sql.join(alternatives, sql` or `)})`;
}

type ListRow = {
  id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  last_booking_at: string | Date | null;
  next_booking_at: string | Date | null;
};

const isoOrNull = (value: string | Date | null): string | null => (value === null ? null : new Date(value).toISOString());

/**
 * The register sorted by last name, first name, id; a page continues after the client named by
 * the cursor. The audit row says how many were shown and whether a search was made, never what
 * was searched for.
 */
export async function listClients(tx: Tx, tenantId: string, actor: Actor, input: ClientListInput, now: Date): Promise<ClientListPage> {
  const query = (input.query ?? '').trim();
  // "040 123 4567" is one phone number, not three words.
  const terms = PHONE_LIKE.test(query) ? [query] : query.split(/\s+/).filter(Boolean).slice(0, MAX_SEARCH_TERMS);
  const conditions = [sql`c.tenant_id = ${tenantId}`, ...terms.map(termCondition)];
  if (input.cursor) {
    const [after] = await tx
      .select({ lastName: clients.lastName, firstName: clients.firstName })
      .from(clients)
      .where(and(eq(clients.tenantId, tenantId), eq(clients.id, input.cursor)));
    if (!after) throw notFound('Client');
    conditions.push(sql`(c.last_name, c.first_name, c.id) > (${after.lastName}, ${after.firstName}, ${input.cursor}::uuid)`);
  }
  const rows = await tx.execute<ListRow>(sql`
    select c.id, c.first_name, c.last_name, c.email, c.phone,
      (select max(b.starts_at) from bookings b
        where b.tenant_id = c.tenant_id and b.client_id = c.id and b.status <> 'cancelled' and b.starts_at <= ${now.toISOString()}::timestamptz) as last_booking_at,
      (select min(b.starts_at) from bookings b
        where b.tenant_id = c.tenant_id and b.client_id = c.id and b.status <> 'cancelled' and b.starts_at > ${now.toISOString()}::timestamptz) as next_booking_at
    from clients c
    where ${sql.join(conditions, sql` and `)}
    order by c.last_name, c.first_name, c.id
    limit ${input.limit + 1}`);
  const page: ClientListItem[] = rows.slice(0, input.limit).map((row) => ({
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    lastBookingAt: isoOrNull(row.last_booking_at),
    nextBookingAt: isoOrNull(row.next_booking_at),
  }));
  await appendAudit(tx, tenantId, actor, {
    action: 'view',
    entity: 'client_list',
    // Whose names and contact details were shown (ids only), so a client can be told who saw them.
    details: { count: page.length, hasQuery: terms.length > 0, clientIds: page.map((client) => client.id) },
  });
  return { clients: page, nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null };
}

async function clinicRules(tx: Tx, tenantId: string, now: Date) {
  const settings = await getTenantSettings(tx, tenantId);
  return { keepsIdentityCodes: settings.preferences.requirePersonalIdentityCode, today: localDate(now, settings.timeZone) };
}

const identityCodeNotKept = () =>
  new DomainError('BAD_REQUEST', 'IDENTITY_CODE_NOT_KEPT', 'This clinic does not keep personal identity codes (see the privacy settings)');

export async function createClient(
  tx: Tx,
  tenantId: string,
  actor: Actor,
  cipher: TenantCipher,
  input: CreateClientInput,
  now: Date,
): Promise<ClientRecord> {
  const rules = await clinicRules(tx, tenantId, now);
  if (input.personalIdentityCode && !rules.keepsIdentityCodes) throw identityCodeNotKept();
  assertClientFacts(input, rules.today);
  const id = newId();
  const { personalIdentityCode, ...fields } = input;
  const [row] = await tx
    .insert(clients)
    .values({
      tenantId,
      id,
      ...fields,
      personalIdentityCode: personalIdentityCode ? await cipher.seal(PIC_PURPOSE, id, personalIdentityCode) : null,
    })
    .returning();
  if (!row) throw new Error('Client insert returned nothing');
  const filled = Object.entries(input)
    .filter(([, value]) => value !== null)
    .map(([field]) => field);
  await appendAudit(tx, tenantId, actor, { action: 'create', entity: 'client', entityId: id, details: { fields: filled } });
  return toClientRecord(cipher, row);
}

/** Equal as stored: key order (jsonb keeps its own) and keys left undefined do not count as changes. */
const asStored = (value: unknown) => JSON.parse(JSON.stringify(value ?? null)) as unknown;
const sameValue = (a: unknown, b: unknown) => isDeepStrictEqual(asStored(a), asStored(b));

/** Changes only the fields sent; the audit row names the fields whose value really changed. */
export async function updateClient(
  tx: Tx,
  tenantId: string,
  actor: Actor,
  cipher: TenantCipher,
  input: UpdateClientInput,
  now: Date,
): Promise<ClientRecord> {
  const { id, personalIdentityCode, ...fields } = input;
  const current = await findClient(tx, tenantId, id, { lock: true });
  const rules = await clinicRules(tx, tenantId, now);
  const currentCode = await plainIdentityCode(cipher, current);
  // Refused even when it equals the stored code: otherwise the answer would tell whether a guess was right.
  if (personalIdentityCode && !rules.keepsIdentityCodes) throw identityCodeNotKept();

  const sent = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<
    Omit<ClientRow, 'tenantId' | 'id' | 'personalIdentityCode' | 'createdAt' | 'updatedAt'>
  >;
  const merged = { ...current, ...sent };
  const nextCode = personalIdentityCode === undefined ? currentCode : personalIdentityCode;
  assertClientFacts({ ...merged, personalIdentityCode: nextCode }, rules.today);

  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(sent)) {
    if (!sameValue(current[field as keyof ClientRow], value)) changes[field] = value;
  }
  const changedFields = Object.keys(changes);
  if (personalIdentityCode !== undefined && personalIdentityCode !== currentCode) {
    changes.personalIdentityCode = personalIdentityCode ? await cipher.seal(PIC_PURPOSE, id, personalIdentityCode) : null;
    changedFields.push('personalIdentityCode');
  }
  if (changedFields.length === 0) return toClientRecord(cipher, current);

  const [row] = await tx
    .update(clients)
    .set({ ...changes, updatedAt: now })
    .where(and(eq(clients.tenantId, tenantId), eq(clients.id, id)))
    .returning();
  if (!row) throw notFound('Client');
  await appendAudit(tx, tenantId, actor, { action: 'update', entity: 'client', entityId: id, details: { fields: changedFields } });
  return toClientRecord(cipher, row);
}

/** The unmasked code, for owners who ask for it; every reveal is audited. */
export async function revealPersonalIdentityCode(
  tx: Tx,
  tenantId: string,
  actor: Actor,
  cipher: TenantCipher,
  clientId: string,
): Promise<{ personalIdentityCode: string | null }> {
  const row = await findClient(tx, tenantId, clientId);
  const code = await plainIdentityCode(cipher, row);
  await appendAudit(tx, tenantId, actor, {
    action: 'view',
    entity: 'personal_identity_code',
    entityId: clientId,
    details: { present: code !== null },
  });
  return { personalIdentityCode: code };
}
