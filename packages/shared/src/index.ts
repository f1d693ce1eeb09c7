export {
  type AvailabilityRequest,
  AvailabilityWindowError,
  type AvailabilityWindowProblem,
  type BookingRules as AvailabilityRules,
  type Busy,
  computeAvailability,
  type DateException,
  type Instant,
  instantAtWall,
  type LocalDate,
  type LocalTime,
  MAX_WINDOW_DAYS,
  nextWindowOpening,
  type ResourceSchedule,
  type Slot,
  type WallTime,
  type WeeklyHours,
  type WorkingInterval,
  wallClockHoursBefore,
  wallTimeAt,
} from './availability/index.js';
export * from './domain/businessId.js';
export * from './domain/calendarWeek.js';
export * from './domain/guardianAge.js';
export * from './domain/phone.js';
export * from './domain/slug.js';
export * from './errors.js';
export * from './schemas/auth.js';
export * from './schemas/booking.js';
export * from './schemas/calendar.js';
export * from './schemas/catalogue.js';
export * from './schemas/clients.js';
export * from './schemas/common.js';
export * from './schemas/marketing.js';
export * from './schemas/portal.js';
export * from './schemas/staff.js';
export * from './schemas/tenant.js';
export * from './schemas/widget.js';
