import type { Server } from 'node:http';
import { Agent } from 'node:http';
import { parseEnv } from '../src/env.js';
import { createHttpApp } from '../src/http/app.js';
import { openRuntime, type Runtime } from '../src/main/runtime.js';

/**
 * The real server, as `pnpm start` builds it (DATABASE_URL or embedded PostgreSQL, Redis), on an
 * ephemeral port, for benchmarks to drive over HTTP with keep-alive connections.
 */
export async function startBenchStack(
  overrides: Record<string, string> = {},
): Promise<{ runtime: Runtime; baseUrl: string; agent: Agent; close: () => Promise<void> }> {
  const runtime = await openRuntime(parseEnv({ ...process.env, ...overrides }), (line) => console.log(line));
  const { app, requestLog } = createHttpApp(runtime.deps, { serveWeb: false });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  return {
    runtime,
    baseUrl: `http://127.0.0.1:${port}`,
    agent,
    close: async () => {
      agent.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await requestLog.close();
      await runtime.close();
    },
  };
}
