import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { inject } from 'vitest';
import { APP_ROLE, connect, type DbHandle, SYSTEM_ROLE, urlForRole } from '../src/db/connections.js';
import { buildDeps, type Deps } from '../src/deps.js';
import { type Env, parseEnv } from '../src/env.js';
import { createHttpApp } from '../src/http/app.js';
import { stopHttpServer } from '../src/http/stopHttpServer.js';
import { TEST_ROLE_PASSWORDS } from './testEnv.js';

export type Harness = {
  deps: Deps;
  /** Superuser on the test database: for inspecting and tampering only, never for the code under test. */
  owner: postgres.Sql;
  baseUrl: string;
  clock: { offsetMs: number };
  flushRequestLog: () => Promise<void>;
  close: () => Promise<void>;
};

/**
 * A real server on an ephemeral port: app pool as hetki_app, sweeps as hetki_system, real Redis
 * under a key prefix of its own. `clock.offsetMs` moves the server's notion of now. `ownerUrl`
 * names another (migrated) test database than the run's shared one.
 */
export async function startHarness(
  overrides: Partial<Record<keyof Env, string>> = {},
  options: { ownerUrl?: string } = {},
): Promise<Harness> {
  const ownerUrl = options.ownerUrl ?? inject('ownerUrl');
  const env = parseEnv({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: ownerUrl,
    APP_DB_PASSWORD: TEST_ROLE_PASSWORDS.app,
    SYSTEM_DB_PASSWORD: TEST_ROLE_PASSWORDS.system,
    REDIS_PREFIX: `hetki-test-${randomUUID().slice(0, 8)}`,
    LOGIN_MAX_PER_IP: '10000',
    ...overrides,
  });
  const app: DbHandle = connect(urlForRole(ownerUrl, APP_ROLE, env.APP_DB_PASSWORD), { max: 4, name: 'test-app' });
  const system: DbHandle = connect(urlForRole(ownerUrl, SYSTEM_ROLE, env.SYSTEM_DB_PASSWORD), { max: 1, name: 'test-system' });
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  const clock = { offsetMs: 0 };
  const deps = buildDeps({ env, db: app.db, systemDb: system.db, redis, now: () => new Date(Date.now() + clock.offsetMs) });
  const { app: express, requestLog } = createHttpApp(deps, { serveWeb: false });
  const server: Server = await new Promise((resolve) => {
    const listening = express.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const owner = postgres(ownerUrl, { max: 2, onnotice: () => {} });
  return {
    deps,
    owner,
    baseUrl: `http://127.0.0.1:${port}`,
    clock,
    flushRequestLog: () => requestLog.flush(),
    close: async () => {
      await stopHttpServer(server, 1_000);
      await deps.inFlight.drained(5_000);
      await requestLog.close();
      await deps.outbox.close();
      const keys = await redis.keys(`${env.REDIS_PREFIX}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await Promise.all([app.close(), system.close(), owner.end()]);
    },
  };
}

export type ApiResult = { status: number; body: { result?: { data: unknown }; error?: ApiError } };
export type ApiError = {
  message: string;
  data: { code: string; httpStatus: number; reason: string; fieldErrors?: Record<string, string[]>; stack?: string };
};

/** A browser-like tRPC client over real HTTP: keeps the session cookie and echoes the CSRF token. */
export class ApiClient {
  cookie: string | null = null;
  csrfToken: string | null = null;
  extraHeaders: Record<string, string> = {};

  constructor(readonly baseUrl: string) {}

  async call(type: 'query' | 'mutation', path: string, input?: unknown): Promise<ApiResult> {
    const headers: Record<string, string> = { ...this.extraHeaders };
    if (this.cookie) headers.cookie = this.cookie;
    let response: Response;
    if (type === 'query') {
      const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
      response = await fetch(`${this.baseUrl}/trpc/${path}${query}`, { headers });
    } else {
      headers['content-type'] = 'application/json';
      if (this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
      response = await fetch(`${this.baseUrl}/trpc/${path}`, {
        method: 'POST',
        headers,
        body: input === undefined ? undefined : JSON.stringify(input),
      });
    }
    this.absorbCookie(response);
    const text = await response.text();
    const body = parseBody(text, response.status);
    const data = body.result?.data as { csrfToken?: unknown } | null | undefined;
    if (data && typeof data === 'object' && typeof data.csrfToken === 'string') this.csrfToken = data.csrfToken;
    return { status: response.status, body };
  }

  private absorbCookie(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      if (!pair?.startsWith('hetki_session=')) continue;
      this.cookie = pair === 'hetki_session=' ? null : pair;
    }
  }

  async query<T = unknown>(path: string, input?: unknown): Promise<T> {
    return unwrap<T>(path, await this.call('query', path, input));
  }

  async mutate<T = unknown>(path: string, input?: unknown): Promise<T> {
    return unwrap<T>(path, await this.call('mutation', path, input));
  }

  /** The error of a call that must fail. */
  async failure(type: 'query' | 'mutation', path: string, input?: unknown): Promise<ApiError & { status: number }> {
    const result = await this.call(type, path, input);
    if (!result.body.error) throw new Error(`${path} was expected to fail but returned ${result.status}`);
    return { ...result.body.error, status: result.status };
  }

  /** A call that may go either way (e.g. one of several racing ones): its outcome, never a throw. */
  async attempt(
    type: 'query' | 'mutation',
    path: string,
    input?: unknown,
  ): Promise<{ ok: true; status: number; data: unknown } | { ok: false; status: number; reason: string }> {
    const result = await this.call(type, path, input);
    if (result.body.error) return { ok: false, status: result.status, reason: result.body.error.data.reason };
    return { ok: true, status: result.status, data: result.body.result?.data };
  }
}

/** Node answers some oversized requests (e.g. a 431 for a huge URL) before tRPC, with no JSON body. */
function parseBody(text: string, status: number): ApiResult['body'] {
  try {
    return JSON.parse(text) as ApiResult['body'];
  } catch {
    return { error: { message: text, data: { code: 'HTTP', httpStatus: status, reason: 'HTTP' } } };
  }
}

function unwrap<T>(path: string, result: ApiResult): T {
  if (result.body.error) {
    throw new Error(`${path} failed (${result.status} ${result.body.error.data.reason}): ${result.body.error.message}`);
  }
  return result.body.result?.data as T;
}

export type Me = {
  user: { id: string; email: string; name: string; totpEnabled: boolean };
  tenant: { tenantId: string; slug: string; name: string; role: string } | null;
  csrfToken: string;
};

let counter = 0;
const nextSuffix = () => {
  counter += 1;
  return `${Date.now().toString(36)}-${process.pid}-${counter}`;
};
export const uniqueSlug = (prefix = 'clinic') => `${prefix}-${nextSuffix()}`;
export const uniqueEmail = (name = 'staff') => `${name}.${nextSuffix()}@example.test`;
export const PASSWORD = 'correct horse battery staple';

/** Signs up a new clinic and returns a client signed in as its owner. */
export async function newClinic(
  baseUrl: string,
  name = 'Test Clinic',
): Promise<{ client: ApiClient; me: Me; email: string; slug: string }> {
  const client = new ApiClient(baseUrl);
  const email = uniqueEmail('owner');
  const slug = uniqueSlug();
  const me = await client.mutate<Me>('platform.signUp', {
    clinic: { name, slug },
    owner: { name: 'Owner Person', email, password: PASSWORD },
  });
  return { client, me, email, slug };
}

/** Invites `email` into the client's clinic with `role` and accepts as a new account; returns their client. */
export async function addMember(owner: ApiClient, role: string, baseUrl: string): Promise<{ client: ApiClient; me: Me; email: string }> {
  const email = uniqueEmail(role);
  const created = await owner.mutate<{ acceptUrl: string }>('staff.team.invite', { email, role });
  const token = new URL(created.acceptUrl).hash.replace('#token=', '');
  const client = new ApiClient(baseUrl);
  const me = await client.mutate<Me>('auth.acceptInvite', { token, name: `${role} person`, password: PASSWORD });
  return { client, me, email };
}

type ProcedureDef = { _def: { type: 'query' | 'mutation' | 'subscription'; inputs: unknown[]; meta?: { roles?: string[] } } };

/** Every procedure of the router by its dotted path, as tRPC keeps them. */
export function listProcedures(router: {
  _def: { procedures: object };
}): { path: string; type: 'query' | 'mutation'; hasInput: boolean; roles?: string[] }[] {
  return Object.entries(router._def.procedures as Record<string, ProcedureDef>).map(([path, procedure]) => ({
    path,
    type: procedure._def.type as 'query' | 'mutation',
    hasInput: procedure._def.inputs.length > 0,
    roles: procedure._def.meta?.roles,
  }));
}
