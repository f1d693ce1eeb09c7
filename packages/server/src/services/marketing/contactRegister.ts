import { type Locale, toE164 } from '@hetki/shared';
import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { marketingContacts } from '../../db/schema/index.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { isUniqueViolation } from '../../lib/pgErrors.js';
import { newId } from '../../lib/uuid.js';
import { appendAudit } from '../audit/auditLog.js';
import type { Member } from '../team/team.js';
import { clinicLocale } from './clientMarketingConsent.js';
import {
  consentGrantedSql,
  currentNoticeVersion,
  type MarketingChannel,
  marketingConsentHistory,
  recordMarketingConsent,
} from './marketingConsents.js';

const LISTED_CONTACT = { tenantId: sql`marketing_contacts.tenant_id`, id: sql`marketing_contacts.id` };
const CONSENT_STATE = sql<{ email: boolean; sms: boolean }>`json_build_object(
  'email', ${consentGrantedSql(LISTED_CONTACT, 'email')}, 'sms', ${consentGrantedSql(LISTED_CONTACT, 'sms')})`;

/** A page of the register. Showing it is a view of each listed person's details, audited by id. */
export async function listContacts(tx: Tx, tenantId: string, member: Member, input: { search?: string; limit: number; offset: number }) {
  const term = input.search ? `%${input.search.replace(/[\\%_]/g, '\\$&')}%` : null;
  const contacts = await tx
    .select({
      id: marketingContacts.id,
      name: marketingContacts.name,
      email: marketingContacts.email,
      phone: marketingContacts.phone,
      locale: marketingContacts.locale,
      clientId: marketingContacts.clientId,
      consent: CONSENT_STATE,
    })
    .from(marketingContacts)
    .where(
      and(
        eq(marketingContacts.tenantId, tenantId),
        term
          ? or(ilike(marketingContacts.name, term), ilike(marketingContacts.email, term), ilike(marketingContacts.phone, term))
          : undefined,
      ),
    )
    .orderBy(asc(marketingContacts.name), asc(marketingContacts.id))
    .limit(input.limit)
    .offset(input.offset);
  await appendAudit(tx, tenantId, member, {
    action: 'view',
    entity: 'marketing_contact_list',
    details: { count: contacts.length, hasQuery: term !== null, contactIds: contacts.map((contact) => contact.id) },
  });
  return contacts;
}

export async function viewContact(tx: Tx, tenantId: string, member: Member, id: string) {
  const [contact] = await tx
    .select()
    .from(marketingContacts)
    .where(and(eq(marketingContacts.tenantId, tenantId), eq(marketingContacts.id, id)));
  if (!contact) throw notFound('Contact');
  const history = await marketingConsentHistory(tx, tenantId, id);
  await appendAudit(tx, tenantId, member, { action: 'view', entity: 'marketing_contact', entityId: id });
  return {
    contact,
    consents: history.map((row) => ({
      channel: row.channel,
      granted: row.granted,
      source: row.source,
      noticeVersion: row.noticeVersion,
      recordedAt: row.recordedAt.toISOString(),
      byStaff: row.staffActorId !== null,
    })),
  };
}

export async function createContact(
  tx: Tx,
  tenantId: string,
  member: Member,
  input: { name: string; email: string | null; phone: string | null; locale?: Locale | undefined },
): Promise<{ id: string }> {
  const phone = input.phone ? toE164(input.phone) : null;
  if (input.phone && !phone) throw new DomainError('BAD_REQUEST', 'INVALID_INPUT', 'Enter a phone number in international form');
  const id = newId();
  try {
    const locale = input.locale ?? (await clinicLocale(tx, tenantId));
    await tx.insert(marketingContacts).values({ tenantId, id, name: input.name, email: input.email, phone, locale });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('CONFLICT', 'CONTACT_EXISTS', 'A contact with this email or phone already exists');
    throw error;
  }
  await appendAudit(tx, tenantId, member, { action: 'create', entity: 'marketing_contact', entityId: id });
  return { id };
}

/** Staff record a consent the person gave or withdrew in person or by phone. */
export async function recordVerbalConsent(
  tx: Tx,
  tenantId: string,
  member: Member,
  input: { contactId: string; channel: MarketingChannel; granted: boolean },
  at: Date,
): Promise<{ ok: true }> {
  const [contact] = await tx
    .select({ id: marketingContacts.id, email: marketingContacts.email, phone: marketingContacts.phone })
    .from(marketingContacts)
    .where(and(eq(marketingContacts.tenantId, tenantId), eq(marketingContacts.id, input.contactId)));
  if (!contact) throw notFound('Contact');
  if (input.granted && !(input.channel === 'email' ? contact.email : contact.phone)) {
    throw new DomainError(
      'BAD_REQUEST',
      'INVALID_INPUT',
      `This contact has no ${input.channel === 'email' ? 'email address' : 'phone number'}`,
    );
  }
  const noticeVersion = await currentNoticeVersion(tx, tenantId);
  await recordMarketingConsent(
    tx,
    tenantId,
    contact.id,
    { channel: input.channel, granted: input.granted, source: 'staff_verbal', noticeVersion, ip: null, staffActorId: member.id },
    at,
  );
  await appendAudit(tx, tenantId, member, {
    action: input.granted ? 'grant' : 'withdraw',
    entity: 'marketing_consent',
    entityId: contact.id,
    details: { channel: input.channel, source: 'staff_verbal' },
  });
  return { ok: true };
}
