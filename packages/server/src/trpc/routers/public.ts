import { noInput, publicProfileInput } from '@hetki/shared';
import { getPublicProfile } from '../../services/tenants/publicProfile.js';
import { publicProcedure, router } from '../procedures.js';
import { publicBookingRouter } from './publicBooking.js';

export const publicRouter = router({
  booking: publicBookingRouter,
  /** Does nothing: the baseline that benchmarks compare real procedures with. */
  ping: publicProcedure.input(noInput).query(() => ({ ok: true as const })),
  clinicProfile: publicProcedure.input(publicProfileInput).query(({ ctx, input }) => getPublicProfile(ctx.deps, input.slug)),
});
