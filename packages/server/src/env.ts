import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseEnv as parseDotEnv } from 'node:util';
import { z } from 'zod';

/**
 * The one place that reads process.env. Every variable is listed in .env.example and the README.
 * DATABASE_URL is the owner connection (migrations, role bootstrap); the server itself connects as
 * hetki_app and the sweeps as hetki_system, on the same host and database.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z.string().optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  APP_DB_PASSWORD: z.string().min(8).default('hetki_app_dev_password'),
  SYSTEM_DB_PASSWORD: z.string().min(8).default('hetki_system_dev_password'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-z0-9:_-]+$/)
    .default('hetki'),
  /** 32+ bytes, base64 or hex: encrypts TOTP secrets now and data keys later. */
  MASTER_KEY: z.string().min(32).default('dev-only-master-key-change-me-in-production-0000'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(120),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(3).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  LOGIN_MAX_PER_IP: z.coerce.number().int().min(5).max(1_000_000).default(50),
  /** How long computed availability may be served from memory; 0 turns the cache off. */
  AVAILABILITY_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  /** Where email goes. Unset in development: `pnpm start` runs a local sink and lists caught mail at /dev/mail. */
  SMTP_URL: z.string().optional(),
  /** Connections kept open to the SMTP server. */
  SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  MAIL_FROM: z.string().default('Hetki <no-reply@hetki.localhost>'),
  /** Port of the development mail sink when SMTP_URL is unset; 0 picks a free one (printed at start). */
  DEV_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  TWILIO_ACCOUNT_SID: z.string().optional(),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  /** The sender number (E.164) or messaging service SID. */
  TWILIO_FROM: z.string().optional(),
  /** Only for tests and local fakes: where the Twilio SDK sends its API calls instead of api.twilio.com. */
  TWILIO_API_URL: z.url().optional(),
  /** Jobs one worker process runs at once. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(50),
  /** How often the reconciler re-enqueues due outbox rows whose job was lost. */
  OUTBOX_RECONCILE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Finished outbox rows (sent, failed, skipped, cancelled) are deleted after this many days; sent campaign messages stay 366 days for the yearly cap. */
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  /** How long a worker waits for running jobs when asked to stop. */
  WORKER_SHUTDOWN_SECONDS: z.coerce.number().int().min(1).max(600).default(10),
  REQUEST_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Days a cookie-consent record is kept: at least the year a visitor's decision stands, so a decision in force keeps its proof. */
  COOKIE_CONSENT_RETENTION_DAYS: z.coerce.number().int().min(366).max(3650).default(1095),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  /** Port of the sample clinic website that `pnpm start` serves to show the embedded widget; default PORT + 1. */
  SAMPLE_SITE_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Built web app to serve (default packages/web/dist); parallel end-to-end stacks build into their own. */
  WEB_DIST_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

const PRODUCTION_REQUIRED = ['DATABASE_URL', 'APP_DB_PASSWORD', 'SYSTEM_DB_PASSWORD', 'MASTER_KEY', 'PUBLIC_URL'] as const;

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${problems.join('\n')}`);
  }
  if (result.data.NODE_ENV === 'production') {
    const missing = PRODUCTION_REQUIRED.filter((name) => !source[name]);
    if (missing.length > 0) throw new Error(`In production set: ${missing.join(', ')}`);
  }
  return result.data;
}

/** Variables from `<repo>/.env` fill in what the real environment does not set. Tests never read it. */
function loadDotEnv(): void {
  const file = fileURLToPath(new URL('../../../.env', import.meta.url));
  if (process.env.NODE_ENV === 'test' || !existsSync(file)) return;
  for (const [name, value] of Object.entries(parseDotEnv(readFileSync(file, 'utf8')))) {
    if (process.env[name] === undefined) process.env[name] = value;
  }
}

let cached: Env | undefined;
export function env(): Env {
  if (!cached) {
    loadDotEnv();
    cached = parseEnv(process.env);
  }
  return cached;
}

/** Where links in messages point: PUBLIC_URL, or the local server in development. */
export function publicBaseUrl(current: Env): string {
  return (current.PUBLIC_URL ?? `http://localhost:${current.PORT}`).replace(/\/$/, '');
}

/** The sample clinic website's port: SAMPLE_SITE_PORT, else the port after Hetki's own. */
export function sampleSitePort(current: Env): number {
  return current.SAMPLE_SITE_PORT ?? (current.PORT === 0 ? 0 : current.PORT + 1);
}

export function publicUrl(): string {
  return publicBaseUrl(env());
}
