import type { Server } from 'node:http';
import { parseEnv } from '../src/env.js';
import { createHttpApp } from '../src/http/app.js';
import { stopHttpServer } from '../src/http/stopHttpServer.js';
import { openRuntime } from '../src/main/runtime.js';

/**
 * The API server alone, as a benchmark's separate process: it gets its own event loop, as in
 * production, instead of sharing one with the load generator. Prints `listening <port>`.
 */
const runtime = await openRuntime(parseEnv(process.env));
// Only `pnpm bench web` gives the server a built web app to serve.
const { app, requestLog } = createHttpApp(runtime.deps, { serveWeb: runtime.deps.env.WEB_DIST_DIR !== undefined });
const server: Server = await new Promise((resolve) => {
  const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
});
const address = server.address();
console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);

process.on('SIGTERM', async () => {
  await stopHttpServer(server, 2_000);
  await runtime.deps.inFlight.drained(5_000);
  await requestLog.close();
  await runtime.close();
  process.exit(0);
});
