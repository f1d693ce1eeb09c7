import {
  portalBookingInput,
  portalConsentInput,
  portalRequestLinkInput,
  portalRescheduleInput,
  portalSignInInput,
  portalSlugInput,
  portalUpdateProfileInput,
} from '@hetki/shared';
import { cancelPortalBooking, reschedulePortalBooking } from '../../services/portal/portalBookingChanges.js';
import { listPortalBookings } from '../../services/portal/portalBookings.js';
import { getPortalConsents, setPortalConsent } from '../../services/portal/portalConsents.js';
import { getPortalProfile, updatePortalProfile } from '../../services/portal/portalProfile.js';
import { currentPortalSession, signOutPortal } from '../../services/portal/portalSession.js';
import { requestSignInLink } from '../../services/portal/requestSignInLink.js';
import { signInWithLink } from '../../services/portal/signIn.js';
import { clearPortalCookie, portalProcedure, portalToken, setPortalCookie } from '../portalProcedure.js';
import { publicProcedure, router, sameOriginProcedure } from '../procedures.js';

/** The client portal (/my/<clinic>): sign-in by emailed link, then the client's own data only. */
export const portalRouter = router({
  /** Always answers ok, whether or not the email belongs to a client. */
  requestLink: sameOriginProcedure.input(portalRequestLinkInput).mutation(({ ctx, input }) => requestSignInLink(ctx.deps, input, ctx.ip)),

  signIn: sameOriginProcedure.input(portalSignInInput).mutation(async ({ ctx, input }) => {
    const signedIn = await signInWithLink(ctx.deps, input.slug, input.token, ctx.ip, portalToken(ctx));
    setPortalCookie(ctx.res, signedIn.token);
    return signedIn.session;
  }),

  /** The signed-in client of this clinic, or null: lets the portal choose between sign-in and the portal. */
  session: publicProcedure.input(portalSlugInput).query(({ ctx, input }) => currentPortalSession(ctx.deps, input.slug, portalToken(ctx))),

  signOut: portalProcedure.input(portalSlugInput).mutation(async ({ ctx }) => {
    const done = await signOutPortal(ctx.portal);
    clearPortalCookie(ctx.res);
    return done;
  }),

  profile: router({
    get: portalProcedure.input(portalSlugInput).query(({ ctx }) => getPortalProfile(ctx.portal)),
    update: portalProcedure
      .input(portalUpdateProfileInput)
      .mutation(({ ctx, input }) => updatePortalProfile(ctx.portal, input, ctx.deps.now())),
  }),

  bookings: router({
    list: portalProcedure.input(portalSlugInput).query(({ ctx }) => listPortalBookings(ctx.portal, ctx.deps.now())),
    cancel: portalProcedure
      .input(portalBookingInput)
      .mutation(({ ctx, input }) => cancelPortalBooking(ctx.deps, ctx.portal, input.bookingId)),
    reschedule: portalProcedure
      .input(portalRescheduleInput)
      .mutation(({ ctx, input }) => reschedulePortalBooking(ctx.deps, ctx.portal, input.bookingId, input.start)),
  }),

  consents: router({
    get: portalProcedure.input(portalSlugInput).query(({ ctx }) => getPortalConsents(ctx.portal)),
    set: portalProcedure.input(portalConsentInput).mutation(({ ctx, input }) => setPortalConsent(ctx.portal, input, ctx.deps.now())),
  }),
});
