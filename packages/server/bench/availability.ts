import { httpCall } from './http.js';
import { formatLoad, type LoadResult, runLoad } from './load.js';
import { seedLargeDataSet } from './seedLarge.js';
import { type BenchStack, startBenchStack } from './stack.js';
import { runWrk, wrkAvailable } from './wrk.js';

const CONNECTIONS = 32;
const SECONDS = 10;

function isoDate(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** GET load over `paths` at 32 connections: wrk when installed, else the Node client. */
function loadOf(stack: BenchStack, paths: string[], useWrk: boolean): Promise<LoadResult> {
  if (useWrk) return Promise.resolve(runWrk({ baseUrl: stack.baseUrl, paths, connections: CONNECTIONS, seconds: SECONDS }));
  return runLoad({
    concurrency: CONNECTIONS,
    durationMs: SECONDS * 1000,
    request: async (worker, iteration) =>
      (await httpCall(stack.agent, `${stack.baseUrl}${paths[(worker + iteration) % paths.length]}`)).status === 200,
  });
}

/**
 * `pnpm bench availability`: the 14-day availability of the large clinic (20 practitioners and
 * 5 rooms, 50,000 bookings) over HTTP at 32 connections, beside a no-op tRPC query in the same run:
 * once computed from PostgreSQL on every request (cold), once with the schedule cache on (warm).
 * BENCH_AVAILABILITY_MODES=warm (or cold) runs one of them.
 */
export async function benchAvailability(): Promise<void> {
  const useWrk = wrkAvailable();
  console.log(
    `  load generator: ${useWrk ? 'wrk, 1 thread, separate process' : 'Node http client in this process (install wrk for less client overhead)'}`,
  );
  const modes = (process.env.BENCH_AVAILABILITY_MODES ?? 'cold,warm').split(',').filter((mode) => mode === 'cold' || mode === 'warm');
  for (const mode of modes) {
    const stack = await startBenchStack({ AVAILABILITY_CACHE_SECONDS: mode === 'cold' ? '0' : '30' });
    try {
      const clinic = await seedLargeDataSet(stack.runtime.ownerUrl, console.log);
      // 20 different 14-day windows (one a week ahead of the other), so the work is not one query repeated.
      const pathsFor = (serviceId: string) =>
        Array.from({ length: 20 }, (_, week) => {
          const input = { slug: clinic.slug, serviceId, from: isoDate(1 + week * 7), to: isoDate(14 + week * 7) };
          return `/trpc/public.booking.availability?input=${encodeURIComponent(JSON.stringify(input))}`;
        });
      if (mode === 'cold') {
        const probe = await httpCall(stack.agent, `${stack.baseUrl}${pathsFor(clinic.roomServiceId)[0]}`);
        const slots = (JSON.parse(probe.body) as { result: { data: { slots: unknown[] } } }).result.data.slots.length;
        console.log(`  one 14-day query for the room service returns ${slots} slots (${probe.body.length} bytes)`);
      }
      const noop = await loadOf(stack, ['/trpc/public.ping'], useWrk);
      const withRoom = await loadOf(stack, pathsFor(clinic.roomServiceId), useWrk);
      const plain = await loadOf(stack, pathsFor(clinic.plainServiceId), useWrk);
      console.log(
        `-- ${mode}: ${mode === 'cold' ? 'AVAILABILITY_CACHE_SECONDS=0, computed from PostgreSQL on every request' : 'schedule cache on'}`,
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
  console.log('  targets: availability p99 <= 25 ms, throughput ratio >= 0.50');
}
