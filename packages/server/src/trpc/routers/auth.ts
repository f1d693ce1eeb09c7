import {
  acceptInviteInput,
  changePasswordInput,
  loginInput,
  noInput,
  switchTenantInput,
  totpDisableInput,
  totpVerifyInput,
} from '@hetki/shared';
import { sha256Hex } from '../../lib/crypto.js';
import { acceptInvitation } from '../../services/auth/acceptInvitation.js';
import { changePassword, describeSession, login, switchTenant } from '../../services/auth/auth.js';
import { destroySession, resolveSession } from '../../services/auth/sessions.js';
import { confirmTotpEnrolment, disableTotp, startTotpEnrolment } from '../../services/auth/totpEnrolment.js';
import { clearSessionCookie, setSessionCookie } from '../context.js';
import { publicProcedure, router, sameOriginProcedure, sessionProcedure } from '../procedures.js';

export const authRouter = router({
  login: sameOriginProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    const previousTokenHash = ctx.sessionToken ? sha256Hex(ctx.sessionToken) : null;
    const issued = await login(ctx.deps, input, { ip: ctx.ip, previousTokenHash });
    setSessionCookie(ctx.res, issued.token);
    return issued.me;
  }),

  logout: sessionProcedure.input(noInput).mutation(async ({ ctx }) => {
    await destroySession(ctx.deps, ctx.session.tokenHash);
    clearSessionCookie(ctx.res);
    return { ok: true as const };
  }),

  /** The signed-in user, or null: lets the web app decide between the login page and the app. */
  me: publicProcedure.input(noInput).query(async ({ ctx }) => {
    const session = ctx.sessionToken ? await resolveSession(ctx.deps, ctx.sessionToken) : null;
    return session ? describeSession(ctx.deps, session) : null;
  }),

  switchTenant: sessionProcedure.input(switchTenantInput).mutation(({ ctx, input }) => switchTenant(ctx.deps, ctx.session, input.tenantId)),

  changePassword: sessionProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    const issued = await changePassword(ctx.deps, ctx.session, input, ctx.ip);
    setSessionCookie(ctx.res, issued.token);
    return issued.me;
  }),

  totp: router({
    enrol: sessionProcedure.input(noInput).mutation(({ ctx }) => startTotpEnrolment(ctx.deps, ctx.session)),
    verify: sessionProcedure.input(totpVerifyInput).mutation(async ({ ctx, input }) => {
      await confirmTotpEnrolment(ctx.deps, ctx.session, input.code, ctx.ip);
      return { enabled: true as const };
    }),
    disable: sessionProcedure.input(totpDisableInput).mutation(async ({ ctx, input }) => {
      await disableTotp(ctx.deps, ctx.session, input, ctx.ip);
      return { enabled: false as const };
    }),
  }),

  acceptInvite: sameOriginProcedure.input(acceptInviteInput).mutation(async ({ ctx, input }) => {
    const previousTokenHash = ctx.sessionToken ? sha256Hex(ctx.sessionToken) : null;
    const issued = await acceptInvitation(ctx.deps, input, { ip: ctx.ip, previousTokenHash });
    setSessionCookie(ctx.res, issued.token);
    return issued.me;
  }),
});
