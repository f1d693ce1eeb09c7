import type { api } from '../../api';

type Result<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;
export type CalendarEntry = Result<typeof api.staff.calendar.list.query>[number];
export type BookingEntry = Extract<CalendarEntry, { type: 'booking' }>;
export type BlockEntry = Extract<CalendarEntry, { type: 'block' }>;
export type Service = Result<typeof api.staff.catalogue.services.list.query>[number];
export type Resource = Result<typeof api.staff.catalogue.resources.list.query>[number];

export type CalendarView = 'day' | 'week';

/** One column of the grid: a resource on one day (day view) or one day of all chosen resources (week view). */
export type Column = { key: string; day: number; resourceId: string | null; label: string };

/** Where an entry is drawn: its column and its clinic-local minutes on that column's day. */
export type Placement = { columnKey: string; startMinute: number; endMinute: number };
