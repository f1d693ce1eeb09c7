import type { PortalProfile, PortalUpdateProfileInput } from '@hetki/shared';
import { and, eq } from 'drizzle-orm';
import { clients } from '../../db/schema/index.js';
import { notFound } from '../../lib/errors.js';
import { appendAudit } from '../audit/auditLog.js';
import { findClient } from '../clients/clients.js';
import type { PortalContext } from './portalContext.js';

type ClientRow = typeof clients.$inferSelect;

function toProfile(row: ClientRow): PortalProfile {
  const language = row.language === 'fi' || row.language === 'sv' || row.language === 'en' ? row.language : null;
  return { firstName: row.firstName, lastName: row.lastName, email: row.email, phone: row.phone, language };
}

/** The client's own contact details; the view is audited like any read of the client register. */
export async function getPortalProfile(ctx: PortalContext): Promise<PortalProfile> {
  const row = await findClient(ctx.tx, ctx.tenant.id, ctx.session.clientId);
  await appendAudit(
    ctx.tx,
    ctx.tenant.id,
    { type: 'client', id: row.id, ip: ctx.ip },
    { action: 'view', entity: 'client', entityId: row.id, details: { via: 'portal' } },
  );
  return toProfile(row);
}

/** The client corrects their own contact details; the audit row names the fields that really changed. */
export async function updatePortalProfile(ctx: PortalContext, input: PortalUpdateProfileInput, now: Date): Promise<PortalProfile> {
  const { slug: _slug, ...fields } = input;
  const current = await findClient(ctx.tx, ctx.tenant.id, ctx.session.clientId, { lock: true });
  const changes: Partial<ClientRow> = {};
  for (const [field, value] of Object.entries(fields) as [keyof typeof fields, unknown][]) {
    if (value !== undefined && current[field] !== value) Object.assign(changes, { [field]: value });
  }
  const changed = Object.keys(changes);
  if (changed.length === 0) return toProfile(current);
  const [row] = await ctx.tx
    .update(clients)
    .set({ ...changes, updatedAt: now })
    .where(and(eq(clients.tenantId, ctx.tenant.id), eq(clients.id, current.id)))
    .returning();
  if (!row) throw notFound('Client');
  await appendAudit(
    ctx.tx,
    ctx.tenant.id,
    { type: 'client', id: row.id, ip: ctx.ip },
    { action: 'update', entity: 'client', entityId: row.id, details: { fields: changed, via: 'portal' } },
  );
  return toProfile(row);
}
