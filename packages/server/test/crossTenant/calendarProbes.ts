import { bookingClinicResources } from './calendarSeed.js';
import type { ProbeModule } from './probe.js';

export const calendarProbes: ProbeModule = {
  seed: bookingClinicResources,
  probes: {
    'staff.calendar.list': { input: () => ({ from: '2000-01-01T00:00:00Z', to: '2000-02-01T00:00:00Z' }), expect: 'OWN_TENANT_ONLY' },
    'staff.calendar.book': {
      input: (b) => ({
        clientId: b.calendarClientId,
        serviceId: b.calendarServiceId,
        practitionerId: b.calendarPractitionerId,
        start: '2031-03-03T10:00:00Z',
      }),
      expect: 'NOT_FOUND',
    },
    'staff.calendar.move': { input: (b) => ({ bookingId: b.calendarBookingId, start: '2031-03-04T10:00:00Z' }), expect: 'NOT_FOUND' },
    'staff.calendar.cancel': { input: (b) => ({ bookingId: b.calendarBookingId }), expect: 'NOT_FOUND' },
    'staff.calendar.setOutcome': { input: (b) => ({ bookingId: b.calendarBookingId, outcome: 'no_show' }), expect: 'NOT_FOUND' },
    'staff.calendar.block': {
      input: (b) => ({ resourceId: b.calendarPractitionerId, start: '2031-03-05T10:00:00Z', end: '2031-03-05T11:00:00Z' }),
      expect: 'NOT_FOUND',
    },
    'staff.calendar.unblock': { input: (b) => ({ blockId: b.calendarBlockId }), expect: 'NOT_FOUND' },
  },
};
