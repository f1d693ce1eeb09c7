import type { ApiClient, Harness } from './harness.js';

/** The client register's procedures (`staff.clients.*`) as a test calls them, over real HTTP. */
export type Failure = { status: number; code: string; reason: string; fieldErrors?: Record<string, string[]> };

export type ClientsApi = {
  query<T = unknown>(path: string, input?: unknown): Promise<T>;
  mutate<T = unknown>(path: string, input?: unknown): Promise<T>;
  /** The error of a call that must fail. */
  failure(type: 'query' | 'mutation', path: string, input?: unknown): Promise<Failure>;
};

export function clientsApi(_h: Harness, client: ApiClient): ClientsApi {
  return {
    query: (path, input) => client.query(`staff.clients.${path}`, input),
    mutate: (path, input) => client.mutate(`staff.clients.${path}`, input),
    failure: async (type, path, input) => {
      const error = await client.failure(type, `staff.clients.${path}`, input);
      return { status: error.status, code: error.data.code, reason: error.data.reason, fieldErrors: error.data.fieldErrors };
    },
  };
}
