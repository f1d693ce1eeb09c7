import { count, eq } from 'drizzle-orm';
import type { Tx } from '../db/connections.js';
import { withTenant } from '../db/context.js';
import { tenants, widgetSettings } from '../db/schema/index.js';
import type { Deps } from '../deps.js';
import { env, sampleSitePort } from '../env.js';
import type { Actor } from '../services/audit/auditLog.js';
import { acceptInvitation } from '../services/auth/acceptInvitation.js';
import { createResource } from '../services/catalogue/resources.js';
import { createService } from '../services/catalogue/services.js';
import { inviteMember, type Member } from '../services/team/team.js';
import { signUp } from '../services/tenants/signUp.js';
import { updateTenantSettings } from '../services/tenants/tenantSettings.js';
import { updateWidgetSettings } from '../services/widget/widgetSettings.js';
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
    await seedDemoCatalogue(tx, tenantId, actor, me.user.id);
    await seedDemoWidget(tx, tenantId, actor, sampleSitePort(deps.env));
    // The booking form asks for a birth date, so a client under 16 is asked for a guardian.
    await updateTenantSettings(tx, tenantId, actor, {
      preferences: { clientFields: { birthDate: true, address: false, language: true, gender: false, birthYear: false } },
    });
    const created = await inviteMember(deps, tx, tenantId, actor, { email: reception.email, role: 'reception' }, deps.now());
    return created.acceptUrl;
  });
  const token = new URL(acceptUrl).hash.replace('#token=', '');
  await acceptInvitation(deps, { token, name: 'Riikka Vastaanotto', password: reception.password }, { ip: null, previousTokenHash: null });
  return 'seeded';
}

/**
 * A demo clinic created before the booking widget existed has no widget settings: it gets the
 * sample site's, so the sample site works there too. A clinic's own settings are never overwritten.
 */
export async function ensureDemoWidget(deps: Deps): Promise<void> {
  const [demo] = await deps.systemDb.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, DEMO_SLUG));
  if (!demo) return;
  await withTenant(deps.db, demo.id, async (tx) => {
    const [existing] = await tx
      .select({ tenantId: widgetSettings.tenantId })
      .from(widgetSettings)
      .where(eq(widgetSettings.tenantId, demo.id));
    if (existing) return;
    await seedDemoWidget(tx, demo.id, { type: 'system', id: null, ip: null }, sampleSitePort(deps.env));
  });
}

/** The sample clinic website (started by `pnpm start`) may embed the widget and shows the cookie banner. */
async function seedDemoWidget(tx: Tx, tenantId: string, actor: Actor, samplePort: number): Promise<void> {
  const sampleOrigins = [`http://localhost:${samplePort}`, `http://127.0.0.1:${samplePort}`];
  await updateWidgetSettings(tx, tenantId, actor, {
    allowedOrigins: sampleOrigins,
    cookieBanner: { enabled: true, texts: {} },
    privacyNoticeUrl: `${sampleOrigins[0]}/tietosuoja`,
    askPhotoVideoConsent: true,
  });
}

const WEEKDAYS_8_TO_16 = Object.fromEntries(['1', '2', '3', '4', '5'].map((day) => [day, [{ start: '08:00', end: '16:00' }]]));

/** Two practitioners (one of them the owner), a treatment room and three services, open Mon–Fri 8–16. */
async function seedDemoCatalogue(tx: Tx, tenantId: string, actor: Member, ownerUserId: string): Promise<void> {
  const olivia = await createResource(tx, tenantId, actor, {
    kind: 'practitioner',
    name: 'Olivia Omistaja',
    staffUserId: ownerUserId,
    weeklyHours: WEEKDAYS_8_TO_16,
  });
  const pekka = await createResource(tx, tenantId, actor, {
    kind: 'practitioner',
    name: 'Pekka Fysioterapeutti',
    staffUserId: null,
    weeklyHours: WEEKDAYS_8_TO_16,
  });
  await createResource(tx, tenantId, actor, { kind: 'room', name: 'Hoitohuone 1', staffUserId: null, weeklyHours: WEEKDAYS_8_TO_16 });
  const base = { description: {}, category: null, currency: 'EUR', bufferBeforeMinutes: 0, bookableOnline: true, rules: {} };
  await createService(tx, tenantId, actor, {
    ...base,
    name: { fi: 'Fysioterapia 45 min', sv: 'Fysioterapi 45 min', en: 'Physiotherapy 45 min' },
    durationMinutes: 45,
    priceCents: 7500,
    bufferAfterMinutes: 15,
    needsRoom: true,
    practitionerIds: [olivia.id, pekka.id],
  });
  await createService(tx, tenantId, actor, {
    ...base,
    name: { fi: 'Hieronta 60 min', sv: 'Massage 60 min', en: 'Massage 60 min' },
    durationMinutes: 60,
    priceCents: 6500,
    bufferAfterMinutes: 10,
    needsRoom: false,
    practitionerIds: [pekka.id],
  });
  await createService(tx, tenantId, actor, {
    ...base,
    name: { fi: 'Ensikäynti 30 min', sv: 'Första besök 30 min', en: 'First visit 30 min' },
    durationMinutes: 30,
    priceCents: 4500,
    bufferAfterMinutes: 0,
    needsRoom: false,
    practitionerIds: [olivia.id],
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const runtime = await openRuntime(env(), (line) => console.log(line));
  try {
    console.log(`Demo clinic: ${await seedDemo(runtime.deps)}`);
  } finally {
    await runtime.close();
  }
}
