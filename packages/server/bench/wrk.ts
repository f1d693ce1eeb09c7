import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LoadResult } from './load.js';

const WARMUP_SECONDS = 3;

export const wrkAvailable = (): boolean => spawnSync('wrk', ['--version']).error === undefined;

/**
 * GET load from wrk (Debian package `wrk`), a separate C process that costs the server far less CPU
 * than a Node client would on a 2-core machine. Cycles through `paths`; non-2xx answers count as errors.
 */
export function runWrk(options: { baseUrl: string; paths: string[]; connections: number; seconds: number }): LoadResult {
  const dir = mkdtempSync(path.join(tmpdir(), 'hetki-wrk-'));
  const script = path.join(dir, 'paths.lua');
  writeFileSync(
    script,
    `local paths = { ${options.paths.map((item) => JSON.stringify(item)).join(', ')} }
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %d %d %d %.3f %.3f %.3f\\n", summary.requests, errors, summary.duration,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
`,
  );
  const wrk = (seconds: number) =>
    spawnSync('wrk', ['-t1', `-c${options.connections}`, `-d${seconds}s`, '-s', script, options.baseUrl], {
      encoding: 'utf8',
      timeout: (seconds + 30) * 1000,
    });
  try {
    wrk(WARMUP_SECONDS); // JIT, connection pools and caches settle; this run is not counted
    const run = wrk(options.seconds);
    const match = /RESULT (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+)/.exec(run.stdout);
    if (!match) throw new Error(`wrk gave no result: ${run.stdout} ${run.stderr}`);
    const [, requests, errors, micros, p50, p99, max] = match.map(Number) as number[];
    const seconds = (micros as number) / 1e6;
    return {
      requests: requests as number,
      errors: errors as number,
      seconds,
      rps: (requests as number) / seconds,
      p50: p50 as number,
      p99: p99 as number,
      max: max as number,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
