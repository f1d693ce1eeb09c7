import type { ProbeModule } from './probe.js';

export const catalogueProbes: ProbeModule = {
  seed: async (ownerOfB) => {
    const practitioner = await ownerOfB.mutate<{ id: string }>('staff.catalogue.resources.create', {
      kind: 'practitioner',
      name: 'B Practitioner',
      weeklyHours: { 1: [{ start: '08:00', end: '16:00' }] },
    });
    const room = await ownerOfB.mutate<{ id: string }>('staff.catalogue.resources.create', { kind: 'room', name: 'B Room' });
    const service = await ownerOfB.mutate<{ id: string }>('staff.catalogue.services.create', {
      name: { fi: 'B Hieronta' },
      durationMinutes: 45,
      priceCents: 6000,
      practitionerIds: [practitioner.id],
    });
    await ownerOfB.mutate('staff.catalogue.resources.setException', { resourceId: practitioner.id, date: '2030-01-07', intervals: [] });
    return { practitionerId: practitioner.id, roomId: room.id, serviceId: service.id };
  },
  probes: {
    'staff.catalogue.services.list': { input: () => undefined, expect: 'OWN_TENANT_ONLY' },
    'staff.catalogue.services.create': {
      input: (b) => ({ name: { fi: 'A service' }, durationMinutes: 30, priceCents: 1000, practitionerIds: [b.practitionerId] }),
      expect: 'NOT_FOUND',
    },
    'staff.catalogue.services.update': { input: (b) => ({ id: b.serviceId, priceCents: 1 }), expect: 'NOT_FOUND' },
    'staff.catalogue.resources.list': { input: () => undefined, expect: 'OWN_TENANT_ONLY' },
    'staff.catalogue.resources.create': {
      input: (b) => ({ kind: 'practitioner', name: 'Spy', staffUserId: b.ownerId }),
      expect: 'NOT_FOUND',
    },
    'staff.catalogue.resources.update': { input: (b) => ({ id: b.practitionerId, name: 'Renamed' }), expect: 'NOT_FOUND' },
    'staff.catalogue.resources.exceptions': { input: (b) => ({ id: b.practitionerId }), expect: 'NOT_FOUND' },
    'staff.catalogue.resources.setException': {
      input: (b) => ({ resourceId: b.roomId, date: '2030-01-08', intervals: [] }),
      expect: 'NOT_FOUND',
    },
    'staff.catalogue.resources.removeException': {
      input: (b) => ({ resourceId: b.practitionerId, date: '2030-01-07' }),
      expect: 'NOT_FOUND',
    },
  },
};
