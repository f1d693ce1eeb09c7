import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { Redis } from 'ioredis';

export type RedisAvailability = { url: string; startedHere: boolean; stop: () => Promise<void> };

async function answers(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1_500 });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/**
 * Uses the Redis at `url` when one answers; otherwise starts `redis-server` (when on PATH) on that
 * port with its files under `dataDir`; otherwise stops with instructions.
 */
export async function ensureRedis(url: string, dataDir: string): Promise<RedisAvailability> {
  if (await answers(url)) return { url, startedHere: false, stop: async () => {} };
  const parsed = new URL(url);
  const host = parsed.hostname || '127.0.0.1';
  if (!['127.0.0.1', 'localhost', '::1'].includes(host) || spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error(
      `Nothing answers at REDIS_URL (${parsed.host}) and no redis-server is on PATH. ` +
        'Install Redis (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis), ' +
        'run one with `docker compose -f infra/compose.yaml up -d redis`, or set REDIS_URL.',
    );
  }
  await mkdir(dataDir, { recursive: true });
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', parsed.port || '6379', '--bind', '127.0.0.1', '--dir', dataDir, '--appendonly', 'yes', '--save', ''],
    { stdio: 'ignore' },
  );
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (await answers(url)) {
      return {
        url,
        startedHere: true,
        stop: () =>
          new Promise((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('redis-server was started but did not answer within 5 seconds');
}
