import type { SubscribeInput } from '@hetki/shared';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { pendingSubscriptions } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { newId } from '../../lib/uuid.js';
import { queueMessages } from '../../outbox/writeOutbox.js';
import { appendAudit } from '../audit/auditLog.js';
import { withPublicTenant } from '../booking/publicTenant.js';
import { findOrCreateContact } from './contacts.js';
import { recordMarketingConsent } from './marketingConsents.js';

const CONFIRM_WITHIN_HOURS = 48;

/**
 * A clinic's newsletter form: the address gets a confirmation link (double opt-in) and nothing
 * else until it is followed. The answer is the same whether or not the address is known.
 */
export async function subscribeToNewsletter(deps: Deps, input: SubscribeInput, ip: string | null): Promise<{ ok: true }> {
  await withPublicTenant(deps, input.slug, async (tx, tenant) => {
    const now = deps.now();
    const contact = await findOrCreateContact(
      tx,
      tenant.id,
      { name: input.name, email: input.email, phone: null, locale: input.locale, clientId: null },
      now,
    );
    const id = newId();
    await tx.insert(pendingSubscriptions).values({
      tenantId: tenant.id,
      id,
      contactId: contact.id,
      tokenHash: deps.subscriptionTokens.hash(deps.subscriptionTokens.tokenFor(tenant.id, id)),
      noticeVersion: input.noticeVersion,
      ip,
      createdAt: now,
      expiresAt: new Date(now.getTime() + CONFIRM_WITHIN_HOURS * 3_600_000),
    });
    await queueMessages(tx, deps.outbox, tenant.id, [
      { kind: 'subscribe_confirmation', channel: 'email', recipient: input.email, locale: input.locale, dueAt: now, contactId: contact.id },
    ]);
  });
  return { ok: true };
}

/** The confirmation link was followed: the email grant is recorded with the form's notice version. */
export async function confirmSubscription(
  deps: Deps,
  slug: string,
  token: string,
  ip: string | null,
): Promise<{ clinicName: string } | null> {
  return withPublicTenant(deps, slug, async (tx, tenant) => {
    const now = deps.now();
    const [pending] = await tx
      .update(pendingSubscriptions)
      .set({ confirmedAt: now })
      .where(
        and(
          eq(pendingSubscriptions.tenantId, tenant.id),
          eq(pendingSubscriptions.tokenHash, deps.subscriptionTokens.hash(token)),
          isNull(pendingSubscriptions.confirmedAt),
          gt(pendingSubscriptions.expiresAt, now),
        ),
      )
      .returning();
    if (!pending) return null;
    await recordMarketingConsent(
      tx,
      tenant.id,
      pending.contactId,
      { channel: 'email', granted: true, source: 'web_form', noticeVersion: pending.noticeVersion, ip, staffActorId: null },
      now,
    );
    await appendAudit(
      tx,
      tenant.id,
      { type: 'public', id: null, ip },
      {
        action: 'grant',
        entity: 'marketing_consent',
        entityId: pending.contactId,
        details: { channel: 'email', source: 'web_form' },
      },
    );
    return { clinicName: tenant.name };
  });
}
