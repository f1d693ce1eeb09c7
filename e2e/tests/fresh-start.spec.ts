import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

/**
 * `pnpm start` with no configuration at all: no DATABASE_URL (so embedded PostgreSQL under
 * <repo>/.data/pg), default Redis, only a port of its own so it can run beside the e2e stack.
 */
const SERVER_DIR = fileURLToPath(new URL('../../packages/server/', import.meta.url));
// Not 3101: the e2e stack's sample clinic site (E2E_SAMPLE_PORT) has that one; this server's own sample site takes PORT + 1.
const PORT = 3102;
const BASE = `http://127.0.0.1:${PORT}`;
const READY_LINE = '[hetki] Ready. Press Ctrl-C to stop.';
const STOPPED_LINE = '[hetki] Stopped cleanly.';

/** Every variable packages/server/src/env.ts reads: none of them may leak in from the test runner. */
const SERVER_VARIABLES = [
  'NODE_ENV',
  'PORT',
  'HOST',
  'PUBLIC_URL',
  'DATABASE_URL',
  'EMBEDDED_PG_PORT',
  'APP_DB_PASSWORD',
  'SYSTEM_DB_PASSWORD',
  'DB_POOL_SIZE',
  'REDIS_URL',
  'REDIS_PREFIX',
  'MASTER_KEY',
  'SESSION_IDLE_MINUTES',
  'SESSION_MAX_HOURS',
  'LOGIN_MAX_FAILURES',
  'LOGIN_LOCK_MINUTES',
  'LOGIN_MAX_PER_IP',
  'REQUEST_LOG_RETENTION_DAYS',
  'TRUST_PROXY',
  'LOG_LEVEL',
  'SAMPLE_SITE_PORT',
];

function unconfiguredEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of SERVER_VARIABLES) delete env[name];
  for (const name of Object.keys(env)) if (name.startsWith('E2E_')) delete env[name];
  return { ...env, PORT: String(PORT) };
}

function waitForOutput(child: ChildProcess, output: () => string, text: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`no "${text}" within ${timeoutMs / 1000} s. Output:\n${output()}`)), timeoutMs);
    const onData = () => {
      if (output().includes(text)) finish();
    };
    const onExit = (code: number | null) => finish(new Error(`the server exited (${code}) before "${text}". Output:\n${output()}`));
    function finish(error?: Error) {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    }
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
    onData();
  });
}

function exitOf(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not exit within ${timeoutMs / 1000} s`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

test('pnpm start on a machine with no configuration serves the demo clinic and stops cleanly on Ctrl-C', async () => {
  test.setTimeout(180_000);
  let output = '';
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/main/start.ts'], {
    cwd: SERVER_DIR,
    env: unconfiguredEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  server.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });

  try {
    await waitForOutput(server, () => output, READY_LINE, 90_000);
    expect(output).toContain('PostgreSQL: embedded (.data/pg)');

    const ready = await fetch(`${BASE}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ postgres: 'ok', redis: 'ok' });

    const input = encodeURIComponent(JSON.stringify({ slug: 'demo' }));
    const profile = await fetch(`${BASE}/trpc/public.clinicProfile?input=${input}`);
    expect(profile.status).toBe(200);
    expect(await profile.json()).toMatchObject({ result: { data: { slug: 'demo', name: 'Demo Fysio' } } });

    server.kill('SIGINT');
    const code = await exitOf(server, 30_000);
    expect(output).toContain(STOPPED_LINE);
    expect(code).toBe(0);
  } finally {
    // Never leave the server (and its embedded PostgreSQL) behind: ask politely, then insist.
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGINT');
      await exitOf(server, 20_000).catch(() => server.kill('SIGKILL'));
    }
  }
});
