import { type APIRequestContext, expect } from '@playwright/test';

/** Calls a tRPC procedure the way the web app does (JSON body, CSRF header when signed in) and returns its data. */
export async function call<T>(request: APIRequestContext, procedure: string, input: unknown, csrfToken?: string): Promise<T> {
  const response = await request.post(`/trpc/${procedure}`, {
    ...(input === undefined ? {} : { data: input }),
    headers: { 'content-type': 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
  });
  expect(response.ok(), `${procedure}: ${await response.text()}`).toBe(true);
  return ((await response.json()) as { result: { data: T } }).result.data;
}
