import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BookingClinic, bookingClinic, bookingRequest, freeSlotsIn, helsinkiDate } from './bookingFixture.js';
import { ApiClient, type Harness, startHarness } from './harness.js';

/** The client record a public booking makes: one per person, and under the same rules as staff's. */
let h: Harness;
let visitor: ApiClient;
beforeAll(async () => {
  h = await startHarness();
  visitor = new ApiClient(h.baseUrl);
});
afterAll(() => h.close());

async function freeStarts(clinic: BookingClinic, days: number): Promise<string[]> {
  return (await freeSlotsIn(visitor, clinic, days)).map((slot) => slot.start);
}

async function clientsWithEmail(tenantId: string, email: string) {
  return h.owner<{ id: string; birth_year: number | null; guardian: { name: string } | null }[]>`
    select id, birth_year, guardian from clients where tenant_id = ${tenantId} and email = ${email}`;
}

/** A clinic whose booking form asks for the birth year but not the birth date. */
async function birthYearClinic(): Promise<BookingClinic> {
  const clinic = await bookingClinic(h.baseUrl);
  await clinic.owner.mutate('staff.settings.update', {
    preferences: { clientFields: { birthDate: false, birthYear: true, address: false, language: true, gender: false } },
  });
  return clinic;
}

describe('the client a public booking makes', () => {
  it('bookings at once by one new email make one client, every booking theirs', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    const starts = await freeStarts(clinic, 5);
    const email = `same.${randomUUID().slice(0, 8)}@example.test`;
    const person = { firstName: 'Sama', lastName: 'Henkilö', email, phone: '+358 40 765 4321' };
    const outcomes = await Promise.all(
      // Six at once, at times that do not overlap (a visit and its buffer take five starts).
      [0, 5, 10, 15, 20, 25]
        .map((index) => starts[index])
        .map((start) => visitor.attempt('mutation', 'public.booking.book', bookingRequest(clinic, start as string, { client: person }))),
    );
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    const clients = await clientsWithEmail(clinic.tenantId, email);
    expect(clients).toHaveLength(1);
    const [owned] = await h.owner<{ n: number }[]>`
      select count(*)::int as n from bookings where tenant_id = ${clinic.tenantId} and client_id = ${clients[0]?.id as string}`;
    expect(owned?.n).toBe(6);
  });

  it('a birth year alone that makes the client under 16 needs a guardian; with one, the guardian is stored', async () => {
    const clinic = await birthYearClinic();
    const [start] = await freeStarts(clinic, 6);
    const email = `nuori.${randomUUID().slice(0, 8)}@example.test`;
    const child = {
      firstName: 'Nuori',
      lastName: 'Asiakas',
      email,
      phone: '+358 40 111 0000',
      birthYear: Number(helsinkiDate(6).slice(0, 4)) - 10,
    };
    const refused = await visitor.failure('mutation', 'public.booking.book', bookingRequest(clinic, start as string, { client: child }));
    expect(refused).toMatchObject({ status: 400, data: { reason: 'INVALID_INPUT' } });
    expect(await clientsWithEmail(clinic.tenantId, email)).toHaveLength(0);

    const guardian = { name: 'Huoltaja Asiakas', phone: '+358 40 222 0000' };
    await visitor.mutate('public.booking.book', bookingRequest(clinic, start as string, { client: { ...child, guardian } }));
    const [stored] = await clientsWithEmail(clinic.tenantId, email);
    expect(stored).toMatchObject({ birth_year: child.birthYear, guardian: { name: 'Huoltaja Asiakas' } });
  });

  it('a birth year in the future is refused and stores nothing', async () => {
    const clinic = await birthYearClinic();
    const [start] = await freeStarts(clinic, 7);
    const email = `tuleva.${randomUUID().slice(0, 8)}@example.test`;
    const client = {
      firstName: 'Tuleva',
      lastName: 'Asiakas',
      email,
      phone: '+358 40 333 0000',
      birthYear: Number(helsinkiDate(7).slice(0, 4)) + 1,
    };
    const refused = await visitor.failure('mutation', 'public.booking.book', bookingRequest(clinic, start as string, { client }));
    expect(refused).toMatchObject({ status: 400, data: { reason: 'INVALID_INPUT' } });
    expect(await clientsWithEmail(clinic.tenantId, email)).toHaveLength(0);
  });

  it('a birth date after today is refused even when it is before the visit, and stores nothing', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    await clinic.owner.mutate('staff.settings.update', {
      preferences: { clientFields: { birthDate: true, birthYear: false, address: false, language: true, gender: false } },
    });
    const [start] = await freeStarts(clinic, 10);
    expect(start).toBeDefined();
    const email = `syntymaton.${randomUUID().slice(0, 8)}@example.test`;
    const client = {
      firstName: 'Syntymätön',
      lastName: 'Asiakas',
      email,
      phone: '+358 40 444 0000',
      birthDate: helsinkiDate(3),
      guardian: { name: 'Huoltaja', phone: '+358 40 555 0000' },
    };
    const refused = await visitor.failure('mutation', 'public.booking.book', bookingRequest(clinic, start as string, { client }));
    expect(refused).toMatchObject({ status: 400, data: { reason: 'INVALID_INPUT' } });
    expect(await clientsWithEmail(clinic.tenantId, email)).toHaveLength(0);
  });

  it('the audit log keeps no IP address of a visitor or client (the request log keeps it for its period)', async () => {
    const clinic = await bookingClinic(h.baseUrl);
    const [start] = await freeStarts(clinic, 8);
    await visitor.mutate('public.booking.book', bookingRequest(clinic, start as string));
    const rows = await h.owner<{ actor_type: string; ip: string | null }[]>`
      select actor_type, host(ip) as ip from audit_log where tenant_id = ${clinic.tenantId}`;
    expect(rows.filter((row) => row.actor_type === 'public').length).toBeGreaterThan(0);
    for (const row of rows.filter((one) => one.actor_type !== 'staff')) expect(row.ip).toBeNull();
    // Staff actions keep theirs.
    expect(rows.find((row) => row.actor_type === 'staff')?.ip).toBe('127.0.0.1');
  });
});
