import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseEnv } from '../src/env.js';
import { openRuntime, type Runtime } from '../src/main/runtime.js';

export type BenchStack = {
  runtime: Runtime;
  baseUrl: string;
  agent: Agent;
  /** CPU seconds (user + system) the API server process has used so far, from /proc. */
  serverCpuSeconds: () => number;
  /** CPU seconds all PostgreSQL processes on this machine have used so far (see postgresCpuSeconds). */
  postgresCpuSeconds: () => number;
  close: () => Promise<void>;
};

/**
 * PostgreSQL and Redis as `pnpm start` finds or starts them (this process keeps them, and the
 * owner connection for seeding), and the API server in a child process of its own, driven over
 * HTTP with keep-alive connections.
 */
export async function startBenchStack(overrides: Record<string, string> = {}): Promise<BenchStack> {
  const env = parseEnv({ ...process.env, ...overrides });
  const runtime = await openRuntime(env, (line) => console.log(line));
  const { child, port } = await spawnListening(
    [
      ...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : []),
      ...(process.env.BENCH_SERVER_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROFILE}`] : []),
      '--import',
      'tsx',
      fileURLToPath(new URL('./server.ts', import.meta.url)),
    ],
    { ...process.env, ...overrides, DATABASE_URL: runtime.ownerUrl },
  );
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  return {
    runtime,
    baseUrl: `http://127.0.0.1:${port}`,
    agent,
    serverCpuSeconds: () => processCpuSeconds(child.pid as number),
    postgresCpuSeconds,
    close: async () => {
      agent.destroy();
      await stopChild(child);
      await runtime.close();
    },
  };
}

/** A Node process that prints `listening <port>` once it serves HTTP on 127.0.0.1. */
export async function spawnListening(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}: ${output}`)));
  });
  child.stdout?.resume();
  return { child, port };
}

export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** utime + stime of a process (fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 1/100 s). */
function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * The summed CPU of every process named `postgres` (server, background workers, backends), local
 * or embedded. A backend that exits takes its count with it, so a difference is only meaningful
 * over a span in which the pools keep their connections open, as they do during a load run.
 */
function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === 'postgres') total += processCpuSeconds(Number(entry));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
}
