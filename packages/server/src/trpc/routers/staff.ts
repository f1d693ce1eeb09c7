import {
  changeRoleInput,
  inviteMemberInput,
  noInput,
  removeMemberInput,
  revokeInviteInput,
  updateTenantSettingsInput,
} from '@hetki/shared';
import { changeMemberRole, inviteMember, listTeam, removeMember, revokeInvitation } from '../../services/team/team.js';
import { getTenantSettings, updateTenantSettings } from '../../services/tenants/tenantSettings.js';
import { ALL_STAFF, MANAGERS, router, staffProcedure } from '../procedures.js';
import { staffCalendarRouter } from './staffCalendar.js';
import { staffCatalogueRouter } from './staffCatalogue.js';
import { staffClientsRouter } from './staffClients.js';
import { staffMarketingRouter } from './staffMarketing.js';
import { staffWidgetRouter } from './staffWidget.js';

export const staffRouter = router({
  catalogue: staffCatalogueRouter,
  calendar: staffCalendarRouter,
  clients: staffClientsRouter,
  marketing: staffMarketingRouter,
  widget: staffWidgetRouter,
  team: router({
    list: staffProcedure(MANAGERS)
      .input(noInput)
      .query(({ ctx }) => listTeam(ctx.tx, ctx.tenantId, ctx.deps.now())),
    invite: staffProcedure(MANAGERS)
      .input(inviteMemberInput)
      .mutation(({ ctx, input }) => inviteMember(ctx.deps, ctx.tx, ctx.tenantId, ctx.member, input, ctx.deps.now())),
    revokeInvite: staffProcedure(MANAGERS)
      .input(revokeInviteInput)
      .mutation(async ({ ctx, input }) => {
        await revokeInvitation(ctx.tx, ctx.tenantId, ctx.member, input.invitationId, ctx.deps.now());
        return { ok: true as const };
      }),
    changeRole: staffProcedure(MANAGERS)
      .input(changeRoleInput)
      .mutation(async ({ ctx, input }) => {
        await changeMemberRole(ctx.tx, ctx.tenantId, ctx.member, input, ctx.deps.now());
        return { ok: true as const };
      }),
    remove: staffProcedure(MANAGERS)
      .input(removeMemberInput)
      .mutation(async ({ ctx, input }) => {
        await removeMember(ctx.tx, ctx.tenantId, ctx.member, input.userId, ctx.deps.now());
        return { ok: true as const };
      }),
  }),
  settings: router({
    get: staffProcedure(ALL_STAFF)
      .input(noInput)
      .query(({ ctx }) => getTenantSettings(ctx.tx, ctx.tenantId)),
    update: staffProcedure(MANAGERS)
      .input(updateTenantSettingsInput)
      .mutation(({ ctx, input }) => updateTenantSettings(ctx.tx, ctx.tenantId, ctx.member, input)),
  }),
});
