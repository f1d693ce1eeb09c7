import { parseEnv } from '../src/env.js';

/**
 * The runtime roles exist once per PostgreSQL server, shared by every database on it, so tests use
 * the same passwords as the app would (the defaults, or APP_DB_PASSWORD / SYSTEM_DB_PASSWORD):
 * a test run must not lock out a `pnpm start` on the same server.
 */
const env = parseEnv({ ...process.env, NODE_ENV: 'test' });
export const TEST_ROLE_PASSWORDS = { app: env.APP_DB_PASSWORD, system: env.SYSTEM_DB_PASSWORD };
