import { noInput, publicProfileInput, subscribeInput } from '@hetki/shared';
import { subscribeToNewsletter } from '../../services/marketing/subscribe.js';
import { getPublicProfile } from '../../services/tenants/publicProfile.js';
import { publicProcedure, router } from '../procedures.js';
import { publicBookingRouter } from './publicBooking.js';
import { publicWidgetRouter } from './publicWidget.js';

export const publicRouter = router({
  booking: publicBookingRouter,
  widget: publicWidgetRouter,
  /** Does nothing: the baseline that benchmarks compare real procedures with. */
  ping: publicProcedure.input(noInput).query(() => ({ ok: true as const })),
  /** A clinic's own newsletter form: double opt-in by email. */
  subscribe: publicProcedure.input(subscribeInput).mutation(({ ctx, input }) => subscribeToNewsletter(ctx.deps, input, ctx.ip)),
  clinicProfile: publicProcedure.input(publicProfileInput).query(({ ctx, input }) => getPublicProfile(ctx.deps, input.slug)),
});
