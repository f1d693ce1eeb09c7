import type { PortalBookings } from '@hetki/shared';
import type { Deps } from '../../deps.js';
import { cancelLocatedBooking, locateClientBooking, rescheduleLocatedBooking } from '../booking/manageBooking.js';
import { assertMovableOnline } from '../booking/movableOnline.js';
import { listPortalBookings } from './portalBookings.js';
import type { PortalContext } from './portalContext.js';

/** The client cancels one of their own live bookings, within the clinic's change window. */
export async function cancelPortalBooking(deps: Deps, ctx: PortalContext, bookingId: string): Promise<PortalBookings> {
  const located = await locateClientBooking(ctx.tx, ctx.tenant, ctx.session.clientId, bookingId);
  await cancelLocatedBooking(ctx.tx, deps, located, ctx.ip);
  return listPortalBookings(ctx, deps.now());
}

/**
 * The client moves one of their own live bookings to another slot the clinic offers now. A booking
 * of a service not offered online (staff may book those) is moved by the clinic: refused here.
 */
export async function reschedulePortalBooking(deps: Deps, ctx: PortalContext, bookingId: string, start: string): Promise<PortalBookings> {
  const located = await locateClientBooking(ctx.tx, ctx.tenant, ctx.session.clientId, bookingId);
  await assertMovableOnline(ctx.tx, ctx.tenant.id, located.booking.id);
  await rescheduleLocatedBooking(ctx.tx, deps, located, start, ctx.ip);
  return listPortalBookings(ctx, deps.now());
}
