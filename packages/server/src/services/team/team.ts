import { CLINICAL_ROLES, type InvitationCreated, type PendingInvitation, STAFF_ROLES, type StaffRole, type Team } from '@hetki/shared';
import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { invitations, memberships, staffUsers, tenants } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { publicUrl } from '../../env.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/uuid.js';
import { queueMessages } from '../../outbox/writeOutbox.js';
import { type Actor, appendAudit } from '../audit/auditLog.js';
import { isPendingInvitation, isUsableInvitation } from './invitationState.js';

export const INVITATION_DAYS = 7;

/** The acting member: who they are and what role they hold in this clinic. */
export type Member = Actor & { id: string; role: StaffRole };

const ownerOnly = () =>
  new DomainError(
    'FORBIDDEN',
    'OWNER_ONLY',
    'Only an owner can grant, change or remove a role that reads visit notes (owner, practitioner)',
  );

/** Reading patient records is the owner's to grant: an admin could otherwise give it to anyone, themselves included. */
const grantsClinicalAccess = (role: StaffRole) => CLINICAL_ROLES.includes(role);

export async function listTeam(tx: Tx, tenantId: string, now: Date): Promise<Team> {
  const members = await tx
    .select({
      userId: staffUsers.id,
      name: staffUsers.name,
      email: staffUsers.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(staffUsers, eq(staffUsers.id, memberships.userId))
    .where(eq(memberships.tenantId, tenantId))
    .orderBy(staffUsers.name);
  const pending = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.tenantId, tenantId), isUsableInvitation(now)))
    .orderBy(invitations.createdAt);
  return {
    members: members.map((member) => ({ ...member, joinedAt: member.joinedAt.toISOString() })),
    invitations: pending.map(toPendingInvitation),
  };
}

function toPendingInvitation(row: typeof invitations.$inferSelect): PendingInvitation {
  return { id: row.id, email: row.email, role: row.role, expiresAt: row.expiresAt.toISOString() };
}

/**
 * Creates a one-time invitation and emails it (through the outbox, in the clinic's default
 * language). The token is derived from the invitation (see InvitationTokens) and appears only in
 * the accept link's fragment, which browsers never send to a server; the database keeps its hash.
 * The link is also returned, for the admin to pass on another way.
 */
export async function inviteMember(
  deps: Pick<Deps, 'invitationTokens' | 'outbox'>,
  tx: Tx,
  tenantId: string,
  actor: Member,
  input: { email: string; role: StaffRole },
  now: Date,
): Promise<InvitationCreated> {
  if (!mayInvite(actor.role, input.role)) throw ownerOnly();
  const [alreadyMember] = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(staffUsers, eq(staffUsers.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), eq(staffUsers.email, input.email)));
  if (alreadyMember) throw new DomainError('CONFLICT', 'ALREADY_MEMBER', 'This person is already in the team');

  // A new invitation replaces any earlier one still open for the same address.
  await tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.tenantId, tenantId), eq(invitations.email, input.email), isPendingInvitation()));

  const [tenant] = await tx.select({ defaultLocale: tenants.defaultLocale }).from(tenants).where(eq(tenants.id, tenantId));
  const [messageId] = await queueMessages(tx, deps.outbox, tenantId, [
    { kind: 'staff_invitation', channel: 'email', recipient: input.email, locale: tenant?.defaultLocale ?? 'fi', dueAt: now },
  ]);
  const id = newId();
  const token = deps.invitationTokens.tokenFor(tenantId, id);
  const [row] = await tx
    .insert(invitations)
    .values({
      tenantId,
      id,
      email: input.email,
      role: input.role,
      tokenHash: deps.invitationTokens.hash(token),
      invitedBy: actor.id,
      expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
      messageId,
    })
    .returning();
  if (!row) throw new Error('Invitation insert returned nothing');
  await appendAudit(tx, tenantId, actor, { action: 'create', entity: 'invitation', entityId: row.id, details: { role: row.role } });
  return { invitation: toPendingInvitation(row), acceptUrl: `${publicUrl()}/invite#token=${token}` };
}

export async function revokeInvitation(tx: Tx, tenantId: string, actor: Member, invitationId: string, now: Date): Promise<void> {
  const [row] = await tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.tenantId, tenantId), eq(invitations.id, invitationId), isPendingInvitation()))
    .returning({ id: invitations.id });
  if (!row) throw notFound('Invitation');
  await appendAudit(tx, tenantId, actor, { action: 'delete', entity: 'invitation', entityId: invitationId });
}

async function lockedMembership(tx: Tx, tenantId: string, userId: string) {
  const [row] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)))
    .for('update');
  if (!row) throw notFound('Team member');
  return row;
}

/** Refuses to leave a clinic with no owner. Owner rows are locked so two demotions cannot race. */
async function assertAnotherOwnerRemains(tx: Tx, tenantId: string, userId: string): Promise<void> {
  const owners = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.role, 'owner')))
    .for('update');
  if (!owners.some((owner) => owner.userId !== userId)) {
    throw new DomainError('CONFLICT', 'LAST_OWNER', 'A clinic must keep at least one owner');
  }
}

/** Who may send an invitation for a role: managers, and only an owner for a role that reads patient records. */
function mayInvite(sender: StaffRole, invited: StaffRole): boolean {
  if (sender === 'owner') return true;
  return sender === 'admin' && !grantsClinicalAccess(invited);
}

/**
 * An open invitation carries its sender's authority: when the sender leaves the team or loses the
 * right to invite for that role, it is withdrawn. Otherwise a removed admin could keep the link
 * they were shown and let themselves back in.
 */
async function withdrawInvitationsNoLongerBacked(
  tx: Tx,
  tenantId: string,
  actor: Member,
  sender: { userId: string; role: StaffRole | null },
  now: Date,
): Promise<void> {
  const stillAllowed = STAFF_ROLES.filter((role) => sender.role !== null && mayInvite(sender.role, role));
  // All rows first, the audit rows last: appendAudit holds the clinic's audit head until commit,
  // and an invitation being accepted right now holds its row while it waits for that head.
  const withdrawn = await tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.tenantId, tenantId),
        eq(invitations.invitedBy, sender.userId),
        isUsableInvitation(now),
        stillAllowed.length > 0 ? notInArray(invitations.role, stillAllowed) : undefined,
      ),
    )
    .returning({ id: invitations.id });
  for (const invitation of withdrawn) {
    await appendAudit(tx, tenantId, actor, {
      action: 'delete',
      entity: 'invitation',
      entityId: invitation.id,
      details: { reason: 'sender_no_longer_allowed' },
    });
  }
}

export async function changeMemberRole(
  tx: Tx,
  tenantId: string,
  actor: Member,
  input: { userId: string; role: StaffRole },
  now: Date,
): Promise<void> {
  const target = await lockedMembership(tx, tenantId, input.userId);
  if ((grantsClinicalAccess(target.role) || grantsClinicalAccess(input.role)) && actor.role !== 'owner') throw ownerOnly();
  if (target.role === input.role) return;
  if (target.role === 'owner') await assertAnotherOwnerRemains(tx, tenantId, input.userId);
  await tx
    .update(memberships)
    .set({ role: input.role, updatedAt: sql`now()` })
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, input.userId)));
  await withdrawInvitationsNoLongerBacked(tx, tenantId, actor, { userId: input.userId, role: input.role }, now);
  await appendAudit(tx, tenantId, actor, {
    action: 'update',
    entity: 'membership',
    entityId: input.userId,
    details: { from: target.role, to: input.role },
  });
}

export async function removeMember(tx: Tx, tenantId: string, actor: Member, userId: string, now: Date): Promise<void> {
  const target = await lockedMembership(tx, tenantId, userId);
  if (target.role === 'owner' && actor.role !== 'owner') throw ownerOnly();
  if (target.role === 'owner') await assertAnotherOwnerRemains(tx, tenantId, userId);
  await tx.delete(memberships).where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
  await withdrawInvitationsNoLongerBacked(tx, tenantId, actor, { userId, role: null }, now);
  await appendAudit(tx, tenantId, actor, { action: 'delete', entity: 'membership', entityId: userId, details: { role: target.role } });
}
