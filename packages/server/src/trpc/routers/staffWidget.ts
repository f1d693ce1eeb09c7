import { noInput, updateWidgetSettingsInput } from '@hetki/shared';
import { getWidgetSettings, updateWidgetSettings } from '../../services/widget/widgetSettings.js';
import { MANAGERS, router, staffProcedure } from '../procedures.js';

/** The booking widget's settings: which sites may embed it, its cookie banner, the privacy notice link. */
export const staffWidgetRouter = router({
  get: staffProcedure(MANAGERS)
    .input(noInput)
    .query(({ ctx }) => getWidgetSettings(ctx.tx, ctx.tenantId)),
  update: staffProcedure(MANAGERS)
    .input(updateWidgetSettingsInput)
    .mutation(({ ctx, input }) => updateWidgetSettings(ctx.tx, ctx.tenantId, ctx.member, input)),
});
