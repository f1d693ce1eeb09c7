import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, addMember, type Harness, newClinic, startHarness } from './harness.js';

let h: Harness;
let owner: ApiClient;
beforeAll(async () => {
  h = await startHarness();
  owner = (await newClinic(h.baseUrl, 'Catalogue Clinic')).client;
});
afterAll(() => h.close());

type Resource = { id: string; kind: string; name: string; weeklyHours: Record<string, unknown>; active: boolean };
type Service = {
  id: string;
  name: Record<string, string>;
  durationMinutes: number;
  practitionerIds: string[];
  rules: Record<string, number>;
};

describe('catalogue', () => {
  it('creates practitioners, rooms and services, links who performs what, and edits them', async () => {
    const anna = await owner.mutate<Resource>('staff.catalogue.resources.create', {
      kind: 'practitioner',
      name: 'Anna Fysioterapeutti',
      weeklyHours: {
        1: [
          { start: '08:00', end: '12:00' },
          { start: '12:30', end: '16:00' },
        ],
        3: [{ start: '10:00', end: '18:00' }],
      },
    });
    const room = await owner.mutate<Resource>('staff.catalogue.resources.create', { kind: 'room', name: 'Huone 1' });
    const service = await owner.mutate<Service>('staff.catalogue.services.create', {
      name: { fi: 'Fysioterapia', sv: 'Fysioterapi', en: 'Physiotherapy' },
      durationMinutes: 45,
      priceCents: 7500,
      bufferAfterMinutes: 10,
      needsRoom: true,
      rules: { minNoticeMinutes: 60 },
      practitionerIds: [anna.id],
    });
    expect(service).toMatchObject({ durationMinutes: 45, practitionerIds: [anna.id], rules: { minNoticeMinutes: 60 } });

    const updated = await owner.mutate<Service>('staff.catalogue.services.update', {
      id: service.id,
      priceCents: 8000,
      practitionerIds: [],
    });
    expect(updated).toMatchObject({ practitionerIds: [], durationMinutes: 45 });
    const resources = await owner.query<Resource[]>('staff.catalogue.resources.list');
    expect(resources.map((resource) => resource.name)).toEqual(['Anna Fysioterapeutti', 'Huone 1']);
    expect(resources[0]?.weeklyHours['1']).toHaveLength(2);

    await owner.mutate('staff.catalogue.resources.setException', {
      resourceId: room.id,
      date: '2030-12-24',
      intervals: [],
      note: 'Christmas Eve',
    });
    await owner.mutate('staff.catalogue.resources.setException', {
      resourceId: room.id,
      date: '2030-12-24',
      intervals: [{ start: '09:00', end: '12:00' }],
    });
    expect(await owner.query('staff.catalogue.resources.exceptions', { id: room.id })).toEqual([
      { date: '2030-12-24', intervals: [{ start: '09:00', end: '12:00' }], note: null },
    ]);
  });

  it('refuses overlapping or inverted working hours, impossible dates and linking a room to a person', async () => {
    const overlapping = await owner.failure('mutation', 'staff.catalogue.resources.create', {
      kind: 'practitioner',
      name: 'Overlap',
      weeklyHours: {
        2: [
          { start: '08:00', end: '12:00' },
          { start: '11:00', end: '13:00' },
        ],
      },
    });
    expect(overlapping.status).toBe(400);
    const inverted = await owner.failure('mutation', 'staff.catalogue.resources.create', {
      kind: 'practitioner',
      name: 'Inverted',
      weeklyHours: { 2: [{ start: '12:00', end: '08:00' }] },
    });
    expect(inverted.status).toBe(400);
    const room = await owner.mutate<Resource>('staff.catalogue.resources.create', { kind: 'room', name: 'Huone 2' });
    expect(
      (
        await owner.failure('mutation', 'staff.catalogue.resources.setException', {
          resourceId: room.id,
          date: '2030-02-30',
          intervals: [],
        })
      ).status,
    ).toBe(400);
    const me = await owner.query<{ user: { id: string } }>('auth.me');
    expect((await owner.failure('mutation', 'staff.catalogue.resources.update', { id: room.id, staffUserId: me.user.id })).status).toBe(
      400,
    );
    expect((await owner.query<Resource[]>('staff.catalogue.resources.list')).find((resource) => resource.id === room.id)?.name).toBe(
      'Huone 2',
    );
  });

  it('reception can read the catalogue but not change it', async () => {
    const { client: reception } = await addMember(owner, 'reception', h.baseUrl);
    expect(Array.isArray(await reception.query('staff.catalogue.services.list'))).toBe(true);
    const refused = await reception.failure('mutation', 'staff.catalogue.services.create', {
      name: { fi: 'X' },
      durationMinutes: 30,
      priceCents: 0,
    });
    expect(refused.data.reason).toBe('ROLE_FORBIDDEN');
  });
});
