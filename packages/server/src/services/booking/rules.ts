import type { BookingRules } from '@hetki/shared';

/** The clinic's rules with the service's overrides on top. */
export function effectiveRules(clinic: BookingRules, service: Partial<BookingRules>): BookingRules {
  return { ...clinic, ...Object.fromEntries(Object.entries(service).filter(([, value]) => value !== undefined)) };
}

/** Clients may cancel or move a booking until this instant. */
export function changeDeadline(start: Date, rules: BookingRules): Date {
  return new Date(start.getTime() - rules.cancellationWindowHours * 3_600_000);
}
