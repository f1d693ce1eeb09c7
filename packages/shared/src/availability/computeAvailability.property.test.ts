import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeAvailability } from './computeAvailability.js';
import { dayNumber, requestOf, scenarioArb } from './testing/arbitraries.js';
import { covered, meetsBusy, referenceAvailability, referenceWorkingIntervals } from './testing/reference.js';
import type { AvailabilityRequest, ResourceSchedule, Slot } from './types.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Windows of 1–7 dates starting up to 3 dates after the scenario's first date. */
const requestArb = fc
  .tuple(scenarioArb, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 7 }))
  .map(([scenario, offset, days]) => requestOf(scenario, offset, days));

function byId(resources: ResourceSchedule[] | null, id: string): ResourceSchedule {
  const resource = resources?.find((candidate) => candidate.resourceId === id);
  if (!resource) throw new Error(`Slot lists unknown resource ${id}`);
  return resource;
}

/** The invariants every answer must satisfy, checked slot by slot without the reference. */
function checkInvariants(request: AvailabilityRequest, slots: Slot[]): void {
  const earliest = request.now + Math.max(0, request.rules.minNoticeMinutes) * MINUTE;
  const latest = request.now + request.rules.maxAdvanceDays * DAY;
  const firstDay = dayNumber(request.from);
  const lastDay = dayNumber(request.to) + Math.ceil(request.durationMinutes / 1440) + 1;
  const hoursOf = new Map<ResourceSchedule, ReturnType<typeof referenceWorkingIntervals>>();
  for (const [index, slot] of slots.entries()) {
    if (index > 0) expect(slot.start).toBeGreaterThan(slots[index - 1]!.start);
    expect(slot.end - slot.start).toBe(request.durationMinutes * MINUTE);
    expect(slot.start).toBeGreaterThanOrEqual(request.now);
    expect(slot.start).toBeGreaterThanOrEqual(earliest);
    expect(slot.start).toBeLessThanOrEqual(latest);
    expect(slot.practitionerIds.length).toBeGreaterThan(0);
    if (request.rooms === null) expect(slot.roomIds).toEqual([]);
    else expect(slot.roomIds.length).toBeGreaterThan(0);
    const listed = [
      ...slot.practitionerIds.map((id) => byId(request.practitioners, id)),
      ...slot.roomIds.map((id) => byId(request.rooms, id)),
    ];
    for (const resource of listed) {
      const spanStart = slot.start - request.bufferBeforeMinutes * MINUTE;
      const spanEnd = slot.end + request.bufferAfterMinutes * MINUTE;
      expect(meetsBusy(spanStart, spanEnd, resource.busy), `${resource.resourceId} is busy at ${new Date(slot.start).toISOString()}`).toBe(
        false,
      );
      let hours = hoursOf.get(resource);
      if (!hours) {
        hours = referenceWorkingIntervals(request.timeZone, resource, firstDay - 1, lastDay);
        hoursOf.set(resource, hours);
      }
      expect(covered(slot.start, slot.end, hours), `${resource.resourceId} is not working at ${new Date(slot.start).toISOString()}`).toBe(
        true,
      );
    }
  }
}

// Property runs take seconds on a small machine; give them room.
describe('computeAvailability, property-based', { timeout: 60_000 }, () => {
  it('agrees with a brute-force reference: every listed resource is free and every free resource is listed', () => {
    let nonEmpty = 0;
    let runs = 0;
    fc.assert(
      fc.property(requestArb, (request) => {
        const slots = computeAvailability(request);
        runs++;
        if (slots.length > 0) nonEmpty++;
        expect(slots).toEqual(referenceAvailability(request));
      }),
      { numRuns: 500 },
    );
    // Guard against a generator that only makes empty answers, which would prove nothing.
    expect(nonEmpty / runs).toBeGreaterThan(0.2);
  });

  it('only offers slots inside working hours, clear of busy spans with buffers, and within notice and advance', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        checkInvariants(request, computeAvailability(request));
      }),
      { numRuns: 200 },
    );
  });

  it('gives for a 14-day window exactly the two consecutive 7-day windows', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 3 }), (scenario, offset) => {
        const whole = computeAvailability(requestOf(scenario, offset, 14));
        const halves = [...computeAvailability(requestOf(scenario, offset, 7)), ...computeAvailability(requestOf(scenario, offset + 7, 7))];
        expect(whole).toEqual(halves);
      }),
      { numRuns: 300 },
    );
  });

  it('does not modify its input', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const before = JSON.parse(JSON.stringify(request)) as AvailabilityRequest;
        computeAvailability(request);
        expect(request).toEqual(before);
      }),
      { numRuns: 50 },
    );
  });
});
