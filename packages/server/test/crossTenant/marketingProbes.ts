import { randomUUID } from 'node:crypto';
import type { ProbeModule } from './probe.js';

/** B's marketing contact (with an email grant) and an email campaign draft: aimed at from A, none of it may show or change. */
export const marketingProbes: ProbeModule = {
  seed: async (ownerOfB): Promise<Record<string, string>> => {
    const suffix = randomUUID().slice(0, 8);
    const contactName = `Bcontact${suffix}`;
    const contact = await ownerOfB.mutate<{ id: string }>('staff.marketing.contacts.create', {
      name: contactName,
      email: `bcontact.${suffix}@example.test`,
    });
    await ownerOfB.mutate('staff.marketing.contacts.recordConsent', { contactId: contact.id, channel: 'email', granted: true });
    const campaignName = `Bcampaign${suffix}`;
    const campaign = await ownerOfB.mutate<{ id: string }>('staff.marketing.campaigns.create', {
      name: campaignName,
      channel: 'email',
      subject: `B news ${suffix}`,
      body: 'Hello {{firstName}}',
      audience: { kind: 'all' },
    });
    return {
      marketingContactId: contact.id,
      marketingContactName: contactName,
      marketingCampaignId: campaign.id,
      marketingCampaignName: campaignName,
    };
  },
  probes: {
    'staff.marketing.contacts.list': { input: (b) => ({ search: b.marketingContactName }), expect: 'OWN_TENANT_ONLY' },
    'staff.marketing.contacts.view': { input: (b) => ({ id: b.marketingContactId }), expect: 'NOT_FOUND' },
    // Takes no id: creates in A only.
    'staff.marketing.contacts.create': {
      input: () => ({ name: 'Probe Contact', email: 'probe.contact@example.test' }),
      expect: 'OWN_TENANT_ONLY',
    },
    'staff.marketing.contacts.recordConsent': {
      input: (b) => ({ contactId: b.marketingContactId, channel: 'email', granted: false }),
      expect: 'NOT_FOUND',
    },
    'staff.marketing.campaigns.list': { input: () => undefined, expect: 'OWN_TENANT_ONLY' },
    // Takes no id: creates in A only.
    'staff.marketing.campaigns.create': {
      input: () => ({ name: 'Probe campaign', channel: 'email', subject: 'Hi', body: 'Hello {{firstName}}', audience: { kind: 'all' } }),
      expect: 'OWN_TENANT_ONLY',
    },
    'staff.marketing.campaigns.update': {
      input: (b) => ({ id: b.marketingCampaignId, name: 'Hijacked', subject: 'Hijacked' }),
      expect: 'NOT_FOUND',
    },
    'staff.marketing.campaigns.preview': { input: (b) => ({ id: b.marketingCampaignId }), expect: 'NOT_FOUND' },
    'staff.marketing.campaigns.schedule': { input: (b) => ({ id: b.marketingCampaignId, sendAt: null }), expect: 'NOT_FOUND' },
    'staff.marketing.campaigns.cancel': { input: (b) => ({ id: b.marketingCampaignId }), expect: 'NOT_FOUND' },
    'staff.marketing.campaigns.progress': { input: (b) => ({ id: b.marketingCampaignId }), expect: 'NOT_FOUND' },
  },
};
