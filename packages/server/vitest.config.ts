import { defineConfig } from 'vitest/config';

/**
 * Test files with a delivering worker run last and one at a time: a worker's reconciler takes
 * every clinic's due outbox rows whose job is not in its own queue, so beside any other test file
 * it would deliver (or start) that file's messages and campaigns to the wrong sink.
 */
const WORKER_TESTS = ['test/workers.test.ts', 'test/workerCrash.test.ts', 'test/portal.test.ts'];

export default defineConfig({
  test: {
    globalSetup: ['./test/globalSetup.ts'],
    env: { NODE_ENV: 'test' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'server', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: WORKER_TESTS, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: { name: 'workers', include: WORKER_TESTS, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
