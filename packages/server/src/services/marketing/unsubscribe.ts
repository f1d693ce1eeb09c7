import { eq, sql } from 'drizzle-orm';
import { withTenant } from '../../db/context.js';
import { tenants } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { appendAudit } from '../audit/auditLog.js';
import { consentGrantedSql, currentNoticeVersion, recordMarketingConsent } from './marketingConsents.js';

export type UnsubscribeResult = { clinicName: string; channel: 'email' | 'sms' } | null;

/**
 * One-click unsubscribe (RFC 8058) and the page's button: records a withdrawal at once. A link
 * used again changes nothing; a token that is not ours is refused without saying why.
 */
export async function unsubscribeByToken(deps: Deps, token: string, ip: string | null): Promise<UnsubscribeResult> {
  const target = deps.unsubscribeTokens.read(token);
  if (!target) return null;
  return withTenant(deps.db, target.tenantId, async (tx) => {
    const [tenant] = await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, target.tenantId));
    if (!tenant) return null;
    const [state] = await tx.execute<{ granted: boolean }>(
      sql`select ${consentGrantedSql({ tenantId: target.tenantId, id: target.contactId }, target.channel)} as granted`,
    );
    if (state?.granted) {
      await recordMarketingConsent(
        tx,
        target.tenantId,
        target.contactId,
        {
          channel: target.channel,
          granted: false,
          source: 'unsubscribe_link',
          noticeVersion: await currentNoticeVersion(tx, target.tenantId),
          ip,
          staffActorId: null,
        },
        deps.now(),
      );
      await appendAudit(
        tx,
        target.tenantId,
        { type: 'public', id: null, ip },
        {
          action: 'withdraw',
          entity: 'marketing_consent',
          entityId: target.contactId,
          details: { channel: target.channel, source: 'unsubscribe_link' },
        },
      );
    }
    return { clinicName: tenant.name, channel: target.channel };
  });
}
