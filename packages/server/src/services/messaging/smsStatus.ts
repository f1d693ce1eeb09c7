import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { withTenant } from '../../db/context.js';
import { outboxMessages } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';

/** The message states Twilio reports in status callbacks that are recorded; anything else is ignored. */
export const SMS_DELIVERY_STATUSES = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'undelivered',
  'failed',
  'read',
  'accepted',
  'scheduled',
  'canceled',
] as const;
export type SmsDeliveryStatus = (typeof SMS_DELIVERY_STATUSES)[number];

/** States after which Twilio's view of the message does not go back to "on its way". */
const FINAL_STATUSES: readonly SmsDeliveryStatus[] = ['delivered', 'undelivered', 'failed', 'read', 'canceled'];

export function isSmsDeliveryStatus(value: string): value is SmsDeliveryStatus {
  return (SMS_DELIVERY_STATUSES as readonly string[]).includes(value);
}

export type SmsStatusReport = {
  tenantId: string;
  messageId: string;
  /** Twilio's MessageSid. */
  providerId: string;
  status: SmsDeliveryStatus;
  /** Twilio's ErrorCode (digits), when the callback carried one. */
  errorCode: string | null;
};

export type SmsStatusOutcome = 'updated' | 'ignored';

/**
 * Records what Twilio reports about a message sent from outbox row (tenantId, messageId):
 * delivery_status, provider_id (when the row has none yet) and error ('twilio:<code>').
 *
 * Ignored (nothing changes): no such row; a row whose provider_id names another Twilio message
 * (a stale or forged callback for an earlier attempt); and an out-of-order callback that would move
 * a final state (delivered, failed...) back to an intermediate one (queued, sent...). Callbacks are
 * not guaranteed to arrive in order.
 */
export async function recordSmsStatus(deps: Deps, report: SmsStatusReport): Promise<SmsStatusOutcome> {
  const { tenantId, messageId, providerId, status, errorCode } = report;
  const regresses = FINAL_STATUSES.includes(status)
    ? sql`false`
    : sql`coalesce(${outboxMessages.deliveryStatus} in (${sql.join(
        FINAL_STATUSES.map((final) => sql`${final}`),
        sql`, `,
      )}), false)`;
  const updated = await withTenant(deps.db, tenantId, (tx) =>
    tx
      .update(outboxMessages)
      .set({
        deliveryStatus: status,
        providerId: sql`coalesce(${outboxMessages.providerId}, ${providerId})`,
        ...(errorCode ? { error: `twilio:${errorCode}` } : {}),
        updatedAt: deps.now(),
      })
      .where(
        and(
          eq(outboxMessages.tenantId, tenantId),
          eq(outboxMessages.id, messageId),
          eq(outboxMessages.channel, 'sms'),
          or(isNull(outboxMessages.providerId), eq(outboxMessages.providerId, providerId)),
          sql`not ${regresses}`,
        ),
      )
      .returning({ id: outboxMessages.id }),
  );
  return updated.length > 0 ? 'updated' : 'ignored';
}
