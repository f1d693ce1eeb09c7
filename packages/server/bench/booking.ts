import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { httpCall } from './http.js';
import { formatLoad, runLoad } from './load.js';
import { startBenchStack } from './stack.js';

const ALL_DAY = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((day) => [day, [{ start: '00:00', end: '24:00' }]]));

type Stack = Awaited<ReturnType<typeof startBenchStack>>;

/** A fresh clinic open round the clock with `practitioners` people and a 15-minute service. */
async function freshClinic(stack: Stack, practitioners: number): Promise<{ slug: string; serviceId: string; practitionerIds: string[] }> {
  const slug = `bench-book-${Date.now().toString(36)}-${randomUUID().slice(0, 4)}`;
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await httpCall(stack.agent, `${stack.baseUrl}/trpc/${path}`, { method: 'POST', body: JSON.stringify(body), headers });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.body}`);
    return { data: (JSON.parse(response.body) as { result: { data: Record<string, unknown> } }).result.data, cookies: response.setCookie };
  };
  const signUp = await post('platform.signUp', {
    clinic: { name: 'Bench Booking', slug },
    owner: { name: 'Bench', email: `${slug}@example.test`, password: 'bench password that is long enough' },
  });
  const headers = {
    cookie: signUp.cookies.map((cookie) => cookie.split(';')[0]).join('; '),
    'x-csrf-token': signUp.data.csrfToken as string,
  };
  await post(
    'staff.settings.update',
    { preferences: { bookingRules: { minNoticeMinutes: 0, maxAdvanceDays: 730, slotStepMinutes: 15, cancellationWindowHours: 24 } } },
    headers,
  );
  const practitionerIds: string[] = [];
  for (let index = 0; index < practitioners; index += 1) {
    const created = await post(
      'staff.catalogue.resources.create',
      { kind: 'practitioner', name: `P${index}`, weeklyHours: ALL_DAY },
      headers,
    );
    practitionerIds.push(created.data.id as string);
  }
  const service = await post(
    'staff.catalogue.services.create',
    { name: { fi: 'Pika' }, durationMinutes: 15, priceCents: 1000, practitionerIds },
    headers,
  );
  return { slug, serviceId: service.data.id as string, practitionerIds };
}

function bookingBody(slug: string, serviceId: string, start: Date, practitionerId: string) {
  const id = randomUUID();
  return JSON.stringify({
    slug,
    serviceId,
    practitionerId,
    start: start.toISOString(),
    client: { firstName: 'Bench', lastName: id.slice(0, 8), email: `c-${id}@example.test`, phone: '+358 40 000 0000' },
    consents: { noticeVersion: '1' },
    idempotencyKey: `bench-${id}`,
  });
}

/** Quarter-hour starts from tomorrow 00:00 UTC on. */
function quarter(index: number): Date {
  const base = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1);
  return new Date(base + index * 15 * 60_000);
}

/**
 * `pnpm bench booking`: bookings per second with 64 concurrent clients on distinct slots, then a race
 * of 1,000 attempts at 100 slots, which must yield exactly 100 bookings and 900 CONFLICTs.
 */
export async function benchBooking(): Promise<void> {
  const stack = await startBenchStack();
  try {
    const clinic = await freshClinic(stack, 20);
    let next = 0;
    const concurrency = Number(process.env.BENCH_BOOKING_CLIENTS ?? 64);
    // The server's CPU is counted from the end of runLoad's one-second warm-up, as its requests are.
    let cpuBefore = 0;
    let postgresCpuBefore = 0;
    let startedBefore = 0;
    const warmedUp = setTimeout(() => {
      cpuBefore = stack.serverCpuSeconds();
      postgresCpuBefore = stack.postgresCpuSeconds();
      startedBefore = next;
    }, 1_000);
    const result = await runLoad({
      concurrency,
      durationMs: 10_000,
      request: async () => {
        const index = next++;
        const practitionerId = clinic.practitionerIds[index % clinic.practitionerIds.length] as string;
        const start = quarter(Math.floor(index / clinic.practitionerIds.length));
        const response = await httpCall(stack.agent, `${stack.baseUrl}/trpc/public.booking.book`, {
          method: 'POST',
          body: bookingBody(clinic.slug, clinic.serviceId, start, practitionerId),
        });
        return response.status === 200;
      },
    });
    clearTimeout(warmedUp);
    const measured = next - startedBefore;
    const cpuPerBooking = ((stack.serverCpuSeconds() - cpuBefore) * 1000) / measured;
    const postgresCpuPerBooking = ((stack.postgresCpuSeconds() - postgresCpuBefore) * 1000) / measured;
    console.log(formatLoad(`public.booking.book, ${concurrency} clients`, result));
    console.log(
      `  API server CPU per booking: ${cpuPerBooking.toFixed(2)} ms (user + system, over the ${measured} attempts after the warm-up)`,
    );
    console.log(`  PostgreSQL CPU per booking: ${postgresCpuPerBooking.toFixed(2)} ms (all postgres processes, same span)`);
    // The same clients on the no-op query, to put the figure against what this machine's HTTP and
    // tRPC stack does with nothing behind it.
    const noop = await runLoad({
      concurrency,
      durationMs: 5_000,
      request: async () => (await httpCall(stack.agent, `${stack.baseUrl}/trpc/public.ping`, { method: 'GET' })).status === 200,
    });
    console.log(formatLoad(`public.ping (no-op), ${concurrency} clients`, noop));
    console.log(`  bookings/s per no-op req/s: ${(result.rps / noop.rps).toFixed(3)}; target: >= 800 bookings/s`);

    const race = await freshClinic(stack, 1);
    const attempts = Array.from({ length: 1000 }, (_, index) => quarter(4 * 24 + (index % 100)));
    attempts.sort(() => Math.random() - 0.5);
    const outcomes = new Map<number, number>();
    let cursor = 0;
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (cursor < attempts.length) {
          const start = attempts[cursor++] as Date;
          const response = await httpCall(stack.agent, `${stack.baseUrl}/trpc/public.booking.book`, {
            method: 'POST',
            body: bookingBody(race.slug, race.serviceId, start, race.practitionerIds[0] as string),
          });
          outcomes.set(response.status, (outcomes.get(response.status) ?? 0) + 1);
        }
      }),
    );
    const owner = postgres(stack.runtime.ownerUrl, { max: 1, onnotice: () => {} });
    const [stored] = await owner<{ n: number }[]>`
      select count(*)::int as n from bookings b join tenants t on t.id = b.tenant_id where t.slug = ${race.slug}`;
    // Nobody reads these clinics' mail: left pending, a later bench's worker would deliver them.
    await owner`
      update outbox_messages set status = 'cancelled', updated_at = now()
      where status = 'pending' and tenant_id in (select id from tenants where slug in ${owner([clinic.slug, race.slug])})`;
    await owner.end();
    const summary = [...outcomes.entries()]
      .sort()
      .map(([status, count]) => `${count} x HTTP ${status}`)
      .join(', ');
    console.log(`race: 1,000 attempts at 100 slots -> ${summary}; ${stored?.n} bookings stored (expected 100 bookings, 900 x 409)`);
  } finally {
    await stack.close();
  }
}
