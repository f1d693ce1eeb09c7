import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import { commitAlongside } from '../db/commitAlongside.js';
import type { Tx } from '../db/connections.js';
import { withTenant } from '../db/context.js';
import { outboxMessages } from '../db/schema/index.js';
import { uuidArray } from '../db/uuidArray.js';
import type { Deps } from '../deps.js';
import { composeEmail } from '../mail/composeEmail.js';
import { type HeldMessage, SmtpDeliveryError, type SmtpMailer } from '../mail/smtpMailer.js';
import type { SubscriptionTokens } from '../services/marketing/subscriptionTokens.js';
import type { UnsubscribeTokens } from '../services/marketing/unsubscribeTokens.js';
import { SmsSendError, type SmsSender } from '../sms/smsSender.js';
import { smsStatusCallbackUrl } from '../sms/smsWebhooks.js';
import { composeBookingMessage } from './compose/bookingMessage.js';
import { composeCampaignMessage, type Recipient, readCampaignRecipients } from './compose/campaignMessage.js';
import { composePortalSignIn } from './compose/portalSignIn.js';
import { composeStaffInvitation } from './compose/staffInvitation.js';
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

function compose(tx: Tx, row: OutboxRow, tools: DeliveryTools, recipients: Map<string, Recipient>, now: Date): Promise<Composed> {
  return tools.profiles.get(tx, row.tenantId).then((profile) => {
    if (row.kind === 'campaign') {
      const links = { baseUrl: tools.baseUrl, unsubscribeTokens: tools.unsubscribeTokens };
      return composeCampaignMessage(row, recipients.get(row.id), profile, links, now);
    }
    if (row.kind === 'subscribe_confirmation') {
      return composeSubscribeConfirmation(tx, row, profile, { baseUrl: tools.baseUrl, subscriptionTokens: tools.subscriptionTokens }, now);
    }
    if (row.kind === 'staff_invitation') {
      return composeStaffInvitation(tx, row, profile, { baseUrl: tools.baseUrl, invitationTokens: tools.deps.invitationTokens }, now);
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

/** What became of one job of a batch: its outcome, or the error its job fails with. */
export type BatchResult = PromiseSettledResult<DeliveryOutcome>;

/** A message whose body the SMTP server holds, and the row it records. */
type HeldEmail = { index: number; row: OutboxRow; message: HeldMessage; released: Promise<unknown> | null };

/**
 * Delivers some outbox rows of one clinic, each at most once, in one transaction: the rows are
 * locked (rows another worker holds are left to it) and re-read, and only pending, due rows are
 * composed, gated and sent. A batch costs the database a handful of statements whatever its size.
 *
 * Email: the SMTP server holds each whole message short of its final "." (see SmtpMailer) while
 * the rows are updated to sent; then the "."s and the COMMIT are written in one synchronous block
 * (see commitAlongside). A crash before them: the server drops the messages and the rows stay
 * pending, so each is sent once on retry. After them: the kernel still delivers what was written,
 * so each is sent once and recorded as sent. Between the writes, microseconds apart: SMTP offers
 * no way to make two parties agree atomically (RFC 1047), so the order chooses the failure, and it
 * is a duplicate carrying the same Message-ID (which receivers fold) rather than a lost reminder.
 * Waiting for the COMMIT's acknowledgement before the "." would instead lose, in a WAL flush's
 * time, messages recorded as sent.
 * SMS: the row is committed as `sending` before the provider is called; a crash in between leaves
 * it there for the reconciler to mark as failed with an unknown outcome, never to resend.
 */
export async function deliverBatch(tools: DeliveryTools, tenantId: string, jobs: OutboxJob[]): Promise<BatchResult[]> {
  const { deps } = tools;
  const results: (BatchResult | null)[] = jobs.map(() => null);
  const settle = (index: number, outcome: DeliveryOutcome) => {
    results[index] = { status: 'fulfilled', value: outcome };
  };
  const fail = (index: number, error: unknown) => {
    results[index] = { status: 'rejected', reason: error };
  };
  const held: HeldEmail[] = [];
  const smsToSend: { index: number; row: OutboxRow; body: string }[] = [];
  let releasing = false;
  const messageIdHost = new URL(tools.baseUrl).hostname;

  try {
    await withTenant(deps.db, tenantId, async (tx) => {
      const rows = await tx
        .select({ ...getTableColumns(outboxMessages), contactLocked: CAMPAIGN_CONTACT_SHARE_LOCK })
        .from(outboxMessages)
        .where(sql`${outboxMessages.id} = any(${uuidArray(jobs.map((job) => job.messageId))})`)
        .for('update', { skipLocked: true });
      const rowById = new Map(rows.map((row) => [row.id, row]));
      const now = deps.now();
      const due: { index: number; row: OutboxRow }[] = [];
      jobs.forEach((job, index) => {
        const row = rowById.get(job.messageId);
        if (row?.status !== 'pending') settle(index, { kind: 'nothing_to_do' });
        else if (row.dueAt.getTime() > now.getTime() + 1_000) settle(index, { kind: 'not_due', dueAt: row.dueAt });
        else due.push({ index, row });
      });
      const recipients = await readCampaignRecipients(
        tx,
        tenantId,
        due.filter(({ row }) => row.kind === 'campaign').map(({ row }) => row),
        now,
      );

      const emails: { index: number; row: OutboxRow; raw: Buffer; to: string }[] = [];
      for (const { index, row } of due) {
        const composed = await compose(tx, row, tools, recipients, now);
        if (composed.kind === 'skip') {
          await markRow(tx, row, { status: 'skipped', skipReason: composed.reason });
          settle(index, { kind: 'skipped', reason: composed.reason });
        } else if (composed.kind === 'defer') {
          await markRow(tx, row, { dueAt: composed.until });
          settle(index, { kind: 'not_due', dueAt: composed.until });
        } else if (composed.kind === 'sms') {
          if (!tools.sms) {
            await markRow(tx, row, { status: 'skipped', skipReason: 'sms_not_configured' });
            settle(index, { kind: 'skipped', reason: 'sms_not_configured' });
          } else {
            await markRow(tx, row, { status: 'sending', attempts: row.attempts + 1 });
            smsToSend.push({ index, row, body: composed.body });
          }
        } else {
          const messageId = `<${row.id}@${messageIdHost}>`;
          const { fromName, ...email } = composed.email;
          const raw = composeEmail({ ...email, messageId, from: { name: fromName, address: tools.mailFrom.address } });
          emails.push({ index, row, raw, to: email.to });
        }
      }

      // Every body to its server at once; one that cannot be held fails its own job only.
      const holds = await Promise.allSettled(
        emails.map((email) => tools.mailer.hold({ from: tools.mailFrom.address, to: [email.to] }, email.raw)),
      );
      holds.forEach((hold, position) => {
        const email = emails[position] as (typeof emails)[number];
        if (hold.status === 'rejected') fail(email.index, classify(hold.reason));
        else held.push({ index: email.index, row: email.row, message: hold.value, released: null });
      });
      if (held.length === 0) return;
      await markSent(tx, held, messageIdHost, now);
      releasing = true;
      await commitAlongside(tx, () => {
        for (const email of held) {
          email.released = email.message.release().then(
            () => RELEASED,
            (error: unknown) => error,
          );
        }
      });
    });
  } catch (error) {
    if (!releasing) {
      for (const email of held) email.message.abort();
      // Nothing was committed: one bad row must not fail its batch-mates, so each goes again alone.
      if (jobs.length > 1) return (await Promise.all(jobs.map((job) => deliverBatch(tools, tenantId, [job])))).flat();
      return [{ status: 'rejected', reason: classify(error) }];
    }
    // The COMMIT failed after the "."s had gone: each message the server took is recorded as sent.
    for (const email of held) {
      if ((await email.released) === RELEASED) await recordSentAfterFailedCommit(tools, jobs[email.index] as OutboxJob);
    }
    return jobs.map((_, index) => results[index] ?? { status: 'rejected', reason: classify(error) });
  }

  await Promise.all([
    ...held.map(async (email) => {
      try {
        await settleRelease(tools, jobs[email.index] as OutboxJob, await email.released);
        settle(email.index, { kind: 'sent' });
      } catch (error) {
        fail(email.index, error);
      }
    }),
    ...smsToSend.map(async (sms) => {
      try {
        await sendSms(tools, sms);
        settle(sms.index, { kind: 'sent' });
      } catch (error) {
        fail(sms.index, error);
      }
    }),
  ]);
  return jobs.map((_, index) => results[index] ?? { status: 'rejected', reason: new Error('Delivery left a job unsettled') });
}

/** The held messages' rows, recorded as sent in one statement (the provider id is the Message-ID). */
async function markSent(tx: Tx, emails: HeldEmail[], messageIdHost: string, now: Date): Promise<void> {
  await tx.execute(sql`
    update outbox_messages
    set status = 'sent', attempts = attempts + 1, sent_at = ${now.toISOString()}::timestamptz,
      provider_id = '<' || id || '@' || ${messageIdHost} || '>',
      error = null, updated_at = now()
    where id = any(${uuidArray(emails.map((email) => email.row.id))})`);
}

// The statements taking ids as one uuid[] (uuidArray) leave the clinic to row-level security (the
// transaction is the clinic's) rather than also naming `tenant_id`: a campaign has just added
// thousands of rows that the statistics do not know of yet, and given the clinic's id the planner
// trusted them, took another index on tenant_id and read all of the clinic's rows instead of
// looking each id up.

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
    // Refused by the provider, or never reached: nothing went out, so the row may go back to pending
    // (or fail for good). Reached but unanswered (a dropped connection, a timeout, no message id): it
    // may be on its way, so it fails as unconfirmed and is never sent again, as email does.
    if (!(error instanceof SmsSendError)) throw error;
    const final = error.permanent || error.unconfirmed;
    const reason = error.unconfirmed ? 'delivery_unconfirmed' : `sms:${error.code}`;
    await withTenant(tools.deps.db, row.tenantId, (tx) => markRow(tx, row, { status: final ? 'failed' : 'pending', error: reason }));
    if (!final) throw new RetryableDeliveryError(`sms:${error.code}`);
  }
}
