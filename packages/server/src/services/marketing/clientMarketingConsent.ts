import { type ClientConsentPurpose, LOCALES, type Locale, toE164 } from '@hetki/shared';
import { and, eq, or, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { marketingContacts, tenants } from '../../db/schema/index.js';
import { contactHolding } from './contacts.js';
import { CLIENT_PURPOSE, type MarketingChannel, type MarketingConsentEntry, recordMarketingConsent } from './marketingConsents.js';

export type ConsentingClient = {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  language: string | null;
};

/** The register's channel for a client consent purpose, if it is a marketing one. */
export const marketingChannelOf = (purpose: ClientConsentPurpose): MarketingChannel | undefined =>
  (Object.keys(CLIENT_PURPOSE) as MarketingChannel[]).find((channel) => CLIENT_PURPOSE[channel] === purpose);

/** The client's address on a channel, in the form the register keeps (phones in E.164). */
export function addressOf(client: ConsentingClient, channel: MarketingChannel): string | null {
  if (channel === 'email') return client.email;
  return client.phone ? toE164(client.phone) : null;
}

/**
 * A marketing consent a client gave outside the register (in the portal, or to staff on their
 * profile) carried to the register that campaigns send from, as the booking form's is: a grant
 * joins (or finds) the contact for the client's address; a withdrawal reaches every contact linked
 * to the client or holding its address, so no campaign reaches them after it. A grant without the
 * address stays in the client's own ledger only. Other purposes are not the register's business.
 */
export async function carryToMarketingRegister(
  tx: Tx,
  tenantId: string,
  client: ConsentingClient,
  purpose: ClientConsentPurpose,
  entry: Omit<MarketingConsentEntry, 'channel'>,
  now: Date,
): Promise<void> {
  const channel = marketingChannelOf(purpose);
  if (!channel) return;
  const address = addressOf(client, channel);
  if (entry.granted && !address) return;
  const contactIds = entry.granted
    ? [await contactFor(tx, tenantId, client, channel, now)]
    : await contactsOf(tx, tenantId, client.id, address, channel);
  for (const contactId of contactIds) {
    await recordMarketingConsent(tx, tenantId, contactId, { channel, ...entry }, now, { mirrorToClient: false });
  }
}

async function contactFor(tx: Tx, tenantId: string, client: ConsentingClient, channel: MarketingChannel, now: Date): Promise<string> {
  const locale = isLocale(client.language) ? client.language : await clinicLocale(tx, tenantId);
  const details = {
    name: `${client.firstName} ${client.lastName}`,
    email: client.email,
    phone: addressOf(client, 'sms'),
    locale,
    clientId: client.id,
  };
  return (await contactHolding(tx, tenantId, details, channel, now)).id;
}

const isLocale = (value: string | null): value is Locale => value !== null && (LOCALES as readonly string[]).includes(value);

/** The language of the clinic's campaigns to a contact who has not said theirs. */
export async function clinicLocale(tx: Tx, tenantId: string): Promise<Locale> {
  const [tenant] = await tx.select({ defaultLocale: tenants.defaultLocale }).from(tenants).where(eq(tenants.id, tenantId));
  return tenant?.defaultLocale ?? 'fi';
}

async function contactsOf(
  tx: Tx,
  tenantId: string,
  clientId: string,
  address: string | null,
  channel: MarketingChannel,
): Promise<string[]> {
  const matches: SQL[] = [eq(marketingContacts.clientId, clientId)];
  if (address) matches.push(channel === 'email' ? eq(marketingContacts.email, address) : eq(marketingContacts.phone, address));
  const rows = await tx
    .select({ id: marketingContacts.id })
    .from(marketingContacts)
    .where(and(eq(marketingContacts.tenantId, tenantId), or(...matches)));
  return rows.map((row) => row.id);
}
