import http from 'node:http';
import { initTRPC } from '@trpc/server';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express from 'express';

/**
 * One of the layers the API server is built from, alone, answering GET /trpc/ping with the JSON an
 * empty tRPC query gives. `pnpm bench floor` runs each in a process of its own. Prints `listening <port>`.
 */
const LAYERS: Record<string, () => http.RequestListener> = {
  node: () => (_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end('{"result":{"data":{"ok":true}}}');
  },
  express: () => {
    const app = express();
    app.get('/trpc/ping', (_req, res) => {
      res.json({ result: { data: { ok: true } } });
    });
    return app;
  },
  'express+trpc': () => {
    const t = initTRPC.create();
    const router = t.router({ ping: t.procedure.query(() => ({ ok: true })) });
    const app = express();
    app.use('/trpc', createExpressMiddleware({ router }));
    return app;
  },
};

const layer = LAYERS[process.argv[2] ?? ''];
if (!layer) throw new Error(`floorServer: unknown layer ${process.argv[2]}; one of ${Object.keys(LAYERS).join(', ')}`);
const server = http.createServer(layer());
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
