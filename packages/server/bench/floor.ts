import { fileURLToPath } from 'node:url';
import { formatLoad, type LoadResult } from './load.js';
import { spawnListening, startBenchStack, stopChild } from './stack.js';
import { runWrk, wrkAvailable } from './wrk.js';

const SECONDS = 8;
const CONNECTIONS = [32, 64];

/** The layers the API server is built from, each alone in its own process (bench/floorServer.ts). */
const LAYERS = [
  { name: 'node', label: 'node:http alone' },
  { name: 'express', label: 'express 5, a JSON route' },
  { name: 'express+trpc', label: 'express 5 + tRPC 11, empty' },
];

function loadAt(baseUrl: string, path: string, connections: number): LoadResult {
  return runWrk({ baseUrl, paths: [path], connections, seconds: SECONDS });
}

/**
 * `pnpm bench floor`: what the chosen HTTP stack costs on this machine before any of Hetki's own
 * work. A bare node:http server, express, and express with tRPC (an empty query), each in a process of
 * its own, then Hetki's API server on its no-op `public.ping`, all under the same wrk load. A query
 * can be no faster than the empty tRPC query, so these are the ceilings the availability and
 * booking figures sit under.
 */
export async function benchFloor(): Promise<void> {
  if (!wrkAvailable()) {
    console.log('  needs wrk (Debian package `wrk`): a Node client on this machine would measure itself');
    return;
  }
  const results = new Map<string, LoadResult>();
  for (const layer of LAYERS) {
    const { child, port } = await spawnListening([
      '--import',
      'tsx',
      fileURLToPath(new URL('./floorServer.ts', import.meta.url)),
      layer.name,
    ]);
    try {
      for (const connections of CONNECTIONS) {
        const result = loadAt(`http://127.0.0.1:${port}`, '/trpc/ping', connections);
        results.set(`${layer.name}@${connections}`, result);
        console.log(formatLoad(`${layer.label}, ${connections} conn`, result));
      }
    } finally {
      await stopChild(child);
    }
  }
  const stack = await startBenchStack();
  try {
    for (const connections of CONNECTIONS) {
      console.log(formatLoad(`Hetki public.ping, ${connections} conn`, loadAt(stack.baseUrl, '/trpc/public.ping', connections)));
    }
  } finally {
    await stack.close();
  }
  const emptyQuery = (connections: number) => results.get(`express+trpc@${connections}`) as LoadResult;
  console.log(`  availability target p99 <= 25 ms at 32 connections; the empty tRPC query's p99 here: ${emptyQuery(32).p99.toFixed(1)} ms`);
  console.log(
    `  booking target >= 800/s at 64 clients; the empty tRPC query's rate here: ${emptyQuery(64).rps.toFixed(0)} req/s` +
      ` (a booking may then cost at most ${(emptyQuery(64).rps / 800).toFixed(2)} empty queries)`,
  );
}
