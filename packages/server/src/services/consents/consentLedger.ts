import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { CONSENT_PURPOSES, type CONSENT_SOURCES, consents } from '../../db/schema/index.js';
import { newId } from '../../lib/uuid.js';

export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

export type ConsentEntry = {
  purpose: ConsentPurpose;
  granted: boolean;
  source: ConsentSource;
  noticeVersion: string;
  /** The person's IP when they acted themselves; null when staff record a verbal consent. */
  ip: string | null;
  staffActorId: string | null;
};

/** Appends grants or withdrawals. The ledger is never updated: the latest row per purpose is the state. */
export async function recordConsent(
  tx: Tx,
  tenantId: string,
  clientId: string,
  entry: ConsentEntry | ConsentEntry[],
  at: Date,
): Promise<void> {
  const entries = Array.isArray(entry) ? entry : [entry];
  if (entries.length === 0) return;
  await tx.insert(consents).values(entries.map((item) => ({ tenantId, id: newId(), clientId, ...item, recordedAt: at })));
}

export type ConsentState = Record<ConsentPurpose, { granted: boolean; recordedAt: string; source: ConsentSource } | null>;
export type ConsentRow = typeof consents.$inferSelect;

/** The whole ledger of one client, newest first. */
export async function consentHistory(tx: Tx, tenantId: string, clientId: string): Promise<ConsentRow[]> {
  return tx
    .select()
    .from(consents)
    .where(and(eq(consents.tenantId, tenantId), eq(consents.clientId, clientId)))
    .orderBy(desc(consents.recordedAt), desc(consents.id));
}

/** The current state from a ledger newest first: the first row seen per purpose, or null where none. */
export function consentStateOf(history: ConsentRow[]): ConsentState {
  const state = Object.fromEntries(CONSENT_PURPOSES.map((purpose) => [purpose, null])) as ConsentState;
  for (const row of history) {
    state[row.purpose] ??= { granted: row.granted, recordedAt: row.recordedAt.toISOString(), source: row.source };
  }
  return state;
}
