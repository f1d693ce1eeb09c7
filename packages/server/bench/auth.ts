import { performance } from 'node:perf_hooks';
import { hashPassword, verifyPassword } from '../src/services/auth/passwords.js';
import { httpCall } from './http.js';
import { formatLoad, runLoad } from './load.js';
import { startBenchStack } from './stack.js';

/**
 * `pnpm bench auth`: the cost of argon2id at the configured parameters, and how many logins per
 * second the whole stack completes (each one an argon2 verify, a session insert and an audit row).
 */
export async function benchAuth(): Promise<void> {
  const samples: number[] = [];
  const hash = await hashPassword('bench password that is long enough');
  for (let index = 0; index < 20; index += 1) {
    const started = performance.now();
    await verifyPassword(hash, 'bench password that is long enough');
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  console.log(`argon2id verify (m=19 MiB, t=2, p=1): p50 ${samples[10]?.toFixed(1)} ms, max ${samples.at(-1)?.toFixed(1)} ms`);

  const stack = await startBenchStack();
  try {
    const email = `bench.${Date.now()}@example.test`;
    const password = 'bench password that is long enough';
    const signUp = await httpCall(stack.agent, `${stack.baseUrl}/trpc/platform.signUp`, {
      method: 'POST',
      body: JSON.stringify({
        clinic: { name: 'Bench Clinic', slug: `bench-${Date.now().toString(36)}` },
        owner: { name: 'Bench', email, password },
      }),
    });
    if (signUp.status !== 200) throw new Error(`sign-up failed: ${signUp.status} ${signUp.body}`);
    const body = JSON.stringify({ email, password });
    const result = await runLoad({
      concurrency: 4,
      durationMs: 5_000,
      request: async () => (await httpCall(stack.agent, `${stack.baseUrl}/trpc/auth.login`, { method: 'POST', body })).status === 200,
    });
    console.log(formatLoad('auth.login (4 concurrent)', result));
  } finally {
    await stack.close();
  }
}
