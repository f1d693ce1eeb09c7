import {
  CLINICAL_ROLES,
  clientHealthInfoInput,
  clientIdInput,
  clientListInput,
  createClientInput,
  createVisitNoteInput,
  idInput,
  listVisitNotesInput,
  putClientHealthInfoInput,
  recordClientConsentInput,
  updateClientInput,
  updateVisitNoteInput,
} from '@hetki/shared';
import type { Tx } from '../../db/connections.js';
import type { Deps } from '../../deps.js';
import { recordStaffVerbalConsent } from '../../services/clients/clientConsents.js';
import { getClientProfile } from '../../services/clients/clientProfile.js';
import { createClient, listClients, revealPersonalIdentityCode, updateClient } from '../../services/clients/clients.js';
import { masterKeyRing, TenantCipher } from '../../services/keys/tenantKeys.js';
import { getHealthInfo, listHealthInfoRevisions, putHealthInfo } from '../../services/notes/healthInfo.js';
import { createVisitNote, listVisitNoteRevisions, listVisitNotes, updateVisitNote } from '../../services/notes/visitNotes.js';
import { ALL_STAFF, router, staffProcedure } from '../procedures.js';

/** The clinic's data keys for this request's transaction. */
const cipherFor = (ctx: { tx: Tx; deps: Deps; tenantId: string }) =>
  new TenantCipher(ctx.tx, masterKeyRing(ctx.deps.env.MASTER_KEY), ctx.tenantId);

/** Mounted as `staff.clients`: the client register, and the special-category data beside it. */
export const staffClientsRouter = router({
  list: staffProcedure(ALL_STAFF)
    .input(clientListInput)
    .query(({ ctx, input }) => listClients(ctx.tx, ctx.tenantId, ctx.member, input, ctx.deps.now())),
  get: staffProcedure(ALL_STAFF)
    .input(clientIdInput)
    .query(({ ctx, input }) => getClientProfile(ctx.tx, ctx.tenantId, ctx.member, cipherFor(ctx), input.id)),
  create: staffProcedure(ALL_STAFF)
    .input(createClientInput)
    .mutation(({ ctx, input }) => createClient(ctx.tx, ctx.tenantId, ctx.member, cipherFor(ctx), input, ctx.deps.now())),
  update: staffProcedure(ALL_STAFF)
    .input(updateClientInput)
    .mutation(({ ctx, input }) => updateClient(ctx.tx, ctx.tenantId, ctx.member, cipherFor(ctx), input, ctx.deps.now())),
  recordConsent: staffProcedure(ALL_STAFF)
    .input(recordClientConsentInput)
    .mutation(({ ctx, input }) => recordStaffVerbalConsent(ctx.tx, ctx.tenantId, ctx.member, input, ctx.deps.now())),
  /** The full personal identity code: owners only, each reveal audited. */
  revealIdentityCode: staffProcedure(['owner'])
    .input(clientIdInput)
    .query(({ ctx, input }) => revealPersonalIdentityCode(ctx.tx, ctx.tenantId, ctx.member, cipherFor(ctx), input.id)),
  notes: router({
    list: staffProcedure(CLINICAL_ROLES)
      .input(listVisitNotesInput)
      .query(({ ctx, input }) => listVisitNotes(ctx.tx, ctx.tenantId, ctx.member, cipherFor(ctx), input)),
    create: staffProcedure(CLINICAL_ROLES)
      .input(createVisitNoteInput)
      .mutation(({ ctx, input }) => createVisitNote(ctx.tx, ctx.tenantId, ctx.member, cipherFor(ctx), input, ctx.deps.now())),
    update: staffProcedure(CLINICAL_ROLES)
      .input(updateVisitNoteInput)
      .mutation(({ ctx, input }) => updateVisitNote(ctx.tx, ctx.tenantId, ctx.member, cipherFor(ctx), input, ctx.deps.now())),
    revisions: staffProcedure(CLINICAL_ROLES)
      .input(idInput)
      .query(({ ctx, input }) => listVisitNoteRevisions(ctx.tx, ctx.tenantId, ctx.member, cipherFor(ctx), input.id)),
  }),
  health: router({
    get: staffProcedure(CLINICAL_ROLES)
      .input(clientHealthInfoInput)
      .query(({ ctx, input }) => getHealthInfo(ctx.tx, ctx.tenantId, ctx.member, cipherFor(ctx), input.clientId)),
    put: staffProcedure(CLINICAL_ROLES)
      .input(putClientHealthInfoInput)
      .mutation(({ ctx, input }) => putHealthInfo(ctx.tx, ctx.tenantId, ctx.member, cipherFor(ctx), input, ctx.deps.now())),
    revisions: staffProcedure(CLINICAL_ROLES)
      .input(clientHealthInfoInput)
      .query(({ ctx, input }) => listHealthInfoRevisions(ctx.tx, ctx.tenantId, ctx.member, cipherFor(ctx), input.clientId)),
  }),
});
