import type { RecordCookieConsentInput } from '@hetki/shared';
import { cookieConsents } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { newId } from '../../lib/uuid.js';
import { withPublicTenant } from '../booking/publicTenant.js';
import { throttleConsentRecords } from './consentThrottle.js';
import { hashVisitorIp } from './visitorIpHash.js';

export type RecordedCookieConsent = { id: string; decidedAt: string };

/**
 * Records a visitor's cookie decision on a clinic's site: the categories, the notice version they
 * were shown, when, and a keyed hash of their IP address (never the address). Necessary cookies
 * need no consent and are not recorded as a choice.
 */
export function recordCookieConsent(
  deps: Deps,
  input: RecordCookieConsentInput,
  context: { ip: string | null; siteOrigin: string | null },
): Promise<RecordedCookieConsent> {
  return withPublicTenant(deps, input.slug, async (tx, tenant) => {
    const ipHash = hashVisitorIp(deps.env.MASTER_KEY, context.ip);
    await throttleConsentRecords(deps.redis, deps.env.REDIS_PREFIX, tenant.id, ipHash);
    const id = newId();
    const decidedAt = deps.now();
    await tx.insert(cookieConsents).values({
      tenantId: tenant.id,
      id,
      visitorId: input.visitorId,
      analytics: input.analytics,
      marketing: input.marketing,
      noticeVersion: input.noticeVersion,
      siteOrigin: context.siteOrigin,
      ipHash,
      decidedAt,
    });
    return { id, decidedAt: decidedAt.toISOString() };
  });
}
