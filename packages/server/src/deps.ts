import type { Redis } from 'ioredis';
import type { Db } from './db/connections.js';
import type { Env } from './env.js';
import { SecretBox } from './lib/crypto.js';
import { InFlight } from './lib/inFlight.js';
import { OutboxDispatcher } from './outbox/outboxQueue.js';
import { LoginThrottle } from './services/auth/loginThrottle.js';
import { AvailabilityCache } from './services/booking/availabilityCache.js';
import { ManageTokens } from './services/booking/manageToken.js';
import { SubscriptionTokens } from './services/marketing/subscriptionTokens.js';
import { UnsubscribeTokens } from './services/marketing/unsubscribeTokens.js';
import { PortalLinkTokens } from './services/portal/portalLinkTokens.js';
import { PortalThrottle } from './services/portal/portalThrottle.js';
import { InvitationTokens } from './services/team/invitationTokens.js';

/** Everything a request or a job needs, built once at start-up and passed down explicitly. */
export type Deps = {
  env: Env;
  /** Connected as hetki_app: row-level security applies to every query. */
  db: Db;
  /** Connected as hetki_system: only the cross-tenant sweeps use it. */
  systemDb: Db;
  redis: Redis;
  throttle: LoginThrottle;
  totpBox: SecretBox;
  availabilityCache: AvailabilityCache;
  manageTokens: ManageTokens;
  unsubscribeTokens: UnsubscribeTokens;
  subscriptionTokens: SubscriptionTokens;
  portalLinkTokens: PortalLinkTokens;
  invitationTokens: InvitationTokens;
  portalThrottle: PortalThrottle;
  /** Adds delivery jobs for outbox rows once their transaction commits. */
  outbox: OutboxDispatcher;
  /** Procedures running now: shutdown waits for them before closing pools. */
  inFlight: InFlight;
  now: () => Date;
};

export function buildDeps(parts: { env: Env; db: Db; systemDb: Db; redis: Redis; now?: () => Date }): Deps {
  const { env } = parts;
  return {
    ...parts,
    now: parts.now ?? (() => new Date()),
    throttle: new LoginThrottle(parts.redis, env.REDIS_PREFIX, {
      maxFailuresPerAccount: env.LOGIN_MAX_FAILURES,
      lockSeconds: env.LOGIN_LOCK_MINUTES * 60,
      maxAttemptsPerIp: env.LOGIN_MAX_PER_IP,
      ipWindowSeconds: 15 * 60,
    }),
    totpBox: new SecretBox(env.MASTER_KEY, 'totp-secret'),
    manageTokens: new ManageTokens(env.MASTER_KEY),
    unsubscribeTokens: new UnsubscribeTokens(env.MASTER_KEY),
    subscriptionTokens: new SubscriptionTokens(env.MASTER_KEY),
    portalLinkTokens: new PortalLinkTokens(env.MASTER_KEY),
    invitationTokens: new InvitationTokens(env.MASTER_KEY),
    portalThrottle: new PortalThrottle(parts.redis, env.REDIS_PREFIX),
    outbox: new OutboxDispatcher(parts.redis, env.REDIS_PREFIX),
    inFlight: new InFlight(),
    availabilityCache: new AvailabilityCache(parts.redis, env.REDIS_PREFIX, {
      ttlMs: env.AVAILABILITY_CACHE_SECONDS * 1000,
      maxEntries: 10_000,
      enabled: env.AVAILABILITY_CACHE_SECONDS > 0,
    }),
  };
}
