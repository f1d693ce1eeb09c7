import { httpCall } from './http.js';
import { formatLoad, runLoad } from './load.js';
import { seedLargeDataSet } from './seedLarge.js';
import { startBenchStack } from './stack.js';

const CONCURRENCY = 32;
const DURATION_MS = 10_000;

function isoDate(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/**
 * `pnpm bench availability`: the 14-day availability of the large clinic (20 practitioners and
 * 5 rooms, 50,000 bookings) over HTTP at 32 connections, beside a no-op tRPC query in the same run.
 */
export async function benchAvailability(): Promise<void> {
  for (const mode of ['cold', 'warm'] as const) {
    // Cold: every request computes from PostgreSQL. Warm: the schedule-versioned cache answers.
    const stack = await startBenchStack({ AVAILABILITY_CACHE_SECONDS: mode === 'cold' ? '0' : '30' });
    try {
      const clinic = await seedLargeDataSet(stack.runtime.ownerUrl, console.log);
      const windows = Array.from({ length: 20 }, (_, week) => ({ from: isoDate(1 + week * 7), to: isoDate(14 + week * 7) }));
      const urlFor = (serviceId: string, index: number) => {
        const window = windows[index % windows.length] as { from: string; to: string };
        const input = { slug: clinic.slug, serviceId, from: window.from, to: window.to };
        return `${stack.baseUrl}/trpc/public.booking.availability?input=${encodeURIComponent(JSON.stringify(input))}`;
      };
      if (mode === 'cold') {
        const probe = await httpCall(stack.agent, urlFor(clinic.roomServiceId, 0));
        const slots = (JSON.parse(probe.body) as { result: { data: { slots: unknown[] } } }).result.data.slots.length;
        console.log(`  one 14-day query for the room service returns ${slots} slots (${probe.body.length} bytes)`);
      }
      const noop = await runLoad({
        concurrency: CONCURRENCY,
        durationMs: DURATION_MS,
        request: async () => (await httpCall(stack.agent, `${stack.baseUrl}/trpc/public.ping`)).status === 200,
      });
      const withRoom = await runLoad({
        concurrency: CONCURRENCY,
        durationMs: DURATION_MS,
        request: async (worker, iteration) =>
          (await httpCall(stack.agent, urlFor(clinic.roomServiceId, worker + iteration))).status === 200,
      });
      const plain = await runLoad({
        concurrency: CONCURRENCY,
        durationMs: DURATION_MS,
        request: async (worker, iteration) =>
          (await httpCall(stack.agent, urlFor(clinic.plainServiceId, worker + iteration))).status === 200,
      });
      console.log(
        `-- ${mode} (${mode === 'cold' ? 'AVAILABILITY_CACHE_SECONDS=0: computed from PostgreSQL every time' : 'cache on: 20 distinct windows x 2 services'})`,
      );
      console.log(formatLoad('public.ping (no-op tRPC query)', noop));
      console.log(formatLoad('availability 14 d, practitioner+room', withRoom));
      console.log(formatLoad('availability 14 d, practitioner only', plain));
      console.log(
        `  throughput ratio availability/no-op: ${(withRoom.rps / noop.rps).toFixed(2)} (room service), ${(plain.rps / noop.rps).toFixed(2)} (plain)`,
      );
    } finally {
      await stack.close();
    }
  }
  console.log('  targets: availability p99 <= 25 ms, ratio >= 0.50');
}
