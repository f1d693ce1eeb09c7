import { recordCookieConsentInput, widgetConfigInput } from '@hetki/shared';
import { recordCookieConsent } from '../../services/widget/cookieConsent.js';
import { publicWidgetConfig } from '../../services/widget/widgetConfig.js';
import { router } from '../procedures.js';
import { widgetProcedure } from '../widgetProcedure.js';

/** What the embed loader (on the clinic's own site) and the widget page ask for. */
export const publicWidgetRouter = router({
  config: widgetProcedure.input(widgetConfigInput).query(({ ctx, input }) => publicWidgetConfig(ctx.deps, input.slug)),
  recordCookieConsent: widgetProcedure.input(recordCookieConsentInput).mutation(({ ctx, input }) =>
    recordCookieConsent(ctx.deps, input, {
      ip: ctx.ip,
      siteOrigin: typeof ctx.req.headers.origin === 'string' ? ctx.req.headers.origin : null,
    }),
  ),
});
