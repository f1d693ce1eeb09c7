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

import { queueBookingNotices } from '../../services/booking/bookingNotices.js';

export const staffCalendarRouter = router({
  list: staffProcedure(ALL_STAFF)
    .input(calendarRangeInput)
    .query(({ ctx, input }) => listCalendar(ctx.tx, ctx.tenantId, ctx.member, input)),
  book: staffProcedure(ALL_STAFF)
    .input(staffBookingInput)
    .mutation(async ({ ctx, input }) => {
      const created = await createStaffBooking(ctx.tx, ctx.tenantId, ctx.member, input);
      await queueBookingNotices(ctx.tx, ctx.deps.outbox, ctx.tenantId, created.id, 'created', ctx.deps.now());
      return created;
    }),
  move: staffProcedure(ALL_STAFF)
    .input(moveBookingInput)
    .mutation(async ({ ctx, input }) => {
      await moveBooking(ctx.tx, ctx.tenantId, ctx.member, input);
      await queueBookingNotices(ctx.tx, ctx.deps.outbox, ctx.tenantId, input.bookingId, 'rescheduled', ctx.deps.now());
      return ok;
    }),
  cancel: staffProcedure(ALL_STAFF)
    .input(bookingIdInput)
    .mutation(async ({ ctx, input }) => {
      if (await cancelStaffBooking(ctx.tx, ctx.tenantId, ctx.member, input.bookingId)) {
        await queueBookingNotices(ctx.tx, ctx.deps.outbox, ctx.tenantId, input.bookingId, 'cancelled', ctx.deps.now());
      }
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
