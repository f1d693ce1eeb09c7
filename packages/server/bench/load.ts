import { performance } from 'node:perf_hooks';

export type LoadResult = { requests: number; errors: number; seconds: number; rps: number; p50: number; p99: number; max: number };

/**
 * Closed-loop load: `concurrency` workers each send the next request as soon as the last one
 * answers, for `durationMs` after a warm-up. Latencies in milliseconds.
 */
export async function runLoad(options: {
  concurrency: number;
  durationMs: number;
  warmupMs?: number;
  request: (worker: number, iteration: number) => Promise<boolean>;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const warmupEnds = performance.now() + (options.warmupMs ?? 1_000);
  const ends = warmupEnds + options.durationMs;
  let measuredStart = Number.POSITIVE_INFINITY;

  await Promise.all(
    Array.from({ length: options.concurrency }, async (_, worker) => {
      for (let iteration = 0; ; iteration += 1) {
        const started = performance.now();
        if (started >= ends) return;
        const ok = await options.request(worker, iteration).catch(() => false);
        const finished = performance.now();
        if (started < warmupEnds) continue;
        measuredStart = Math.min(measuredStart, started);
        latencies.push(finished - started);
        if (!ok) errors += 1;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const seconds = (ends - Math.min(measuredStart, ends)) / 1000;
  const at = (quantile: number) => latencies[Math.min(latencies.length - 1, Math.floor(quantile * latencies.length))] ?? 0;
  return {
    requests: latencies.length,
    errors,
    seconds,
    rps: seconds > 0 ? latencies.length / seconds : 0,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies.at(-1) ?? 0,
  };
}

export function formatLoad(label: string, result: LoadResult): string {
  const fixed = (value: number) => value.toFixed(2).padStart(8);
  return `${label.padEnd(34)} ${String(result.requests).padStart(7)} req  ${fixed(result.rps)} req/s  p50 ${fixed(result.p50)} ms  p99 ${fixed(result.p99)} ms  max ${fixed(result.max)} ms  errors ${result.errors}`;
}
