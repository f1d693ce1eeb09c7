import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '../src/db/migrate.js';
import { startEmbeddedPostgres } from '../src/main/embeddedPostgres.js';
import { TEST_ROLE_PASSWORDS } from './testEnv.js';

declare module 'vitest' {
  export interface ProvidedContext {
    ownerUrl: string;
  }
}

/**
 * One fresh database per run, migrated as the owner. DATABASE_URL names the server to use
 * (CI uses the machine's PostgreSQL); without it an embedded PostgreSQL is started in a temp dir.
 */
export default async function setup(project: TestProject) {
  let serverUrl = process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;
  if (!serverUrl) {
    dataDir = await mkdtemp(path.join(tmpdir(), 'hetki-test-pg-'));
    // As root, PostgreSQL runs as the postgres user, which must be able to enter this folder.
    await chmod(dataDir, 0o755);
    const port = 55_000 + Math.floor(Math.random() * 5_000);
    const embedded = await startEmbeddedPostgres({ dataDir: `${dataDir}/pg`, port, database: 'postgres' });
    serverUrl = embedded.ownerUrl;
    stopEmbedded = embedded.stop;
  }
  const databaseName = `hetki_test_${Date.now().toString(36)}_${process.pid}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${databaseName}`);
  const ownerUrl = new URL(serverUrl);
  ownerUrl.pathname = `/${databaseName}`;
  await migrateDatabase(ownerUrl.toString(), TEST_ROLE_PASSWORDS);
  project.provide('ownerUrl', ownerUrl.toString());

  return async () => {
    await admin.unsafe(`drop database if exists ${databaseName} with (force)`);
    await admin.end();
    await stopEmbedded?.();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
