import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import { commitAlongside } from '../db/commitAlongside.js';
import type { Tx } from '../db/connections.js';
import { withTenant } from '../db/context.js';
import { outboxMessages } from '../db/schema/index.js';
import type { Deps } from '../deps.js';
import { composeEmail } from '../mail/composeEmail.js';
import { type HeldMessage, SmtpDeliveryError, type SmtpMailer } from '../mail/smtpMailer.js';
import type { SubscriptionTokens } from '../services/marketing/subscriptionTokens.js';
import type { UnsubscribeTokens } from '../services/marketing/unsubscribeTokens.js';
import { SmsSendError, type SmsSender } from '../sms/smsSender.js';
import { smsStatusCallbackUrl } from '../sms/smsWebhooks.js';
import { composeBookingMessage } from './compose/bookingMessage.js';
import { composeCampaignMessage } from './compose/campaignMessage.js';
import { composePortalSignIn } from './compose/portalSignIn.js';
import { composeSubscribeConfirmation } from './compose/subscribeConfirmation.js';
import type { Composed } from './compose/types.js';
import type { OutboxJob } from './outboxQueue.js';
import type { SenderProfiles } from './senderProfile.js';

type OutboxRow = typeof outboxMessages.$inferSelect;

export type DeliveryTools = {
  deps: Deps;
  mailer: SmtpMailer;
  sms: SmsSender | null;
  profiles: SenderProfiles;
  unsubscribeTokens: UnsubscribeTokens;
  subscriptionTokens: SubscriptionTokens;
  baseUrl: string;
  mailFrom: { name: string | null; address: string };
};

export type DeliveryOutcome =
  | { kind: 'sent' }
  | { kind: 'skipped'; reason: string }
  | { kind: 'not_due'; dueAt: Date }
  /** Already finished, or another worker holds the row right now. */
  | { kind: 'nothing_to_do' };

/** A temporary failure: the row stays pending and the job is retried with backoff. */
export class RetryableDeliveryError extends Error {
  constructor(readonly code: string) {
    super(`Delivery failed, will retry: ${code}`);
    this.name = 'RetryableDeliveryError';
  }
}

const BOOKING_KINDS = new Set([
  'booking_confirmation',
  'booking_reminder',
  'booking_cancelled',
  'booking_rescheduled',
  'staff_new_booking',
]);

function compose(tx: Tx, row: OutboxRow, tools: DeliveryTools, now: Date): Promise<Composed> {
  return tools.profiles.get(tx, row.tenantId).then((profile) => {
    if (row.kind === 'campaign')
      return composeCampaignMessage(tx, row, profile, { baseUrl: tools.baseUrl, unsubscribeTokens: tools.unsubscribeTokens }, now);
    if (row.kind === 'subscribe_confirmation') {
      return composeSubscribeConfirmation(tx, row, profile, { baseUrl: tools.baseUrl, subscriptionTokens: tools.subscriptionTokens }, now);
    }
    if (row.kind === 'portal_sign_in') {
      return composePortalSignIn(tx, row, profile, { baseUrl: tools.baseUrl, portalLinkTokens: tools.deps.portalLinkTokens }, now);
    }
    if (BOOKING_KINDS.has(row.kind))
      return composeBookingMessage(tx, row, profile, { baseUrl: tools.baseUrl, manageTokens: tools.deps.manageTokens }, now);
    return { kind: 'skip', reason: 'unknown_kind' };
  });
}

/**
 * A campaign message's contact, share-locked in the statement that locks the row, so that the
 * consent read by a later statement (composeCampaignMessage) cannot predate a withdrawal: one
 * (which locks the contact for update) either committed before this lock and is seen, or waits
 * until the message has been committed as sent. Not in the reading statement itself: a statement
 * reads as of its start, before any lock it waited for.
 */
const CAMPAIGN_CONTACT_SHARE_LOCK = sql<boolean | null>`(
  select true from marketing_contacts c
  where c.tenant_id = ${outboxMessages.tenantId} and c.id = ${outboxMessages.contactId} and ${outboxMessages.kind} = 'campaign'
  for share)`;

function markRow(tx: Tx, row: { tenantId: string; id: string }, values: Partial<OutboxRow>) {
  return tx
    .update(outboxMessages)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(outboxMessages.tenantId, row.tenantId), eq(outboxMessages.id, row.id)));
}

/** Records a failed attempt in its own transaction (the delivery's own rolled back). */
export async function recordAttemptFailure(deps: Deps, job: OutboxJob, code: string, final: boolean): Promise<void> {
  await withTenant(deps.db, job.tenantId, (tx) =>
    tx
      .update(outboxMessages)
      .set({
        attempts: sql`${outboxMessages.attempts} + 1`,
        error: code,
        ...(final ? { status: 'failed' as const } : {}),
        updatedAt: sql`now()`,
      })
      .where(and(eq(outboxMessages.tenantId, job.tenantId), eq(outboxMessages.id, job.messageId), eq(outboxMessages.status, 'pending'))),
  );
}

/**
 * Delivers one outbox row, at most once. The row is locked (rows another worker holds are left
 * to it) and re-read: only a pending, due row is composed, gated and sent.
 *
 * Email: the SMTP server holds the whole message short of its final "." (see SmtpMailer) while the
 * row is updated to sent; then the "." and the COMMIT are written in one synchronous block (see
 * commitAlongside). A crash before both: the server drops the message and the row stays pending,
 * so it is sent once on retry. After both: the kernel still delivers what was written, so it is
 * sent once and recorded as sent. Between the two writes, microseconds apart: SMTP offers no way to
 * make two parties agree atomically (RFC 1047), so the order chooses the failure, and it is a
 * duplicate carrying the same Message-ID (which receivers fold) rather than a lost reminder.
 * Waiting for the COMMIT's acknowledgement before the "." would instead lose, in a WAL flush's
 * time, messages recorded as sent.
 * SMS: the row is committed as `sending` before the provider is called; a crash in between leaves
 * it there for the reconciler to mark as failed with an unknown outcome, never to resend.
 */
export async function deliverMessage(tools: DeliveryTools, job: OutboxJob): Promise<DeliveryOutcome> {
  const { deps } = tools;
  let held: HeldMessage | null = null;
  let release: Promise<unknown> | null = null;
  let smsToSend: { row: OutboxRow; body: string } | null = null;
  const outcome = await withTenant(deps.db, job.tenantId, async (tx): Promise<DeliveryOutcome> => {
    const [row] = await tx
      .select({ ...getTableColumns(outboxMessages), contactLocked: CAMPAIGN_CONTACT_SHARE_LOCK })
      .from(outboxMessages)
      .where(and(eq(outboxMessages.tenantId, job.tenantId), eq(outboxMessages.id, job.messageId)))
      .for('update', { skipLocked: true });
    if (row?.status !== 'pending') return { kind: 'nothing_to_do' };
    const now = deps.now();
    if (row.dueAt.getTime() > now.getTime() + 1_000) return { kind: 'not_due', dueAt: row.dueAt };

    const composed = await compose(tx, row, tools, now);
    if (composed.kind === 'skip') {
      await markRow(tx, row, { status: 'skipped', skipReason: composed.reason });
      return { kind: 'skipped', reason: composed.reason };
    }
    if (composed.kind === 'defer') {
      await markRow(tx, row, { dueAt: composed.until });
      return { kind: 'not_due', dueAt: composed.until };
    }
    if (composed.kind === 'sms') {
      if (!tools.sms) {
        await markRow(tx, row, { status: 'skipped', skipReason: 'sms_not_configured' });
        return { kind: 'skipped', reason: 'sms_not_configured' };
      }
      await markRow(tx, row, { status: 'sending', attempts: row.attempts + 1 });
      smsToSend = { row, body: composed.body };
      return { kind: 'sent' };
    }

    const messageId = `<${row.id}@${new URL(tools.baseUrl).hostname}>`;
    const { fromName, ...email } = composed.email;
    const raw = composeEmail({ ...email, messageId, from: { name: fromName, address: tools.mailFrom.address } });
    held = await tools.mailer.hold({ from: tools.mailFrom.address, to: [email.to] }, raw);
    await markRow(tx, row, { status: 'sent', attempts: row.attempts + 1, sentAt: now, providerId: messageId, error: null });
    const message = held;
    await commitAlongside(tx, () => {
      release = message.release().then(
        () => RELEASED,
        (error: unknown) => error,
      );
    });
    return { kind: 'sent' };
  }).catch(async (error: unknown) => {
    if (!release) {
      (held as HeldMessage | null)?.abort();
      throw classify(error);
    }
    // The COMMIT failed after the "." had gone: if the server took the message, record it as sent.
    const released = await release;
    if (released === RELEASED) await recordSentAfterFailedCommit(tools, job);
    throw classify(error);
  });

  if (release) await settleRelease(tools, job, await release);
  if (smsToSend) await sendSms(tools, smsToSend);
  return outcome;
}

const RELEASED = Symbol('released');

async function recordSentAfterFailedCommit(tools: DeliveryTools, job: OutboxJob): Promise<void> {
  await withTenant(tools.deps.db, job.tenantId, (tx) =>
    tx
      .update(outboxMessages)
      .set({ status: 'sent', attempts: sql`${outboxMessages.attempts} + 1`, sentAt: tools.deps.now(), updatedAt: sql`now()` })
      .where(and(eq(outboxMessages.tenantId, job.tenantId), eq(outboxMessages.id, job.messageId), eq(outboxMessages.status, 'pending'))),
  );
}

function classify(error: unknown): Error {
  if (error instanceof SmtpDeliveryError && !error.permanent) return new RetryableDeliveryError(error.code);
  return error as Error;
}

/** Committed as sent while the "." went out: a refusal at the "." is put right on the row. */
async function settleRelease(tools: DeliveryTools, job: OutboxJob, released: unknown): Promise<void> {
  if (released === RELEASED) return;
  const failure = released instanceof SmtpDeliveryError ? released : new SmtpDeliveryError('smtp:ERROR', false, true);
  const retry = !failure.permanent && !failure.unconfirmed;
  await withTenant(tools.deps.db, job.tenantId, (tx) =>
    markRow(
      tx,
      { tenantId: job.tenantId, id: job.messageId },
      { status: retry ? 'pending' : 'failed', sentAt: null, error: failure.unconfirmed ? 'delivery_unconfirmed' : failure.code },
    ),
  );
  if (retry) throw new RetryableDeliveryError(failure.code);
}

async function sendSms(tools: DeliveryTools, { row, body }: { row: OutboxRow; body: string }): Promise<void> {
  const sender = tools.sms as SmsSender;
  // Twilio can only call back a public address: without PUBLIC_URL, no status callbacks.
  const statusCallbackUrl = smsStatusCallbackUrl(tools.deps.env, { tenantId: row.tenantId, messageId: row.id });
  try {
    const { providerId } = await sender.send({ to: row.recipient, body, statusCallbackUrl });
    await withTenant(tools.deps.db, row.tenantId, (tx) => markRow(tx, row, { status: 'sent', sentAt: tools.deps.now(), providerId }));
  } catch (error) {
    // Refused by the provider: nothing went out, so the row may go back to pending (or fail for
    // good). Anything else (a timeout, a dropped connection) leaves it `sending`: it may have gone.
    if (!(error instanceof SmsSendError)) throw error;
    const final = error.permanent;
    await withTenant(tools.deps.db, row.tenantId, (tx) =>
      markRow(tx, row, { status: final ? 'failed' : 'pending', error: `sms:${error.code}` }),
    );
    if (!final) throw new RetryableDeliveryError(`sms:${error.code}`);
  }
}
