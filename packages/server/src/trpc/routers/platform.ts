import { signUpInput } from '@hetki/shared';
import { signUp } from '../../services/tenants/signUp.js';
import { setSessionCookie } from '../context.js';
import { router, sameOriginProcedure } from '../procedures.js';

export const platformRouter = router({
  signUp: sameOriginProcedure.input(signUpInput).mutation(async ({ ctx, input }) => {
    const issued = await signUp(ctx.deps, input, ctx.ip);
    setSessionCookie(ctx.res, issued.token);
    return issued.me;
  }),
});
