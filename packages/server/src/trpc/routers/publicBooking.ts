import { availabilityInput, createBookingInput, manageTokenInput, publicSlugInput, rescheduleInput } from '@hetki/shared';
import { createPublicBooking } from '../../services/booking/createBooking.js';
import { cancelBookingByToken, rescheduleBookingByToken, viewBookingByToken } from '../../services/booking/manageBooking.js';
import { publicAvailability } from '../../services/booking/publicAvailability.js';
import { withPublicTenant } from '../../services/booking/publicTenant.js';
import { publicCatalogue } from '../../services/catalogue/publicCatalogue.js';
import { publicProcedure, router } from '../procedures.js';

/** What the booking widget calls. The clinic is always the one the slug names. */
export const publicBookingRouter = router({
  catalogue: publicProcedure
    .input(publicSlugInput)
    .query(({ ctx, input }) => withPublicTenant(ctx.deps, input.slug, (tx, tenant) => publicCatalogue(tx, tenant.id))),
  availability: publicProcedure.input(availabilityInput).query(({ ctx, input }) => publicAvailability(ctx.deps, input)),
  book: publicProcedure.input(createBookingInput).mutation(({ ctx, input }) => createPublicBooking(ctx.deps, input, ctx.ip)),
  manage: router({
    view: publicProcedure.input(manageTokenInput).query(({ ctx, input }) => viewBookingByToken(ctx.deps, input.slug, input.token)),
    cancel: publicProcedure
      .input(manageTokenInput)
      .mutation(({ ctx, input }) => cancelBookingByToken(ctx.deps, input.slug, input.token, ctx.ip)),
    reschedule: publicProcedure
      .input(rescheduleInput)
      .mutation(({ ctx, input }) => rescheduleBookingByToken(ctx.deps, input.slug, input.token, input.start, ctx.ip)),
  }),
});
