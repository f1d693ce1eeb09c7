import { sql } from 'drizzle-orm';
import type { Db, Tx } from './connections.js';

/**
 * What a transaction may see. Each field feeds one `app.*` setting that the row-level security
 * policies read; anything left out is set to '' so nothing leaks from an earlier call.
 */
export type DbContext = {
  tenantId?: string;
  userId?: string;
  sessionHash?: string;
  lookupEmail?: string;
  publicSlug?: string;
  inviteTokenHash?: string;
};

/** Sets the transaction-local context (set_config(..., true)); never a session-level SET. */
export async function setDbContext(tx: Tx, context: DbContext): Promise<void> {
  await tx.execute(sql`select
    set_config('app.tenant_id', ${context.tenantId ?? ''}, true),
    set_config('app.user_id', ${context.userId ?? ''}, true),
    set_config('app.session_hash', ${context.sessionHash ?? ''}, true),
    set_config('app.lookup_email', ${context.lookupEmail ?? ''}, true),
    set_config('app.public_slug', ${context.publicSlug ?? ''}, true),
    set_config('app.invite_token_hash', ${context.inviteTokenHash ?? ''}, true)`);
}

type CommitHook = () => Promise<void>;
const commitHooks = new WeakMap<Tx, CommitHook[]>();

/**
 * Runs `hook` once the transaction `tx` has committed (never if it rolls back). For side effects
 * that must not happen for a change that did not: enqueueing outbox jobs, invalidating caches.
 * A failing hook is logged by its owner; the outbox reconciler covers a hook that never ran.
 */
export function onCommit(tx: Tx, hook: CommitHook): void {
  const hooks = commitHooks.get(tx);
  if (!hooks) throw new Error('onCommit needs a transaction opened by withDbContext');
  hooks.push(hook);
}

export async function withDbContext<T>(db: Db, context: DbContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const hooks: CommitHook[] = [];
  const result = await db.transaction(async (tx) => {
    commitHooks.set(tx, hooks);
    await setDbContext(tx, context);
    return fn(tx);
  });
  for (const hook of hooks) await hook();
  return result;
}

/** One transaction that sees exactly one tenant's rows. A thrown error rolls it back. */
export function withTenant<T>(db: Db, tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withDbContext(db, { tenantId }, fn);
}
