import type { Locale } from '@hetki/shared';
import { and, eq, or, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { marketingContacts } from '../../db/schema/index.js';
import { newId } from '../../lib/uuid.js';

export type ContactDetails = { name: string; email: string | null; phone: string | null; locale: Locale; clientId: string | null };
export type Contact = typeof marketingContacts.$inferSelect;

/**
 * The contact with this email or phone (E.164), created when there is none. Details already on
 * file are kept; missing ones are filled in, and a client link is added once known.
 */
export async function findOrCreateContact(tx: Tx, tenantId: string, details: ContactDetails, at: Date): Promise<Contact> {
  const matches: SQL[] = [];
  if (details.email) matches.push(eq(marketingContacts.email, details.email));
  if (details.phone) matches.push(eq(marketingContacts.phone, details.phone));
  if (matches.length === 0) throw new Error('A marketing contact needs an email or a phone number');
  const found = await tx
    .select()
    .from(marketingContacts)
    .where(and(eq(marketingContacts.tenantId, tenantId), or(...matches)))
    .for('update');
  // The email and the phone may belong to two contacts: the email's wins, and neither is merged.
  const existing = found.find((contact) => details.email && contact.email === details.email) ?? found[0];
  if (!existing) {
    const [created] = await tx
      .insert(marketingContacts)
      .values({ tenantId, id: newId(), ...details, createdAt: at, updatedAt: at })
      .onConflictDoNothing()
      .returning();
    if (created) return created;
    // A concurrent request created it between our read and insert: read it again.
    return findOrCreateContact(tx, tenantId, details, at);
  }
  const fill: Partial<Contact> = {};
  if (!existing.email && details.email) fill.email = details.email;
  if (!existing.phone && details.phone && found.length === 1) fill.phone = details.phone;
  if (!existing.clientId && details.clientId) fill.clientId = details.clientId;
  if (Object.keys(fill).length === 0) return existing;
  const [updated] = await tx
    .update(marketingContacts)
    .set({ ...fill, updatedAt: at })
    .where(and(eq(marketingContacts.tenantId, tenantId), eq(marketingContacts.id, existing.id)))
    .returning();
  return updated ?? existing;
}

/**
 * The contact that holds exactly this channel's address (email for email, phone for SMS), for a
 * grant on that channel: a consent is for the address it was given for. The person's other address
 * may find a contact with a different address on this channel (an old email, another number); then
 * this address is a contact of its own, rather than the grant reaching the old one.
 */
export async function contactHolding(
  tx: Tx,
  tenantId: string,
  details: ContactDetails,
  channel: 'email' | 'sms',
  at: Date,
): Promise<Contact> {
  const address = channel === 'email' ? details.email : details.phone;
  if (!address) throw new Error(`A ${channel} grant needs the address it is for`);
  const contact = await findOrCreateContact(tx, tenantId, details, at);
  if ((channel === 'email' ? contact.email : contact.phone) === address) return contact;
  return findOrCreateContact(tx, tenantId, channel === 'email' ? { ...details, phone: null } : { ...details, email: null }, at);
}
