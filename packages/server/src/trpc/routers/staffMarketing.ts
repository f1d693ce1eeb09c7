import {
  campaignIdInput,
  contactIdInput,
  createCampaignInput,
  createContactInput,
  listContactsInput,
  noInput,
  recordContactConsentInput,
  type StaffRole,
  scheduleCampaignInput,
  updateCampaignInput,
} from '@hetki/shared';
import { onCommit } from '../../db/context.js';
import { DomainError } from '../../lib/errors.js';
import {
  campaignProgress,
  cancelCampaign,
  createCampaign,
  listCampaigns,
  previewCampaign,
  scheduleCampaign,
  updateCampaign,
} from '../../services/campaigns/campaigns.js';
import { createContact, listContacts, recordVerbalConsent, viewContact } from '../../services/marketing/contactRegister.js';
import { router, staffProcedure } from '../procedures.js';

/** Marketing is the front desk's and the managers' work; practitioners treat. */
const MARKETERS: readonly StaffRole[] = ['owner', 'admin', 'reception'];

export const staffMarketingRouter = router({
  contacts: router({
    list: staffProcedure(MARKETERS)
      .input(listContactsInput)
      .query(({ ctx, input }) => listContacts(ctx.tx, ctx.tenantId, ctx.member, input)),
    view: staffProcedure(MARKETERS)
      .input(contactIdInput)
      .query(({ ctx, input }) => viewContact(ctx.tx, ctx.tenantId, ctx.member, input.id)),
    create: staffProcedure(MARKETERS)
      .input(createContactInput)
      .mutation(({ ctx, input }) => createContact(ctx.tx, ctx.tenantId, ctx.member, input)),
    recordConsent: staffProcedure(MARKETERS)
      .input(recordContactConsentInput)
      .mutation(({ ctx, input }) => recordVerbalConsent(ctx.tx, ctx.tenantId, ctx.member, input, ctx.deps.now())),
  }),
  campaigns: router({
    list: staffProcedure(MARKETERS)
      .input(noInput)
      .query(({ ctx }) => listCampaigns(ctx.tx, ctx.tenantId)),
    create: staffProcedure(MARKETERS)
      .input(createCampaignInput)
      .mutation(({ ctx, input }) => createCampaign(ctx.tx, ctx.tenantId, ctx.member, input)),
    update: staffProcedure(MARKETERS)
      .input(updateCampaignInput)
      .mutation(({ ctx, input }) => updateCampaign(ctx.tx, ctx.tenantId, ctx.member, input)),
    preview: staffProcedure(MARKETERS)
      .input(campaignIdInput)
      .query(({ ctx, input }) => previewCampaign(ctx.tx, ctx.tenantId, input.id, ctx.deps.now())),
    schedule: staffProcedure(MARKETERS)
      .input(scheduleCampaignInput)
      .mutation(async ({ ctx, input }) => {
        const now = ctx.deps.now();
        const sendAt = input.sendAt ? new Date(input.sendAt) : now;
        if (sendAt.getTime() < now.getTime() - 60_000) throw new DomainError('BAD_REQUEST', 'INVALID_INPUT', 'Choose a time in the future');
        const campaign = await scheduleCampaign(ctx.tx, ctx.tenantId, ctx.member, input.id, sendAt);
        const { tenantId } = ctx;
        onCommit(ctx.tx, () => ctx.deps.outbox.startCampaignAt(tenantId, campaign.id, sendAt));
        return campaign;
      }),
    cancel: staffProcedure(MARKETERS)
      .input(campaignIdInput)
      .mutation(({ ctx, input }) => cancelCampaign(ctx.tx, ctx.tenantId, ctx.member, input.id)),
    progress: staffProcedure(MARKETERS)
      .input(campaignIdInput)
      .query(({ ctx, input }) => campaignProgress(ctx.tx, ctx.tenantId, input.id)),
  }),
});
