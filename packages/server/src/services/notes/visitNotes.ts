import type { CreateVisitNoteInput, ListVisitNotesInput, UpdateVisitNoteInput, VisitNote, VisitNotePage } from '@hetki/shared';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { bookings, staffUsers, visitNoteRevisions, visitNotes } from '../../db/schema/index.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/uuid.js';
import { type Actor, appendAudit } from '../audit/auditLog.js';
import { assertClientExists } from '../clients/clients.js';
import type { TenantCipher } from '../keys/tenantKeys.js';

/**
 * Treatment and examination notes: special-category data. Bodies are sealed under the clinic's
 * data key (bound to the note's id); the procedures that reach this service admit only
 * practitioners and owners. Every note shown is one audit row.
 */
const PURPOSE = 'visit_note.body' as const;

type NoteRow = typeof visitNotes.$inferSelect & { authorName: string | null };

const noteColumns = {
  tenantId: visitNotes.tenantId,
  id: visitNotes.id,
  clientId: visitNotes.clientId,
  bookingId: visitNotes.bookingId,
  authorId: visitNotes.authorId,
  body: visitNotes.body,
  createdAt: visitNotes.createdAt,
  updatedAt: visitNotes.updatedAt,
  authorName: staffUsers.name,
};

async function toVisitNote(cipher: TenantCipher, row: NoteRow, viewer: Actor): Promise<VisitNote> {
  return {
    id: row.id,
    clientId: row.clientId,
    bookingId: row.bookingId,
    author: { id: row.authorId, name: row.authorName },
    body: await cipher.open(PURPOSE, row.id, row.body),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    editable: row.authorId === viewer.id,
  };
}

async function findNote(tx: Tx, tenantId: string, noteId: string, options: { lock?: boolean } = {}): Promise<NoteRow> {
  const query = tx
    .select(noteColumns)
    .from(visitNotes)
    .leftJoin(staffUsers, eq(staffUsers.id, visitNotes.authorId))
    .where(and(eq(visitNotes.tenantId, tenantId), eq(visitNotes.id, noteId)));
  const [row] = options.lock ? await query.for('update', { of: visitNotes }) : await query;
  if (!row) throw notFound('Visit note');
  return row;
}

export async function createVisitNote(
  tx: Tx,
  tenantId: string,
  actor: Actor & { id: string },
  cipher: TenantCipher,
  input: CreateVisitNoteInput,
  now: Date,
): Promise<VisitNote> {
  await assertClientExists(tx, tenantId, input.clientId);
  if (input.bookingId) {
    const [booking] = await tx
      .select({ id: bookings.id })
      .from(bookings)
      .where(and(eq(bookings.tenantId, tenantId), eq(bookings.id, input.bookingId), eq(bookings.clientId, input.clientId)));
    if (!booking) throw notFound('Booking');
  }
  const id = newId();
  await tx.insert(visitNotes).values({
    tenantId,
    id,
    clientId: input.clientId,
    bookingId: input.bookingId,
    authorId: actor.id,
    body: await cipher.seal(PURPOSE, id, input.body),
    createdAt: now,
    updatedAt: now,
  });
  await appendAudit(tx, tenantId, actor, {
    action: 'create',
    entity: 'visit_note',
    entityId: id,
    details: { clientId: input.clientId, bookingId: input.bookingId },
  });
  return toVisitNote(cipher, await findNote(tx, tenantId, id), actor);
}

/** The client's notes, newest first; each note shown is audited as viewed. */
export async function listVisitNotes(
  tx: Tx,
  tenantId: string,
  actor: Actor,
  cipher: TenantCipher,
  input: ListVisitNotesInput,
): Promise<VisitNotePage> {
  await assertClientExists(tx, tenantId, input.clientId);
  const conditions = [eq(visitNotes.tenantId, tenantId), eq(visitNotes.clientId, input.clientId)];
  if (input.cursor) {
    const [after] = await tx
      .select({ createdAt: visitNotes.createdAt })
      .from(visitNotes)
      .where(and(eq(visitNotes.tenantId, tenantId), eq(visitNotes.clientId, input.clientId), eq(visitNotes.id, input.cursor)));
    if (!after) throw notFound('Visit note');
    conditions.push(
      sql`(${visitNotes.createdAt}, ${visitNotes.id}) < (${after.createdAt.toISOString()}::timestamptz, ${input.cursor}::uuid)`,
    );
  }
  const rows = await tx
    .select(noteColumns)
    .from(visitNotes)
    .leftJoin(staffUsers, eq(staffUsers.id, visitNotes.authorId))
    .where(and(...conditions))
    .orderBy(desc(visitNotes.createdAt), desc(visitNotes.id))
    .limit(input.limit + 1);
  const shown = rows.slice(0, input.limit);
  const notes: VisitNote[] = [];
  for (const row of shown) {
    notes.push(await toVisitNote(cipher, row, actor));
    await appendAudit(tx, tenantId, actor, {
      action: 'view',
      entity: 'visit_note',
      entityId: row.id,
      details: { clientId: input.clientId },
    });
  }
  return { notes, nextCursor: rows.length > input.limit ? (shown.at(-1)?.id ?? null) : null };
}

/** Only the author may change a note; the audit row names the field, not its content. */
export async function updateVisitNote(
  tx: Tx,
  tenantId: string,
  actor: Actor & { id: string },
  cipher: TenantCipher,
  input: UpdateVisitNoteInput,
  now: Date,
): Promise<VisitNote> {
  const current = await findNote(tx, tenantId, input.id, { lock: true });
  if (current.authorId !== actor.id) throw new DomainError('FORBIDDEN', 'NOT_AUTHOR', 'Only the author can edit a visit note');
  // The text being replaced is kept as it was written: a correction never erases the record.
  const [{ revisions } = { revisions: 0 }] = await tx
    .select({ revisions: sql<number>`count(*)::int` })
    .from(visitNoteRevisions)
    .where(and(eq(visitNoteRevisions.tenantId, tenantId), eq(visitNoteRevisions.noteId, input.id)));
  await tx.insert(visitNoteRevisions).values({
    tenantId,
    noteId: input.id,
    revision: revisions + 1,
    body: current.body,
    authorId: current.authorId,
    writtenAt: current.updatedAt,
    replacedAt: now,
  });
  const [row] = await tx
    .update(visitNotes)
    .set({ body: await cipher.seal(PURPOSE, input.id, input.body), updatedAt: now })
    .where(and(eq(visitNotes.tenantId, tenantId), eq(visitNotes.id, input.id)))
    .returning();
  if (!row) throw notFound('Visit note');
  await appendAudit(tx, tenantId, actor, {
    action: 'update',
    entity: 'visit_note',
    entityId: input.id,
    details: { clientId: row.clientId, fields: ['body'], revision: revisions + 1 },
  });
  return toVisitNote(cipher, { ...row, authorName: current.authorName }, actor);
}

export type VisitNoteRevision = { revision: number; body: string; authorId: string; writtenAt: string; replacedAt: string };

/** Every earlier text of a note, oldest first. Reading them is a view of the note, audited as one. */
export async function listVisitNoteRevisions(
  tx: Tx,
  tenantId: string,
  actor: Actor,
  cipher: TenantCipher,
  noteId: string,
): Promise<VisitNoteRevision[]> {
  const note = await findNote(tx, tenantId, noteId);
  const rows = await tx
    .select()
    .from(visitNoteRevisions)
    .where(and(eq(visitNoteRevisions.tenantId, tenantId), eq(visitNoteRevisions.noteId, noteId)))
    .orderBy(visitNoteRevisions.revision);
  await appendAudit(tx, tenantId, actor, {
    action: 'view',
    entity: 'visit_note_revisions',
    entityId: noteId,
    details: { clientId: note.clientId, count: rows.length },
  });
  return Promise.all(
    rows.map(async (row) => ({
      revision: row.revision,
      body: await cipher.open(PURPOSE, noteId, row.body),
      authorId: row.authorId,
      writtenAt: row.writtenAt.toISOString(),
      replacedAt: row.replacedAt.toISOString(),
    })),
  );
}
