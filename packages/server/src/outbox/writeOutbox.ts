import type { Tx } from '../db/connections.js';
import { onCommit } from '../db/context.js';
import { outboxMessages } from '../db/schema/index.js';
import { newId } from '../lib/uuid.js';
import type { OutboxDispatcher, OutboxRef } from './outboxQueue.js';

export type NewOutboxMessage = Pick<
  typeof outboxMessages.$inferInsert,
  'kind' | 'channel' | 'recipient' | 'locale' | 'dueAt' | 'bookingId' | 'campaignId' | 'contactId'
>;

/**
 * Writes messages to the outbox inside the caller's transaction, so they exist exactly when the
 * change that causes them commits; their delivery jobs are added once it has.
 */
export async function queueMessages(
  tx: Tx,
  dispatcher: OutboxDispatcher,
  tenantId: string,
  messages: NewOutboxMessage[],
): Promise<string[]> {
  if (messages.length === 0) return [];
  const rows = messages.map((message) => ({ ...message, tenantId, id: newId() }));
  await tx.insert(outboxMessages).values(rows);
  const refs: OutboxRef[] = rows.map((row) => ({ tenantId, messageId: row.id, dueAt: row.dueAt }));
  onCommit(tx, () => dispatcher.enqueueAfterCommit(refs));
  return rows.map((row) => row.id);
}
