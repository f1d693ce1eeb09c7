import { httpCall } from './http.js';
import { formatLoad, runLoad } from './load.js';
import { startBenchStack } from './stack.js';

/** `pnpm bench profile`: a public clinic profile lookup (one RLS-scoped read) at 32 connections. */
export async function benchProfile(): Promise<void> {
  const stack = await startBenchStack();
  try {
    const slug = `bench-${Date.now().toString(36)}`;
    const signUp = await httpCall(stack.agent, `${stack.baseUrl}/trpc/platform.signUp`, {
      method: 'POST',
      body: JSON.stringify({
        clinic: { name: 'Bench Clinic', slug },
        owner: { name: 'Bench', email: `${slug}@example.test`, password: 'bench password that is long enough' },
      }),
    });
    if (signUp.status !== 200) throw new Error(`sign-up failed: ${signUp.status}`);
    const url = `${stack.baseUrl}/trpc/public.clinicProfile?input=${encodeURIComponent(JSON.stringify({ slug }))}`;
    const health = await runLoad({
      concurrency: 32,
      durationMs: 5_000,
      request: async () => (await httpCall(stack.agent, `${stack.baseUrl}/healthz`)).status === 200,
    });
    console.log(formatLoad('GET /healthz (32 concurrent)', health));
    const profile = await runLoad({
      concurrency: 32,
      durationMs: 5_000,
      request: async () => (await httpCall(stack.agent, url)).status === 200,
    });
    console.log(formatLoad('public.clinicProfile (32 concurrent)', profile));
  } finally {
    await stack.close();
  }
}
