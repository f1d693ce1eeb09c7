import { toE164 } from '@hetki/shared';
import { and, eq } from 'drizzle-orm';
import { withTenant } from '../../db/context.js';
import { marketingContacts } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { logger } from '../../lib/logger.js';
import { appendAudit } from '../audit/auditLog.js';
import { currentNoticeVersion, recordMarketingConsent } from '../marketing/marketingConsents.js';

/**
 * Replies that withdraw SMS marketing consent: the carrier-standard English words (which Twilio's
 * own opt-out handling also honours), Finnish "lopeta" and Swedish "sluta". Matched on the whole
 * message, trimmed, in any letter case.
 */
export const SMS_OPT_OUT_KEYWORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'LOPETA', 'SLUTA'] as const;

export function isOptOutMessage(body: string): boolean {
  const word = body.trim().toUpperCase();
  return (SMS_OPT_OUT_KEYWORDS as readonly string[]).includes(word);
}

/**
 * Handles an SMS someone sent to our number. An opt-out keyword withdraws SMS marketing consent in
 * every clinic whose marketing register holds the sender's number: the system role finds which
 * clinics (it may read only tenant_id, id and phone of contacts), then each withdrawal is recorded
 * in that clinic's own transaction, with an audit entry. Any other text is ignored.
 *
 * Returns the number of withdrawals recorded. A failure in one clinic does not stop the others;
 * it is rethrown once all have been tried.
 */
export async function handleInboundSms(deps: Deps, message: { from: string; body: string }): Promise<number> {
  if (!isOptOutMessage(message.body)) return 0;
  const phone = toE164(message.from);
  if (!phone) return 0;

  const found = await deps.systemDb
    .select({ tenantId: marketingContacts.tenantId, id: marketingContacts.id })
    .from(marketingContacts)
    .where(eq(marketingContacts.phone, phone));

  let withdrawals = 0;
  let failure: unknown = null;
  for (const contact of found) {
    try {
      if (await withdrawInTenant(deps, contact.tenantId, contact.id, phone)) withdrawals += 1;
    } catch (error) {
      // Ids and codes only: never the number.
      logger.error('sms opt-out failed', { tenantId: contact.tenantId, contactId: contact.id, cause: (error as Error)?.name });
      failure ??= error;
    }
  }
  if (failure) throw failure;
  return withdrawals;
}

async function withdrawInTenant(deps: Deps, tenantId: string, contactId: string, phone: string): Promise<boolean> {
  return withTenant(deps.db, tenantId, async (tx) => {
    // Re-read under the tenant's own rules (and lock): the number may have changed since the lookup.
    const [contact] = await tx
      .select({ id: marketingContacts.id })
      .from(marketingContacts)
      .where(and(eq(marketingContacts.tenantId, tenantId), eq(marketingContacts.id, contactId), eq(marketingContacts.phone, phone)))
      .for('update');
    if (!contact) return false;

    const noticeVersion = await currentNoticeVersion(tx, tenantId);

    const at = deps.now();
    await recordMarketingConsent(
      tx,
      tenantId,
      contactId,
      { channel: 'sms', granted: false, source: 'sms_stop', noticeVersion, ip: null, staffActorId: null },
      at,
    );
    await appendAudit(
      tx,
      tenantId,
      { type: 'system', id: null, ip: null },
      { action: 'withdraw', entity: 'marketing_consent', entityId: contactId, details: { channel: 'sms', source: 'sms_stop' } },
    );
    return true;
  });
}
