import { count } from 'drizzle-orm';
import { withTenant } from '../db/context.js';
import { tenants } from '../db/schema/index.js';
import type { Deps } from '../deps.js';
import { env } from '../env.js';
import { acceptInvitation } from '../services/auth/acceptInvitation.js';
import { inviteMember } from '../services/team/team.js';
import { signUp } from '../services/tenants/signUp.js';
import { updateTenantSettings } from '../services/tenants/tenantSettings.js';
import { openRuntime } from './runtime.js';

export const DEMO_LOGINS = [
  { role: 'owner', email: 'owner@demo.hetki.test', password: 'hetki-demo-owner' },
  { role: 'reception', email: 'reception@demo.hetki.test', password: 'hetki-demo-reception' },
] as const;
export const DEMO_SLUG = 'demo';

/** Seeds the demo clinic through the same services the API uses, but only into an empty database. */
export async function seedDemo(deps: Deps): Promise<'seeded' | 'skipped'> {
  const [existing] = await deps.systemDb.select({ total: count() }).from(tenants);
  if ((existing?.total ?? 0) > 0) return 'skipped';

  const [owner, reception] = DEMO_LOGINS;
  const { me } = await signUp(
    deps,
    { clinic: { name: 'Demo Fysio', slug: DEMO_SLUG }, owner: { name: 'Olivia Omistaja', email: owner.email, password: owner.password } },
    null,
  );
  const tenantId = me.tenant?.tenantId as string;
  const actor = { type: 'staff' as const, id: me.user.id, role: 'owner' as const, ip: null };
  const acceptUrl = await withTenant(deps.db, tenantId, async (tx) => {
    await updateTenantSettings(tx, tenantId, actor, {
      businessId: '0112038-9',
      address: { street: 'Mannerheimintie 1', postalCode: '00100', city: 'Helsinki', country: 'FI' },
      contactEmail: 'info@demo.hetki.test',
      contactPhone: '+358 40 123 4567',
    });
    const created = await inviteMember(tx, tenantId, actor, { email: reception.email, role: 'reception' }, deps.now());
    return created.acceptUrl;
  });
  const token = new URL(acceptUrl).hash.replace('#token=', '');
  await acceptInvitation(deps, { token, name: 'Riikka Vastaanotto', password: reception.password }, { ip: null, previousTokenHash: null });
  return 'seeded';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const runtime = await openRuntime(env(), (line) => console.log(line));
  try {
    console.log(`Demo clinic: ${await seedDemo(runtime.deps)}`);
  } finally {
    await runtime.close();
  }
}
