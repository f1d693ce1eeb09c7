import {
  blockIdInput,
  blockTimeInput,
  bookingIdInput,
  calendarRangeInput,
  moveBookingInput,
  staffBookingInput,
  visitOutcomeInput,
} from '@hetki/shared';
import {
  blockTime,
  cancelStaffBooking,
  createStaffBooking,
  listCalendar,
  moveBooking,
  removeBlock,
  setVisitOutcome,
} from '../../services/booking/calendar.js';
import { ALL_STAFF, router, staffProcedure } from '../procedures.js';

const ok = { ok: true as const };

export const staffCalendarRouter = router({
  list: staffProcedure(ALL_STAFF)
    .input(calendarRangeInput)
    .query(({ ctx, input }) => listCalendar(ctx.tx, ctx.tenantId, input)),
  book: staffProcedure(ALL_STAFF)
    .input(staffBookingInput)
    .mutation(({ ctx, input }) => createStaffBooking(ctx.tx, ctx.tenantId, ctx.member, input)),
  move: staffProcedure(ALL_STAFF)
    .input(moveBookingInput)
    .mutation(async ({ ctx, input }) => {
      await moveBooking(ctx.tx, ctx.tenantId, ctx.member, input);
      return ok;
    }),
  cancel: staffProcedure(ALL_STAFF)
    .input(bookingIdInput)
    .mutation(async ({ ctx, input }) => {
      await cancelStaffBooking(ctx.tx, ctx.tenantId, ctx.member, input.bookingId);
      return ok;
    }),
  setOutcome: staffProcedure(['owner', 'admin', 'practitioner'])
    .input(visitOutcomeInput)
    .mutation(async ({ ctx, input }) => {
      await setVisitOutcome(ctx.tx, ctx.tenantId, ctx.member, input.bookingId, input.outcome);
      return ok;
    }),
  block: staffProcedure(ALL_STAFF)
    .input(blockTimeInput)
    .mutation(({ ctx, input }) => blockTime(ctx.tx, ctx.tenantId, ctx.member, input)),
  unblock: staffProcedure(ALL_STAFF)
    .input(blockIdInput)
    .mutation(async ({ ctx, input }) => {
      await removeBlock(ctx.tx, ctx.tenantId, ctx.member, input.blockId);
      return ok;
    }),
});
