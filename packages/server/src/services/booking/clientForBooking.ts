import type { ClientDetails, TenantPreferences } from '@hetki/shared';
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { clients } from '../../db/schema/index.js';
import { DomainError } from '../../lib/errors.js';
import { newId } from '../../lib/uuid.js';
import { isUnderGuardianAge } from '../clients/clientRules.js';

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
  bookingDay: string,
): Promise<{ id: string; created: boolean }> {
  const facts = { birthDate: details.birthDate ?? null, birthYear: null, guardian: details.guardian ?? null, personalIdentityCode: null };
  if (fields.birthDate && details.birthDate && !details.guardian && isUnderGuardianAge(facts, bookingDay)) {
    throw new DomainError('BAD_REQUEST', 'INVALID_INPUT', 'For a client under 16, give a guardian’s name and phone');
  }
  const [existing] = await tx
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.tenantId, tenantId), eq(clients.email, details.email)))
    .orderBy(asc(clients.createdAt))
    .limit(1);
  if (existing) return { id: existing.id, created: false };
  const id = newId();
  await tx.insert(clients).values({
    tenantId,
    id,
    firstName: details.firstName,
    lastName: details.lastName,
    email: details.email,
    phone: details.phone,
    birthDate: fields.birthDate ? (details.birthDate ?? null) : null,
    birthYear: fields.birthYear ? (details.birthYear ?? null) : null,
    gender: fields.gender ? (details.gender ?? null) : null,
    language: fields.language ? (details.language ?? null) : null,
    address: fields.address ? (details.address ?? null) : null,
    guardian: details.guardian
      ? { name: details.guardian.name, phone: details.guardian.phone, email: details.guardian.email ?? null }
      : null,
  });
  return { id, created: true };
}
