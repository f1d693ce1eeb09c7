export {
  type AvailabilityRequest,
  AvailabilityWindowError,
  type AvailabilityWindowProblem,
  type BookingRules as AvailabilityRules,
  type Busy,
  computeAvailability,
  type DateException,
  type Instant,
  type LocalDate,
  type LocalTime,
  MAX_WINDOW_DAYS,
  type ResourceSchedule,
  type Slot,
  type WeeklyHours,
  type WorkingInterval,
  instantAtWall,
  nextWindowOpening,
  type WallTime,
  wallClockHoursBefore,
  wallTimeAt,
} from './availability/index.js';
export * from './domain/businessId.js';
export * from './domain/slug.js';
export * from './domain/phone.js';
export * from './errors.js';
export * from './schemas/auth.js';
export * from './schemas/booking.js';
export * from './schemas/calendar.js';
export * from './schemas/catalogue.js';
export * from './schemas/clients.js';
export * from './schemas/common.js';
export * from './schemas/marketing.js';
export * from './schemas/staff.js';
export * from './schemas/tenant.js';
