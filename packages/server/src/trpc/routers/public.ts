import { publicProfileInput } from '@hetki/shared';
import { getPublicProfile } from '../../services/tenants/publicProfile.js';
import { publicProcedure, router } from '../procedures.js';

export const publicRouter = router({
  clinicProfile: publicProcedure.input(publicProfileInput).query(({ ctx, input }) => getPublicProfile(ctx.deps, input.slug)),
});
