import { type CreateBookingInput, type Locale, toE164 } from '@hetki/shared';
import type { Tx } from '../../db/connections.js';
import { contactHolding } from './contacts.js';
import { type MarketingChannel, recordMarketingConsent } from './marketingConsents.js';

/**
 * Marketing consents ticked on the booking form flow into the marketing register: the person
 * becomes (or already is) a contact linked to the client, with a grant per ticked channel.
 * Nothing is written when no box was ticked.
 */
export async function joinMarketingRegister(
  tx: Tx,
  tenantId: string,
  clientId: string,
  input: CreateBookingInput,
  ip: string | null,
  at: Date,
): Promise<void> {
  const channels: MarketingChannel[] = [];
  const phone = input.client.phone ? toE164(input.client.phone) : null;
  if (input.consents.marketingEmail && input.client.email) channels.push('email');
  if (input.consents.marketingSms && phone) channels.push('sms');
  if (channels.length === 0) return;
  const details = {
    name: `${input.client.firstName} ${input.client.lastName}`,
    email: input.client.email ?? null,
    phone,
    locale: (input.language ?? 'fi') as Locale,
    clientId,
  };
  for (const channel of channels) {
    const contact = await contactHolding(tx, tenantId, details, channel, at);
    await recordMarketingConsent(
      tx,
      tenantId,
      contact.id,
      { channel, granted: true, source: 'booking_form', noticeVersion: input.consents.noticeVersion, ip, staffActorId: null },
      at,
      { mirrorToClient: false },
    );
  }
}
