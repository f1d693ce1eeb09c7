import type { ApiClient } from '../harness.js';

/** Ids that tenant B owns: the probes aim at them from tenant A. */
export type VictimIds = { tenantId: string; ownerId: string; name: string } & Record<string, string>;

export type Probe =
  /** Called with B's ids: must be refused. */
  | { input: (b: VictimIds) => unknown; expect: 'NOT_FOUND' | 'FORBIDDEN' }
  /** Takes no id of B's (or only ones it must ignore): must act on A only and show nothing of B. */
  | { input: (b: VictimIds) => unknown; expect: 'OWN_TENANT_ONLY' };

/**
 * One domain's share of the cross-tenant suite: `seed` creates B's data through B's owner and
 * returns the ids it made; `probes` says how to aim each of the domain's staff procedures at them.
 */
export type ProbeModule = {
  seed: (ownerOfB: ApiClient, baseUrl: string) => Promise<Record<string, string>>;
  probes: Record<string, Probe>;
};
