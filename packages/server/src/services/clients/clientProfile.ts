import { CLINICAL_ROLES, type ClientBookingSummary, type ClientProfile, type StaffRole } from '@hetki/shared';
import { and, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/connections.js';
import { bookings, resources, services } from '../../db/schema/index.js';
import { type Actor, appendAudit } from '../audit/auditLog.js';
import type { TenantCipher } from '../keys/tenantKeys.js';
import { getHealthInfo } from '../notes/healthInfo.js';
import { listVisitNotes } from '../notes/visitNotes.js';
import { getTenantSettings } from '../tenants/tenantSettings.js';
import { clientConsents } from './clientConsents.js';
import { findClient, toClientRecord } from './clients.js';

const PROFILE_BOOKINGS = 200;
const PROFILE_NOTES = 20;

const practitioner = alias(resources, 'practitioner');

async function clientBookings(tx: Tx, tenantId: string, clientId: string): Promise<ClientBookingSummary[]> {
  const rows = await tx
    .select({
      id: bookings.id,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      status: bookings.status,
      serviceId: services.id,
      serviceName: services.name,
      practitionerId: practitioner.id,
      practitionerName: practitioner.name,
    })
    .from(bookings)
    .innerJoin(services, and(eq(services.tenantId, bookings.tenantId), eq(services.id, bookings.serviceId)))
    .innerJoin(practitioner, and(eq(practitioner.tenantId, bookings.tenantId), eq(practitioner.id, bookings.practitionerId)))
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.clientId, clientId)))
    .orderBy(desc(bookings.startsAt), desc(bookings.id))
    .limit(PROFILE_BOOKINGS);
  return rows.map((row) => ({
    id: row.id,
    start: row.startsAt.toISOString(),
    end: row.endsAt.toISOString(),
    status: row.status,
    service: { id: row.serviceId, name: row.serviceName },
    practitioner: { id: row.practitionerId, name: row.practitionerName },
  }));
}

/**
 * The client's profile: details (identity code masked), bookings, consents, and for
 * practitioners and owners the health information and newest visit notes. The view is audited,
 * and so is each piece of special-category data shown.
 */
export async function getClientProfile(
  tx: Tx,
  tenantId: string,
  actor: Actor & { role: StaffRole },
  cipher: TenantCipher,
  clientId: string,
): Promise<ClientProfile> {
  const row = await findClient(tx, tenantId, clientId);
  const settings = await getTenantSettings(tx, tenantId);
  const record = await toClientRecord(cipher, row);
  const bookingList = await clientBookings(tx, tenantId, clientId);
  const consents = await clientConsents(tx, tenantId, clientId);
  await appendAudit(tx, tenantId, actor, { action: 'view', entity: 'client', entityId: clientId });
  const clinical = CLINICAL_ROLES.includes(actor.role)
    ? {
        healthInfo: await getHealthInfo(tx, tenantId, actor, cipher, clientId),
        notes: await listVisitNotes(tx, tenantId, actor, cipher, { clientId, limit: PROFILE_NOTES }),
      }
    : null;
  return {
    ...record,
    personalIdentityCodeRequired: settings.preferences.requirePersonalIdentityCode,
    bookings: bookingList,
    consents,
    clinical,
  };
}
