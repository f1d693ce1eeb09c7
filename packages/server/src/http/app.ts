import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import cookieParser from 'cookie-parser';
import { sql } from 'drizzle-orm';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Deps } from '../deps.js';
import { logger } from '../lib/logger.js';
import { SMS_WEBHOOK_PATH, smsWebhookRouter } from '../sms/smsWebhooks.js';
import { appRouter } from '../trpc/appRouter.js';
import { createContextFactory, normaliseIp } from '../trpc/context.js';
import { loaderCors } from './loaderCors.js';
import { marketingPagesRouter } from './marketingPages.js';
import { RequestLogWriter } from './requestLogWriter.js';
import { widgetPagesRouter } from './widgetPages.js';

export const MAX_BODY_BYTES = 64 * 1024;
const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

export type HttpApp = { app: express.Express; requestLog: RequestLogWriter };

export function createHttpApp(deps: Deps, options: { serveWeb?: boolean; devMail?: express.Router } = {}): HttpApp {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.env.TRUST_PROXY);
  const requestLog = new RequestLogWriter(deps.db);

  app.use(securityHeaders);
  app.use(logRequests(requestLog));
  app.use(cookieParser());

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks = await Promise.all([probe(deps.db.execute(sql`select 1`)), probe(deps.redis.ping())]);
    const [postgres, redis] = checks;
    res.status(checks.every((check) => check === 'ok') ? 200 : 503).json({ postgres, redis });
  });

  app.use(SMS_WEBHOOK_PATH, smsWebhookRouter(deps));
  app.use(marketingPagesRouter(deps));
  if (options.devMail) app.use('/dev/mail', options.devMail);

  app.use('/trpc', loaderCors);
  app.use(
    '/trpc',
    createExpressMiddleware({
      router: appRouter,
      createContext: createContextFactory(deps),
      maxBodySize: MAX_BODY_BYTES,
      // Queries that carry personal data (a client search) can be POSTed, keeping it out of URLs.
      allowMethodOverride: true,
      onError({ error, path: procedure, type }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') {
          // The cause may carry SQL or personal data: log its kind and code only.
          const cause = error.cause as { name?: string; code?: string } | undefined;
          logger.error('procedure failed', { procedure, type, cause: cause?.name, pgCode: cause?.code });
          if (deps.env.NODE_ENV === 'development') console.error(error);
        }
      },
    }),
  );

  const WEB_DIST = deps.env.WEB_DIST_DIR ?? DEFAULT_WEB_DIST;
  if (options.serveWeb !== false && existsSync(WEB_DIST)) {
    app.use(widgetPagesRouter(deps, WEB_DIST));
    app.use(express.static(WEB_DIST, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!trpc\/|dev\/mail|webhooks\/).*/, (_req, res) => res.sendFile(path.join(WEB_DIST, 'index.html')));
  }

  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'NOT_FOUND', message: 'Not found' } });
  });
  app.use(jsonErrors);
  return { app, requestLog };
}

const READINESS_TIMEOUT_MS = 2_000;

/** A dependency that does not answer in time counts as down (a queued Redis command never fails on its own). */
async function probe(check: Promise<unknown>): Promise<'ok' | 'unreachable'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'unreachable'>((resolve) => {
    timer = setTimeout(() => resolve('unreachable'), READINESS_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      check.then(
        () => 'ok' as const,
        () => 'unreachable' as const,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  // No other site may frame Hetki's pages; the booking widget page (widgetPages.ts) is the exception.
  res.setHeader('X-Frame-Options', 'SAMEORIGIN');
  next();
};

/** Paths whose segment after the prefix is a bearer token (an unsubscribe link's): logged as the pattern. */
const TOKEN_PATHS = /^\/u\/[^/]+/;

/** The path without its query string (it may carry input) or any token in it, bounded. */
function loggableRoute(url: string): string {
  return (url.split('?')[0] ?? '/').replace(TOKEN_PATHS, '/u/:token').slice(0, 300);
}

/** IP, method, route, status and latency. The query string is dropped: it may carry input. */
function logRequests(writer: RequestLogWriter): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      writer.add({
        at: new Date(),
        ip: normaliseIp(req.ip),
        method: req.method.slice(0, 10),
        route: loggableRoute(req.originalUrl),
        status: res.statusCode,
        latencyMs: Number((process.hrtime.bigint() - started) / 1_000_000n),
      });
    });
    next();
  };
}

/** Anything that escapes a route: a clean status and message, never a stack or SQL. */
const jsonErrors: ErrorRequestHandler = (error: { status?: number; statusCode?: number; type?: string }, _req, res, _next) => {
  const status = error.status ?? error.statusCode ?? 500;
  if (status >= 500) logger.error('request failed', { type: error.type });
  res.status(status).json({
    error: {
      code: status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST',
      message: status >= 500 ? 'Something went wrong on our side' : 'Bad request',
    },
  });
};
