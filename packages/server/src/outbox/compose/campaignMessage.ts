import { type Locale, nextWindowOpening } from '@hetki/shared';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import type { outboxMessages } from '../../db/schema/index.js';
import { campaignEmailHtml, campaignEmailText, type MergeField, renderMergeTemplate, withStopInstruction } from '../../messages/index.js';
import { consentGrantedSql } from '../../services/marketing/marketingConsents.js';
import type { UnsubscribeTokens } from '../../services/marketing/unsubscribeTokens.js';
import { contactLine, type SenderProfile } from '../senderProfile.js';
import type { Composed } from './types.js';

type OutboxRow = typeof outboxMessages.$inferSelect;

export type Recipient = {
  name: string;
  email: string | null;
  phone: string | null;
  locale: Locale;
  campaign_status: string;
  subject: string | null;
  body: string;
  consented: boolean;
  sent_this_year: number;
};

/**
 * The recipients of some campaign rows as they are now, in one statement: the contact, the
 * campaign's text, whether the latest consent for the row's channel is a grant, and how many
 * campaign messages went to the person on that channel in the last year. The caller has
 * share-locked the contacts in an earlier statement of this transaction (deliverBatch does it with
 * the rows' own lock), so a withdrawal (which locks a contact for update) either came before and is
 * seen here, or waits until the message has been committed as sent. The contacts are the clinic's by
 * row-level security alone (the transaction is the clinic's): given the clinic's id, stale
 * statistics after an import could make the planner read all of its contacts.
 */
/** The window a person's yearly cap counts sent campaign messages over. */
export const FREQUENCY_CAP_DAYS = 365;

export async function readCampaignRecipients(tx: Tx, tenantId: string, rows: OutboxRow[], now: Date): Promise<Map<string, Recipient>> {
  const wanted = rows
    .filter((row) => row.contactId && row.campaignId)
    .map((row) => ({ row_id: row.id, contact_id: row.contactId, campaign_id: row.campaignId, channel: row.channel }));
  if (wanted.length === 0) return new Map();
  const found = await tx.execute<Recipient & { row_id: string }>(sql`
    select r.row_id, c.name, c.email, c.phone, c.locale, cp.status as campaign_status, cp.subject, cp.body,
      ${consentGrantedSql({ tenantId: sql`c.tenant_id`, id: sql`c.id` }, sql`r.channel`)} as consented,
      (select count(*) from outbox_messages o
        where o.tenant_id = c.tenant_id and o.contact_id = c.id and o.channel = r.channel
          and o.kind = 'campaign' and o.status = 'sent'
          and o.sent_at > ${now.toISOString()}::timestamptz - make_interval(days => ${FREQUENCY_CAP_DAYS}))::int as sent_this_year
    from jsonb_to_recordset(${JSON.stringify(wanted)}::jsonb) as r(row_id uuid, contact_id uuid, campaign_id uuid, channel text)
    join marketing_contacts c on c.id = r.contact_id
    join campaigns cp on cp.tenant_id = ${tenantId} and cp.id = r.campaign_id`);
  return new Map(found.map(({ row_id, ...recipient }) => [row_id, recipient]));
}

/**
 * One campaign message, checked at send time: the latest consent for the channel must be a grant,
 * the person must be under the clinic's yearly cap, and an SMS waits for the clinic's daytime
 * window. `recipient` comes from readCampaignRecipients in the same transaction.
 */
export function composeCampaignMessage(
  row: OutboxRow,
  recipient: Recipient | undefined,
  profile: SenderProfile,
  links: { baseUrl: string; unsubscribeTokens: UnsubscribeTokens },
  now: Date,
): Composed {
  if (!row.contactId || !row.campaignId || !recipient) return { kind: 'skip', reason: 'contact_missing' };
  const channel = row.channel;
  if (recipient.campaign_status === 'cancelled') return { kind: 'skip', reason: 'campaign_cancelled' };
  if (!recipient.consented) return { kind: 'skip', reason: 'no_consent' };
  const marketing = profile.preferences.marketing;
  if (recipient.sent_this_year >= marketing.frequencyCapPerYear) return { kind: 'skip', reason: 'frequency_cap' };

  const [firstName = '', ...rest] = recipient.name.trim().split(/\s+/);
  const values: Record<MergeField, string> = {
    firstName,
    lastName: rest.join(' '),
    fullName: recipient.name,
    clinicName: profile.name,
  };
  if (channel === 'sms') {
    if (!recipient.phone) return { kind: 'skip', reason: 'no_address' };
    const opens = nextWindowOpening(now, profile.timeZone, marketing.smsFromHour, marketing.smsUntilHour);
    if (opens) return { kind: 'defer', until: opens };
    return { kind: 'sms', body: withStopInstruction(renderMergeTemplate(recipient.body, values, 'text'), recipient.locale) };
  }

  if (!recipient.email) return { kind: 'skip', reason: 'no_address' };
  const unsubscribeUrl = `${links.baseUrl}/u/${links.unsubscribeTokens.tokenFor({ tenantId: row.tenantId, contactId: row.contactId, channel })}`;
  const footer = { locale: recipient.locale, clinicName: profile.name, unsubscribeUrl, clinicContactLine: contactLine(profile) };
  return {
    kind: 'email',
    email: {
      fromName: profile.name,
      replyTo: profile.email,
      to: recipient.email,
      subject: renderMergeTemplate(recipient.subject ?? '', values, 'text'),
      text: campaignEmailText({ ...footer, bodyText: renderMergeTemplate(recipient.body, values, 'text') }),
      html: campaignEmailHtml({ ...footer, bodyHtml: renderMergeTemplate(recipient.body, values, 'html') }),
      // RFC 8058 one-click unsubscribe: mail clients POST "List-Unsubscribe=One-Click" to the URL.
      headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      calendar: null,
    },
  };
}
