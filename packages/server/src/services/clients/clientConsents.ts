import type { ClientConsentEntry, ClientConsentState, RecordClientConsentInput } from '@hetki/shared';
import type { Tx } from '../../db/connections.js';
import { type Actor, appendAudit } from '../audit/auditLog.js';
import { consentHistory, consentStateOf, recordConsent } from '../consents/consentLedger.js';
import { carryToMarketingRegister } from '../marketing/clientMarketingConsent.js';
import { findClient } from './clients.js';

export type ClientConsents = { current: ClientConsentState; history: ClientConsentEntry[] };

/** The current state (latest row per purpose) and the whole ledger, newest first. */
export async function clientConsents(tx: Tx, tenantId: string, clientId: string): Promise<ClientConsents> {
  const history = await consentHistory(tx, tenantId, clientId);
  return {
    current: consentStateOf(history),
    history: history.map((row) => ({
      id: row.id,
      purpose: row.purpose,
      granted: row.granted,
      source: row.source,
      noticeVersion: row.noticeVersion,
      recordedAt: row.recordedAt.toISOString(),
      staffActorId: row.staffActorId,
      fromIp: row.ip !== null,
    })),
  };
}

/**
 * A consent or withdrawal the client gave staff by word of mouth: a new ledger row with source
 * 'staff_verbal' and the staff member as the actor (no IP: the client did not act online). A
 * marketing one also goes to the marketing register, so a withdrawal stops the campaigns too.
 */
export async function recordStaffVerbalConsent(
  tx: Tx,
  tenantId: string,
  actor: Actor & { id: string },
  input: RecordClientConsentInput,
  now: Date,
): Promise<ClientConsents> {
  const client = await findClient(tx, tenantId, input.clientId, { lock: true });
  const entry = {
    granted: input.granted,
    source: 'staff_verbal' as const,
    noticeVersion: input.noticeVersion,
    ip: null,
    staffActorId: actor.id,
  };
  await recordConsent(tx, tenantId, client.id, { purpose: input.purpose, ...entry }, now);
  await carryToMarketingRegister(tx, tenantId, client, input.purpose, entry, now);
  await appendAudit(tx, tenantId, actor, {
    action: input.granted ? 'grant' : 'withdraw',
    entity: 'client_consent',
    entityId: input.clientId,
    details: { purpose: input.purpose, source: 'staff_verbal' },
  });
  return clientConsents(tx, tenantId, input.clientId);
}
