import { availabilityInput, createBookingInput, manageTokenInput, publicSlugInput, rescheduleInput } from '@hetki/shared';
import { createPublicBooking } from '../../services/booking/createBooking.js';
import { cancelBookingByToken, rescheduleBookingByToken, viewBookingByToken } from '../../services/booking/manageBooking.js';
import { publicAvailability } from '../../services/booking/publicAvailability.js';
import { withPublicTenant } from '../../services/booking/publicTenant.js';
import { publicCatalogue } from '../../services/catalogue/publicCatalogue.js';
import { router } from '../procedures.js';
import { widgetProcedure } from '../widgetProcedure.js';

/**
 * What the booking widget calls. The clinic is always the one the slug names; a call from an
 * embedding site must come from one the clinic allows.
 */
export const publicBookingRouter = router({
  catalogue: widgetProcedure
    .input(publicSlugInput)
    .query(({ ctx, input }) => withPublicTenant(ctx.deps, input.slug, (tx, tenant) => publicCatalogue(tx, tenant.id))),
  availability: widgetProcedure.input(availabilityInput).query(({ ctx, input }) => publicAvailability(ctx.deps, input)),
  book: widgetProcedure.input(createBookingInput).mutation(({ ctx, input }) => createPublicBooking(ctx.deps, input, ctx.ip)),
  manage: router({
    view: widgetProcedure.input(manageTokenInput).query(({ ctx, input }) => viewBookingByToken(ctx.deps, input.slug, input.token)),
    cancel: widgetProcedure
      .input(manageTokenInput)
      .mutation(({ ctx, input }) => cancelBookingByToken(ctx.deps, input.slug, input.token, ctx.ip)),
    reschedule: widgetProcedure
      .input(rescheduleInput)
      .mutation(({ ctx, input }) => rescheduleBookingByToken(ctx.deps, input.slug, input.token, input.start, ctx.ip)),
  }),
});
