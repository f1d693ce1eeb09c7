import type { ClientDetails, TenantPreferences } from '@hetki/shared';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { DomainError } from '../../lib/errors.js';
import { newId } from '../../lib/uuid.js';
import { assertClientFacts, isUnderGuardianAge } from '../clients/clientRules.js';

/**
 * The client a public booking belongs to. A known email links to the existing client (the response
 * is the same either way, so nothing reveals that the email was known) and leaves the stored
 * profile untouched; otherwise a client is created with the fields this clinic asks for.
 */
export async function clientForBooking(
  tx: Tx,
  tenantId: string,
  details: ClientDetails,
  fields: TenantPreferences['clientFields'],
  /** The clinic's today: the client rules look at who the client is now, as staff edits do. */
  today: string,
): Promise<{ id: string; created: boolean }> {
  // The rules a staff-made client meets, on the fields this clinic stores: a birth year alone can
  // also make the client a minor, and no birth may lie in the future.
  const facts = {
    birthDate: fields.birthDate ? (details.birthDate ?? null) : null,
    birthYear: fields.birthYear ? (details.birthYear ?? null) : null,
    guardian: details.guardian ?? null,
    personalIdentityCode: null,
  };
  if (!facts.guardian && isUnderGuardianAge(facts, today)) {
    throw new DomainError('BAD_REQUEST', 'INVALID_INPUT', 'For a client under 16, give a guardian’s name and phone');
  }
  assertClientFacts(facts, today);
  const json = (value: unknown) => (value == null ? null : JSON.stringify(value));
  const guardian = details.guardian
    ? { name: details.guardian.name, phone: details.guardian.phone, email: details.guardian.email ?? null }
    : null;
  // Families may share an email, so it cannot be unique. Instead, two bookings by one new email at
  // once take turns here: without it both would find no client and make one each.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`booking-client:${tenantId}:${details.email}`}, 0))`);
  // One statement: the oldest client with this email, or else a new one.
  const [row] = await tx.execute<{ id: string; created: boolean }>(sql`
    with existing as (
      select id from clients where tenant_id = ${tenantId} and email = ${details.email} order by created_at limit 1
    ), created as (
      insert into clients (tenant_id, id, first_name, last_name, email, phone, birth_date, birth_year, gender, language, address, guardian)
      select ${tenantId}, ${newId()}, ${details.firstName}, ${details.lastName}, ${details.email}, ${details.phone},
             ${fields.birthDate ? (details.birthDate ?? null) : null}::date, ${fields.birthYear ? (details.birthYear ?? null) : null}::integer,
             ${fields.gender ? (details.gender ?? null) : null}, ${fields.language ? (details.language ?? null) : null},
             ${json(fields.address ? details.address : null)}::jsonb, ${json(guardian)}::jsonb
      where not exists (select 1 from existing)
      returning id
    )
    select id, false as created from existing
    union all
    select id, true as created from created`);
  if (!row) throw new Error('clientForBooking: neither found nor created a client');
  return row;
}
