import { randomUUID } from 'node:crypto';
import type { ProbeModule } from './probe.js';

/** B's client with a visit note, health information and a consent: aimed at from A, none of it may show or change. */
export const clientProbes: ProbeModule = {
  seed: async (ownerOfB): Promise<Record<string, string>> => {
    const suffix = randomUUID().slice(0, 8);
    const lastName = `Bregister${suffix}`;
    const client = await ownerOfB.mutate<{ id: string }>('staff.clients.create', {
      firstName: 'Bea',
      lastName,
      email: `bea.${suffix}@example.test`,
      phone: '+358 40 999 8877',
    });
    const note = await ownerOfB.mutate<{ id: string }>('staff.clients.notes.create', { clientId: client.id, body: `B note ${suffix}` });
    await ownerOfB.mutate('staff.clients.health.put', { clientId: client.id, body: `B health ${suffix}` });
    await ownerOfB.mutate('staff.clients.health.put', { clientId: client.id, body: `B health, corrected ${suffix}` });
    await ownerOfB.mutate('staff.clients.recordConsent', {
      clientId: client.id,
      purpose: 'marketing_email',
      granted: true,
      noticeVersion: '1',
    });
    return { registerClientId: client.id, registerClientLastName: lastName, registerNoteId: note.id };
  },
  probes: {
    'staff.clients.list': { input: (b) => ({ query: b.registerClientLastName }), expect: 'OWN_TENANT_ONLY' },
    'staff.clients.get': { input: (b) => ({ id: b.registerClientId }), expect: 'NOT_FOUND' },
    'staff.clients.create': {
      input: () => ({ firstName: 'Probe', lastName: 'Person', email: 'probe.person@example.test' }),
      expect: 'OWN_TENANT_ONLY',
    },
    'staff.clients.update': { input: (b) => ({ id: b.registerClientId, firstName: 'Hijacked', email: null }), expect: 'NOT_FOUND' },
    'staff.clients.recordConsent': {
      input: (b) => ({ clientId: b.registerClientId, purpose: 'marketing_email', granted: false, noticeVersion: '1' }),
      expect: 'NOT_FOUND',
    },
    'staff.clients.revealIdentityCode': { input: (b) => ({ id: b.registerClientId }), expect: 'NOT_FOUND' },
    'staff.clients.notes.list': { input: (b) => ({ clientId: b.registerClientId }), expect: 'NOT_FOUND' },
    'staff.clients.notes.create': {
      // With B's booking too, when the calendar module has seeded one.
      input: (b) => ({ clientId: b.registerClientId, bookingId: b.calendarBookingId ?? null, body: 'written by A' }),
      expect: 'NOT_FOUND',
    },
    'staff.clients.notes.update': { input: (b) => ({ id: b.registerNoteId, body: 'overwritten by A' }), expect: 'NOT_FOUND' },
    'staff.clients.notes.revisions': { input: (b) => ({ id: b.registerNoteId }), expect: 'NOT_FOUND' },
    'staff.clients.health.get': { input: (b) => ({ clientId: b.registerClientId }), expect: 'NOT_FOUND' },
    'staff.clients.health.put': { input: (b) => ({ clientId: b.registerClientId, body: 'overwritten by A' }), expect: 'NOT_FOUND' },
    'staff.clients.health.revisions': { input: (b) => ({ clientId: b.registerClientId }), expect: 'NOT_FOUND' },
  },
};
