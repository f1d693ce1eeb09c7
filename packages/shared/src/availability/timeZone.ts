import { DAY_MS, MINUTE_MS } from './localDate.js';

/**
 * Local wall-clock time to absolute instants in one IANA zone, DST-correct.
 *
 * Offsets come from `Intl.DateTimeFormat` (the runtime's tz data). The formatter is built once per zone
 * and each local date's offsets are looked up once and kept, so a request costs a few formatter calls
 * per date the first time and none after. The caches only memoise tz data: results do not depend on
 * them.
 */

/** Both instants of one wall-clock time: equal unless the time is repeated (the autumn overlap). */
export type WallInstants = { earlier: number; later: number };

/** Offsets (local minus UTC, in ms) around one local date, and the instants at which they change. */
type DayOffsets = {
  /** `offsets[i]` is in force from `changes[i - 1]` (or earlier) up to `changes[i]` (or later). */
  offsets: number[];
  changes: number[];
};

const MAX_CACHED_DAYS_PER_ZONE = 20_000;
const SECOND_MS = 1000;

export class ZoneClock {
  private readonly format: Intl.DateTimeFormat;
  private readonly days = new Map<number, DayOffsets>();

  /** Throws a `RangeError` when the runtime does not know `timeZone`. */
  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /**
   * The instants of wall time `minute` (0..1440) on local date `dayNumber`. A repeated time has two;
   * a time inside a gap maps to the first instant after the gap (both fields equal).
   */
  instantsOf(dayNumber: number, minute: number): WallInstants {
    const wall = dayNumber * DAY_MS + minute * MINUTE_MS;
    const { offsets, changes } = this.offsetsAround(dayNumber);
    if (changes.length === 0) {
      const instant = wall - offsets[0]!;
      return { earlier: instant, later: instant };
    }
    let earlier = Number.NaN;
    let later = Number.NaN;
    for (let i = 0; i < offsets.length; i++) {
      const instant = wall - offsets[i]!;
      const from = i === 0 ? Number.NEGATIVE_INFINITY : changes[i - 1]!;
      const until = i === changes.length ? Number.POSITIVE_INFINITY : changes[i]!;
      if (instant >= from && instant < until) {
        if (Number.isNaN(earlier)) earlier = instant;
        later = instant;
      }
    }
    if (!Number.isNaN(earlier)) return { earlier, later };
    // In a gap: the wall time was skipped when the offset grew at some change.
    for (let i = 0; i < changes.length; i++) {
      const change = changes[i]!;
      if (wall >= change + offsets[i]! && wall < change + offsets[i + 1]!) return { earlier: change, later: change };
    }
    const fallback = wall - offsets[0]!;
    return { earlier: fallback, later: fallback };
  }

  /** The one offset in force all around local date `dayNumber`, or `null` when it changes near that date. */
  steadyOffsetOn(dayNumber: number): number | null {
    const { offsets, changes } = this.offsetsAround(dayNumber);
    return changes.length === 0 ? offsets[0]! : null;
  }

  /** Offset in force at `instant`, in ms (whole seconds: the formatter shows no fractions). */
  offsetAt(instant: number): number {
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let second = 0;
    for (const part of this.format.formatToParts(instant)) {
      switch (part.type) {
        case 'year':
          year = Number(part.value);
          break;
        case 'month':
          month = Number(part.value);
          break;
        case 'day':
          day = Number(part.value);
          break;
        case 'hour':
          hour = Number(part.value) % 24;
          break;
        case 'minute':
          minute = Number(part.value);
          break;
        case 'second':
          second = Number(part.value);
          break;
      }
    }
    const wall = new Date(0);
    wall.setUTCFullYear(year, month - 1, day);
    wall.setUTCHours(hour, minute, second, 0);
    const wholeSecond = instant - (((instant % SECOND_MS) + SECOND_MS) % SECOND_MS);
    return wall.getTime() - wholeSecond;
  }

  /**
   * Offsets over the three UTC days around a local date, which hold every instant of that date (zone
   * offsets are within ±18 h). Sampled at both ends and the middle, and each change pinned to the second
   * by bisection; this assumes at most one change per 36 hours, which holds for all real zones.
   */
  private offsetsAround(dayNumber: number): DayOffsets {
    const cached = this.days.get(dayNumber);
    if (cached) return cached;
    const start = (dayNumber - 1) * DAY_MS;
    const middle = start + 1.5 * DAY_MS;
    const end = start + 3 * DAY_MS;
    const first = this.offsetAt(start);
    const second = this.offsetAt(middle);
    const third = this.offsetAt(end);
    const offsets = [first];
    const changes: number[] = [];
    if (second !== first) {
      changes.push(this.changeBetween(start, middle, first));
      offsets.push(second);
    }
    if (third !== second) {
      changes.push(this.changeBetween(middle, end, second));
      offsets.push(third);
    }
    if (this.days.size >= MAX_CACHED_DAYS_PER_ZONE) this.days.clear();
    const result = { offsets, changes };
    this.days.set(dayNumber, result);
    return result;
  }

  /** The first whole second in `(low, high]` whose offset is no longer `before`. */
  private changeBetween(low: number, high: number, before: number): number {
    let lowSecond = Math.floor(low / SECOND_MS);
    let highSecond = Math.floor(high / SECOND_MS);
    while (highSecond - lowSecond > 1) {
      const middle = Math.floor((lowSecond + highSecond) / 2);
      if (this.offsetAt(middle * SECOND_MS) === before) lowSecond = middle;
      else highSecond = middle;
    }
    return highSecond * SECOND_MS;
  }
}

const clocks = new Map<string, ZoneClock>();

/** The shared clock of a zone, built on first use. Throws a `RangeError` for an unknown zone. */
export function zoneClock(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new ZoneClock(timeZone);
    clocks.set(timeZone, clock);
  }
  return clock;
}

/** Forgets every cached zone (for benchmarks that want a cold start). */
export function clearZoneClocks(): void {
  clocks.clear();
}
