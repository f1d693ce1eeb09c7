/** The longest window, in clinic-local dates counted inclusively, that one availability request may ask for. */
export const MAX_WINDOW_DAYS = 62;

export type AvailabilityWindowProblem = 'INVALID_DATE' | 'REVERSED' | 'TOO_LONG';

/**
 * The requested `from`/`to` window cannot be served: a date is not a real `YYYY-MM-DD` date, `to` is
 * before `from`, or the window has more than `MAX_WINDOW_DAYS` dates. The caller's mistake (a 400).
 */
export class AvailabilityWindowError extends Error {
  constructor(
    readonly problem: AvailabilityWindowProblem,
    message: string,
  ) {
    super(message);
    this.name = 'AvailabilityWindowError';
  }
}
