import { tenantPreferencesSchema } from '@hetki/shared';
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { type MARKETING_CONSENT_SOURCES, marketingConsents, marketingContacts, tenants } from '../../db/schema/index.js';
import { newId } from '../../lib/uuid.js';
import { recordConsent } from '../consents/consentLedger.js';

export type MarketingChannel = 'email' | 'sms';
export type MarketingConsentSource = (typeof MARKETING_CONSENT_SOURCES)[number];

export type MarketingConsentEntry = {
  channel: MarketingChannel;
  granted: boolean;
  source: MarketingConsentSource;
  noticeVersion: string;
  /** The person's IP when they acted themselves; null when staff record a verbal consent. */
  ip: string | null;
  staffActorId: string | null;
};

/** The purpose in a client's own consent ledger that each register channel stands for. */
export const CLIENT_PURPOSE = { email: 'marketing_email', sms: 'marketing_sms' } as const;

/**
 * Appends a grant or withdrawal to a contact's ledger. The contact row is locked first: a message
 * being sent to this contact holds the same lock until it is committed as sent, so once a
 * withdrawal is recorded no message can start going out on the strength of the earlier grant.
 * Where the contact is a client, the client's own consent ledger gets the same entry (unless the
 * entry came from there).
 */
export async function recordMarketingConsent(
  tx: Tx,
  tenantId: string,
  contactId: string,
  entry: MarketingConsentEntry,
  at: Date,
  options: { mirrorToClient: boolean } = { mirrorToClient: true },
): Promise<void> {
  const [contact] = await tx
    .select({ clientId: marketingContacts.clientId })
    .from(marketingContacts)
    .where(and(eq(marketingContacts.tenantId, tenantId), eq(marketingContacts.id, contactId)))
    .for('update');
  if (!contact) return;
  await tx.insert(marketingConsents).values({ tenantId, id: newId(), contactId, ...entry, recordedAt: at });
  await tx
    .update(marketingContacts)
    .set({ updatedAt: at })
    .where(and(eq(marketingContacts.tenantId, tenantId), eq(marketingContacts.id, contactId)));
  if (options.mirrorToClient && contact.clientId) {
    const { channel, ...rest } = entry;
    await recordConsent(tx, tenantId, contact.clientId, { purpose: CLIENT_PURPOSE[channel], ...rest }, at);
  }
}

export type MarketingConsentRow = typeof marketingConsents.$inferSelect;

export async function marketingConsentHistory(tx: Tx, tenantId: string, contactId: string): Promise<MarketingConsentRow[]> {
  return tx
    .select()
    .from(marketingConsents)
    .where(and(eq(marketingConsents.tenantId, tenantId), eq(marketingConsents.contactId, contactId)))
    .orderBy(desc(marketingConsents.recordedAt), desc(marketingConsents.id));
}

/**
 * SQL: whether the contact's latest entry for the channel is a grant (false when there is none).
 * `contact` names the contact by values or by columns of an outer query (e.g. sql`c.tenant_id`).
 */
export function consentGrantedSql(contact: { tenantId: string | SQL; id: string | SQL }, channel: MarketingChannel | SQL): SQL<boolean> {
  return sql<boolean>`coalesce((
    select mc.granted from marketing_consents mc
    where mc.tenant_id = ${contact.tenantId} and mc.contact_id = ${contact.id} and mc.channel = ${channel}
    order by mc.recorded_at desc, mc.id desc limit 1), false)`;
}

/** The privacy-notice version the clinic shows now: what a consent recorded on its behalf refers to. */
export async function currentNoticeVersion(tx: Tx, tenantId: string): Promise<string> {
  const [tenant] = await tx.select({ preferences: tenants.preferences }).from(tenants).where(eq(tenants.id, tenantId));
  return tenantPreferencesSchema.parse(tenant?.preferences ?? {}).privacyNoticeVersion;
}
