// The platform the Playwright tests run against (playwright.config.ts starts it as its webServer):
// builds the web app, drops the e2e database (the server re-creates, migrates and seeds it), deletes
// the e2e Redis keys (login throttles, queues), then runs packages/server's start in the foreground.
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVER_DIR = fileURLToPath(new URL('../../packages/server/', import.meta.url));
const REDIS_PREFIX = process.env.E2E_REDIS_PREFIX ?? 'hetki-e2e';
// Parallel stacks (E2E_PORT, E2E_DATABASE_URL, E2E_REDIS_PREFIX, E2E_WEB_DIST) do not share a build.
const WEB_DIST = process.env.E2E_WEB_DIST ?? fileURLToPath(new URL('../../packages/web/dist', import.meta.url));

const databaseUrl = process.env.E2E_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hetki_e2e';
const port = process.env.E2E_PORT ?? '3100';
// The sample clinic website (another origin, embedding the widget) that the widget tests visit.
const samplePort = process.env.E2E_SAMPLE_PORT ?? '3101';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const say = (line) => console.log(`[e2e] ${line}`);

function buildWeb() {
  say('building the web app');
  const build = spawnSync('pnpm', ['--filter', '@hetki/web', 'exec', 'vite', 'build', '--outDir', WEB_DIST, '--emptyOutDir'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error(`web build failed (exit ${build.status ?? build.signal ?? build.error})`);
}

async function dropDatabase(url) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  // This drops a whole database: refuse anything that does not look like a throw-away e2e one.
  if (!/^[a-z0-9_]*e2e[a-z0-9_]*$/i.test(name)) {
    throw new Error(`E2E_DATABASE_URL must name a database containing "e2e" (got "${name}"); it is dropped on every run`);
  }
  target.pathname = '/postgres';
  const sql = postgres(target.toString(), { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await sql.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await sql.end();
  }
  say(`dropped database ${name} (the server re-creates it)`);
}

/** A few RESP commands over a plain socket: enough to delete our prefix without a Redis client dependency. */
function redisCommands(url, commands) {
  const target = new URL(url);
  const encode = (args) => `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`;
  const all = [];
  if (target.password) {
    const password = decodeURIComponent(target.password);
    all.push(target.username ? ['AUTH', decodeURIComponent(target.username), password] : ['AUTH', password]);
  }
  const db = target.pathname.replace(/^\//, '');
  if (db) all.push(['SELECT', db]);
  all.push(...commands);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: target.hostname || '127.0.0.1', port: Number(target.port || 6379) });
    socket.setTimeout(10_000, () => socket.destroy(new Error(`Redis at ${target.host} did not answer`)));
    let received = '';
    socket.on('connect', () => socket.write(all.map(encode).join('')));
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
      const lines = received.split('\r\n').slice(0, -1);
      if (lines.length < all.length) return;
      socket.end();
      const failed = lines.find((line) => line.startsWith('-'));
      if (failed) reject(new Error(`Redis: ${failed.slice(1)}`));
      else resolve(lines.at(-1));
    });
    socket.on('error', reject);
  });
}

const DELETE_BY_PATTERN = "local n = 0 for _, key in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', key) n = n + 1 end return n";

async function clearRedis() {
  const reply = await redisCommands(redisUrl, [['EVAL', DELETE_BY_PATTERN, '0', `${REDIS_PREFIX}:*`]]);
  say(`deleted ${reply.replace(/^:/, '')} Redis keys under ${REDIS_PREFIX}:`);
}

buildWeb();
await dropDatabase(databaseUrl);
await clearRedis();

say(`starting the server on port ${port} (sample clinic site on ${samplePort})`);
const server = spawn(process.execPath, ['--import', 'tsx', 'src/main/start.ts'], {
  cwd: SERVER_DIR,
  stdio: 'inherit',
  env: {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: port,
    SAMPLE_SITE_PORT: samplePort,
    HOST: '127.0.0.1',
    REDIS_URL: redisUrl,
    REDIS_PREFIX,
    WEB_DIST_DIR: WEB_DIST,
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
