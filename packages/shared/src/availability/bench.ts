/**
 * Timing of `computeAvailability` for a busy clinic: 20 practitioners and 5 rooms over 14 days
 * (including the spring DST change), ~60 busy spans per practitioner per week.
 * Not a test; run from packages/shared with `npx tsx src/availability/bench.ts`.
 */
import { computeAvailability } from './computeAvailability.js';
import { clearZoneClocks } from './timeZone.js';
import type { AvailabilityRequest, Busy, ResourceSchedule, WeeklyHours } from './types.js';

// The package compiles against ES2023 only; these runtime globals are all the bench needs from Node.
declare const console: { log(message: string): void };
declare const performance: { now(): number };

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A small deterministic generator, so every run measures the same work. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const from = Date.parse('2026-03-23T00:00:00Z');
const next = random(42);

function busySpans(count: number): Busy[] {
  const spans: Busy[] = [];
  for (let i = 0; i < count; i++) {
    // Bookings of 30–90 minutes (with buffers) starting on a quarter hour in the 16 days around the window.
    const start = from - DAY + Math.floor(next() * 16 * 96) * 15 * MINUTE;
    spans.push({ start, end: start + (30 + Math.floor(next() * 5) * 15) * MINUTE });
  }
  return spans;
}

const practitionerHours: WeeklyHours = {
  1: [
    { start: '08:00', end: '12:00' },
    { start: '12:30', end: '16:00' },
  ],
  2: [{ start: '08:00', end: '16:00' }],
  3: [{ start: '10:00', end: '18:00' }],
  4: [{ start: '08:00', end: '16:00' }],
  5: [{ start: '08:00', end: '14:00' }],
  6: [{ start: '10:00', end: '14:00' }],
};
const roomHours: WeeklyHours = Object.fromEntries([1, 2, 3, 4, 5, 6].map((day) => [day, [{ start: '07:00', end: '20:00' }]]));

const practitioners: ResourceSchedule[] = Array.from({ length: 20 }, (_, index) => ({
  resourceId: `practitioner-${index}`,
  weekly: practitionerHours,
  exceptions: index % 4 === 0 ? [{ date: '2026-03-27', intervals: [] }] : [],
  busy: busySpans(2 * 60 + 10),
}));
const rooms: ResourceSchedule[] = Array.from({ length: 5 }, (_, index) => ({
  resourceId: `room-${index}`,
  weekly: roomHours,
  exceptions: [],
  busy: busySpans(2 * 80),
}));

const request: AvailabilityRequest = {
  timeZone: 'Europe/Helsinki',
  now: from - 2 * DAY,
  from: '2026-03-23',
  to: '2026-04-05',
  durationMinutes: 60,
  bufferBeforeMinutes: 10,
  bufferAfterMinutes: 5,
  rules: { minNoticeMinutes: 120, maxAdvanceDays: 90, slotStepMinutes: 15 },
  practitioners,
  rooms,
};

function measure(runs: number, cold: boolean): { mean: number; p99: number; slots: number } {
  const times: number[] = [];
  let slots = 0;
  for (let i = 0; i < runs; i++) {
    if (cold) clearZoneClocks();
    const started = performance.now();
    slots = computeAvailability(request).length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((sum, time) => sum + time, 0) / times.length;
  return { mean, p99: times[Math.min(times.length - 1, Math.ceil(times.length * 0.99) - 1)]!, slots };
}

measure(200, false); // warm up the JIT
const warm = measure(2_000, false);
const cold = measure(500, true);
const format = (ms: number) => `${ms.toFixed(3)} ms`;
console.log(`20 practitioners + 5 rooms, 14 days, ${warm.slots} slots`);
console.log(`zone offsets cached:      mean ${format(warm.mean)}, p99 ${format(warm.p99)} (2000 runs)`);
console.log(`zone cache cleared first: mean ${format(cold.mean)}, p99 ${format(cold.p99)} (500 runs)`);
