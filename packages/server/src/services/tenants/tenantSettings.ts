import { type TenantSettings, tenantPreferencesSchema, type UpdateTenantSettingsInput } from '@hetki/shared';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { tenants } from '../../db/schema/index.js';
import { notFound } from '../../lib/errors.js';
import { type Actor, appendAudit } from '../audit/auditLog.js';

type TenantRow = typeof tenants.$inferSelect;

export function toSettings(row: TenantRow): TenantSettings {
  return {
    name: row.name,
    businessId: row.businessId,
    address: row.address,
    contactEmail: row.contactEmail,
    contactPhone: row.contactPhone,
    timeZone: row.timeZone,
    defaultLocale: row.defaultLocale,
    preferences: tenantPreferencesSchema.parse(row.preferences),
  };
}

export async function getTenantSettings(tx: Tx, tenantId: string): Promise<TenantSettings> {
  const [row] = await tx.select().from(tenants).where(eq(tenants.id, tenantId));
  if (!row) throw notFound('Clinic');
  return toSettings(row);
}

export async function updateTenantSettings(
  tx: Tx,
  tenantId: string,
  actor: Actor,
  input: UpdateTenantSettingsInput,
): Promise<TenantSettings> {
  const current = await getTenantSettings(tx, tenantId);
  const { preferences, ...columns } = input;
  const changedFields = Object.keys(input).filter((key) => input[key as keyof UpdateTenantSettingsInput] !== undefined);
  const [row] = await tx
    .update(tenants)
    .set({
      ...columns,
      ...(preferences ? { preferences: { ...current.preferences, ...preferences } } : {}),
      updatedAt: new Date(),
    })
    .where(eq(tenants.id, tenantId))
    .returning();
  if (!row) throw notFound('Clinic');
  await appendAudit(tx, tenantId, actor, { action: 'update', entity: 'tenant', entityId: tenantId, details: { fields: changedFields } });
  return toSettings(row);
}
