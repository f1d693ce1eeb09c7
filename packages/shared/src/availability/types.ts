/**
 * Types of the availability engine: a pure function (no I/O) that turns working hours, exceptions and
 * existing allocations into bookable slots. See `computeAvailability` for the rules.
 */

/**
 * A clinic-local wall-clock time `'HH:MM'`, from `00:00` to `24:00`; `24:00` is allowed only as the end
 * of an interval, where it means the end of that local day.
 */
export type LocalTime = string;

/** A calendar date `'YYYY-MM-DD'` in the clinic's time zone. */
export type LocalDate = string;

/**
 * Working time within one local day, from `start` (inclusive) to `end` (exclusive), `start < end`.
 *
 * It becomes absolute in the clinic's zone, DST-correct: a wall time that does not exist (the spring
 * gap) maps to the first instant after the gap; a wall time that occurs twice (the autumn overlap)
 * maps to the earlier instant as a `start` and to the later instant as an `end`, so an interval that
 * spans the change has its true absolute length (Europe/Helsinki 00:00–06:00 lasts 5 h on the last
 * Sunday of March and 7 h on the last Sunday of October).
 */
export type WorkingInterval = { start: LocalTime; end: LocalTime };

/** ISO weekday (1 = Monday … 7 = Sunday) to that weekday's working intervals; a missing day is closed. */
export type WeeklyHours = Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, WorkingInterval[]>>;

/**
 * Replaces the weekly hours of one local date: `intervals` is the whole working time of that date,
 * `[]` closes it. Several exceptions for the same date are combined (their intervals together).
 */
export type DateException = { date: LocalDate; intervals: WorkingInterval[] };

/** Epoch milliseconds. */
export type Instant = number;

/**
 * A half-open span `[start, end)` during which a resource is taken: an existing allocation (already
 * including that booking's buffers) or time off. A span with `end <= start` is empty and ignored.
 */
export type Busy = { start: Instant; end: Instant };

/** One bookable resource (a practitioner or a room) with everything needed to know when it is free. */
export type ResourceSchedule = {
  resourceId: string;
  weekly: WeeklyHours;
  exceptions: DateException[];
  busy: Busy[];
};

export type BookingRules = {
  /** A slot starts no earlier than `now + minNoticeMinutes` (and never before `now`). */
  minNoticeMinutes: number;
  /** A slot starts no later than `now + maxAdvanceDays × 24 h` (absolute hours, not calendar days). */
  maxAdvanceDays: number;
  /** Slot starts are wall-clock times at multiples of this many minutes from local midnight. */
  slotStepMinutes: number;
};

export type AvailabilityRequest = {
  /** IANA zone of the clinic, e.g. `'Europe/Helsinki'`. */
  timeZone: string;
  now: Instant;
  /** First clinic-local date of the window. */
  from: LocalDate;
  /** Last clinic-local date of the window (inclusive); at most `MAX_WINDOW_DAYS` dates in all. */
  to: LocalDate;
  /** Length of the service itself; the slot is `[start, start + duration)`. Positive. */
  durationMinutes: number;
  /** Preparation time before the service; must be free, but need not be working time. */
  bufferBeforeMinutes: number;
  /** Clean-up time after the service; must be free, but need not be working time. */
  bufferAfterMinutes: number;
  rules: BookingRules;
  /** Those who can perform the service (perhaps just the one the client chose). */
  practitioners: ResourceSchedule[];
  /** Rooms that can host the service; `null` when the service needs no room (`[]` means no slot). */
  rooms: ResourceSchedule[] | null;
};

/**
 * One bookable start. `practitionerIds` and `roomIds` list every resource free for the whole slot, in
 * the order of the request; `roomIds` is `[]` when the service needs no room.
 */
export type Slot = { start: Instant; end: Instant; practitionerIds: string[]; roomIds: string[] };
