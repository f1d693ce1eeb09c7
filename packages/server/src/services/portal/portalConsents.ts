import type { PortalConsentInput, PortalConsents } from '@hetki/shared';
import { DomainError } from '../../lib/errors.js';
import { appendAudit } from '../audit/auditLog.js';
import { findClient } from '../clients/clients.js';
import { consentHistory, consentStateOf, recordConsent } from '../consents/consentLedger.js';
import { addressOf, carryToMarketingRegister, marketingChannelOf } from '../marketing/clientMarketingConsent.js';
import { currentNoticeVersion } from '../marketing/marketingConsents.js';
import type { PortalContext } from './portalContext.js';

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
 * register (see carryToMarketingRegister); granting one needs the address it is for.
 */
export async function setPortalConsent(ctx: PortalContext, input: PortalConsentInput, now: Date): Promise<PortalConsents> {
  const { tx, tenant, session, ip } = ctx;
  const client = await findClient(tx, tenant.id, session.clientId, { lock: true });
  const noticeVersion = await currentNoticeVersion(tx, tenant.id);
  const channel = marketingChannelOf(input.purpose);
  if (channel && input.granted && !addressOf(client, channel)) {
    throw new DomainError('BAD_REQUEST', 'INVALID_INPUT', 'Add the address to your contact details first');
  }
  const entry = { granted: input.granted, source: 'portal' as const, noticeVersion, ip, staffActorId: null };
  await recordConsent(tx, tenant.id, client.id, { purpose: input.purpose, ...entry }, now);
  await carryToMarketingRegister(tx, tenant.id, client, input.purpose, entry, now);
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
