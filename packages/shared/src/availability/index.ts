export { computeAvailability } from './computeAvailability.js';
export { AvailabilityWindowError, type AvailabilityWindowProblem, MAX_WINDOW_DAYS } from './errors.js';
export type * from './types.js';
export { instantAtWall, nextWindowOpening, type WallTime, wallClockHoursBefore, wallTimeAt } from './wallClock.js';
