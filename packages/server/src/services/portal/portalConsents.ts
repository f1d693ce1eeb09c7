import { type Locale, type PortalConsentInput, type PortalConsents, toE164 } from '@hetki/shared';
import { and, eq, or, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { marketingContacts } from '../../db/schema/index.js';
import { DomainError } from '../../lib/errors.js';
import { appendAudit } from '../audit/auditLog.js';
import { findClient } from '../clients/clients.js';
import { consentHistory, consentStateOf, recordConsent } from '../consents/consentLedger.js';
import { findOrCreateContact } from '../marketing/contacts.js';
import { currentNoticeVersion, type MarketingChannel, recordMarketingConsent } from '../marketing/marketingConsents.js';
import type { PortalContext } from './portalContext.js';

const MARKETING_CHANNEL: Partial<Record<PortalConsentInput['purpose'], MarketingChannel>> = {
  marketing_email: 'email',
  marketing_sms: 'sms',
};

/** The client's current consent per purpose and the whole ledger, newest first (no IPs or staff ids). */
export async function getPortalConsents(ctx: PortalContext): Promise<PortalConsents> {
  const history = await consentHistory(ctx.tx, ctx.tenant.id, ctx.session.clientId);
  return {
    current: consentStateOf(history),
    history: history.map((row) => ({
      id: row.id,
      purpose: row.purpose,
      granted: row.granted,
      source: row.source,
      noticeVersion: row.noticeVersion,
      recordedAt: row.recordedAt.toISOString(),
    })),
    noticeVersion: await currentNoticeVersion(ctx.tx, ctx.tenant.id),
  };
}

/**
 * The client grants or withdraws a consent themselves: one new ledger row (source 'portal', their
 * IP, the clinic's current notice version). A marketing consent also goes to the marketing
 * register, as the booking form's does: a grant joins (or finds) the contact for that address, a
 * withdrawal reaches every contact linked to the client or holding its address.
 */
export async function setPortalConsent(ctx: PortalContext, input: PortalConsentInput, now: Date): Promise<PortalConsents> {
  const { tx, tenant, session, ip } = ctx;
  const client = await findClient(tx, tenant.id, session.clientId, { lock: true });
  const noticeVersion = await currentNoticeVersion(tx, tenant.id);
  const channel = MARKETING_CHANNEL[input.purpose];
  const phone = client.phone ? toE164(client.phone) : null;
  if (channel && input.granted && (channel === 'email' ? !client.email : !phone)) {
    throw new DomainError('BAD_REQUEST', 'INVALID_INPUT', 'Add the address to your contact details first');
  }
  const entry = { granted: input.granted, source: 'portal' as const, noticeVersion, ip, staffActorId: null };
  await recordConsent(tx, tenant.id, client.id, { purpose: input.purpose, ...entry }, now);
  if (channel) {
    const contactIds = input.granted
      ? [await grantContact(tx, tenant.id, client, phone, now)]
      : await contactsOf(tx, tenant.id, client.id, channel === 'email' ? client.email : phone, channel);
    for (const contactId of contactIds) {
      await recordMarketingConsent(tx, tenant.id, contactId, { channel, ...entry }, now, { mirrorToClient: false });
    }
  }
  await appendAudit(
    tx,
    tenant.id,
    { type: 'client', id: client.id, ip },
    {
      action: input.granted ? 'grant' : 'withdraw',
      entity: 'client_consent',
      entityId: client.id,
      details: { purpose: input.purpose, source: 'portal' },
    },
  );
  return getPortalConsents(ctx);
}

async function grantContact(
  tx: Tx,
  tenantId: string,
  client: { id: string; firstName: string; lastName: string; email: string | null; language: string | null },
  phone: string | null,
  now: Date,
): Promise<string> {
  const locale: Locale = client.language === 'sv' || client.language === 'en' ? client.language : 'fi';
  const contact = await findOrCreateContact(
    tx,
    tenantId,
    { name: `${client.firstName} ${client.lastName}`, email: client.email, phone, locale, clientId: client.id },
    now,
  );
  return contact.id;
}

async function contactsOf(
  tx: Tx,
  tenantId: string,
  clientId: string,
  address: string | null,
  channel: MarketingChannel,
): Promise<string[]> {
  const matches: SQL[] = [eq(marketingContacts.clientId, clientId)];
  if (address) matches.push(channel === 'email' ? eq(marketingContacts.email, address) : eq(marketingContacts.phone, address));
  const rows = await tx
    .select({ id: marketingContacts.id })
    .from(marketingContacts)
    .where(and(eq(marketingContacts.tenantId, tenantId), or(...matches)));
  return rows.map((row) => row.id);
}
