import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../src/db/context.js';
import { auditLog, invitations, memberships, tenants } from '../../src/db/schema/index.js';
import { appRouter } from '../../src/trpc/appRouter.js';
import { type ApiClient, type Harness, listProcedures, type Me, newClinic, startHarness } from '../harness.js';
import { calendarProbes } from './calendarProbes.js';
import { catalogueProbes } from './catalogueProbes.js';
import { clientProbes } from './clientProbes.js';
import { marketingProbes } from './marketingProbes.js';
import type { Probe, ProbeModule, VictimIds } from './probe.js';
import { teamProbes } from './teamProbes.js';
import { tenantSnapshot } from './tenantSnapshot.js';
import { widgetProbes } from './widgetProbes.js';

/**
 * Every staff procedure must have a probe in one of these modules. A procedure added later without
 * one fails the suite ("has no cross-tenant probe") until someone says how to aim it at another clinic.
 */
const MODULES: ProbeModule[] = [teamProbes, catalogueProbes, calendarProbes, clientProbes, marketingProbes, widgetProbes];
const PROBES: Record<string, Probe> = Object.assign({}, ...MODULES.map((module) => module.probes));

const staffProcedures = listProcedures(appRouter).filter((procedure) => procedure.path.startsWith('staff.'));

let h: Harness;
let a: { client: ApiClient; me: Me };
let b: VictimIds;

beforeAll(async () => {
  h = await startHarness();
  const clinicA = await newClinic(h.baseUrl, 'Clinic A');
  a = { client: clinicA.client, me: clinicA.me };
  const clinicB = await newClinic(h.baseUrl, 'Clinic B');
  const victim: VictimIds = { name: 'Clinic B', tenantId: clinicB.me.tenant?.tenantId as string, ownerId: clinicB.me.user.id };
  for (const module of MODULES) Object.assign(victim, await module.seed(clinicB.client, h.baseUrl));
  b = Object.freeze(victim);
});
afterAll(() => h.close());

describe('cross-tenant isolation of staff procedures', () => {
  it('finds the staff procedures, and every one declares its roles and has a probe', () => {
    expect(staffProcedures.length).toBeGreaterThanOrEqual(7);
    for (const procedure of staffProcedures) {
      expect(procedure.roles, `${procedure.path} declares no roles`).toBeInstanceOf(Array);
      expect(PROBES[procedure.path], `${procedure.path} has no cross-tenant probe`).toBeDefined();
    }
  });

  it.each(staffProcedures)('$path, called by an owner of A with B’s ids, cannot see or change B', async ({ path, type }) => {
    const probe = PROBES[path];
    if (!probe) throw new Error(`${path} has no cross-tenant probe: add one to PROBES`);
    const before = await tenantSnapshot(h.owner, b.tenantId);
    const result = await a.client.call(type, path, probe.input(b));

    if (probe.expect === 'OWN_TENANT_ONLY') {
      expect(result.body.error, JSON.stringify(result.body.error)).toBeUndefined();
      const shown = JSON.stringify(result.body.result?.data ?? null);
      for (const secret of Object.values(b)) if (!secret.includes('@')) expect(shown).not.toContain(secret);
    } else {
      expect(result.body.error?.data.code).toBe(probe.expect);
    }
    expect(await tenantSnapshot(h.owner, b.tenantId)).toBe(before);
  });
});

describe('row-level security underneath', () => {
  it('inside tenant A, B’s rows are invisible and unchangeable whatever the WHERE clause says', async () => {
    const tenantA = a.me.tenant?.tenantId as string;
    const before = await tenantSnapshot(h.owner, b.tenantId);
    await withTenant(h.deps.db, tenantA, async (tx) => {
      expect(await tx.select().from(tenants).where(eq(tenants.id, b.tenantId))).toEqual([]);
      expect(await tx.select().from(memberships).where(eq(memberships.tenantId, b.tenantId))).toEqual([]);
      expect(await tx.select().from(invitations).where(eq(invitations.tenantId, b.tenantId))).toEqual([]);
      expect(await tx.select().from(auditLog).where(eq(auditLog.tenantId, b.tenantId))).toEqual([]);
      expect(await tx.update(tenants).set({ name: 'Owned' }).where(eq(tenants.id, b.tenantId)).returning()).toEqual([]);
      expect(await tx.delete(memberships).where(eq(memberships.tenantId, b.tenantId)).returning()).toEqual([]);
    });
    await expect(
      withTenant(h.deps.db, tenantA, (tx) => tx.insert(memberships).values({ tenantId: b.tenantId, userId: a.me.user.id, role: 'owner' })),
    ).rejects.toThrow();
    expect(await tenantSnapshot(h.owner, b.tenantId)).toBe(before);
  });
});
