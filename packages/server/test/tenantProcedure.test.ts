import { noInput } from '@hetki/shared';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import cookieParser from 'cookie-parser';
import { sql } from 'drizzle-orm';
import type { Request, Response } from 'express';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../src/lib/errors.js';
import { appendAudit } from '../src/services/audit/auditLog.js';
import { type Context, createContextFactory } from '../src/trpc/context.js';
import { router, staffProcedure } from '../src/trpc/procedures.js';
import { type ApiClient, type Harness, type Me, newClinic, startHarness } from './harness.js';

/** Procedures that write inside the tenant transaction and then succeed or fail. */
const probeRouter = router({
  writeThenFail: staffProcedure(['owner'])
    .input(noInput)
    .mutation(async ({ ctx }) => {
      await appendAudit(ctx.tx, ctx.tenantId, ctx.member, { action: 'probe', entity: 'test' });
      throw new DomainError('CONFLICT', 'SLUG_TAKEN', 'failed after writing');
    }),
  writeThenSucceed: staffProcedure(['owner'])
    .input(noInput)
    .mutation(async ({ ctx }) => {
      await appendAudit(ctx.tx, ctx.tenantId, ctx.member, { action: 'probe', entity: 'test' });
      return 'written';
    }),
  failsInSql: staffProcedure(['owner'])
    .input(noInput)
    .query(async ({ ctx }) => ctx.tx.execute(sql`select secret_column from no_such_table where email = 'person@example.test'`)),
  // Deliberately no WHERE clause: only row-level security stands between this query and other clinics.
  seeTenants: staffProcedure(['owner'])
    .input(noInput)
    .query(async ({ ctx }) => (await ctx.tx.execute<{ id: string }>(sql`select id from tenants`)).map((row) => row.id)),
});

let h: Harness;
let clinic: { client: ApiClient; me: Me };

function callerFor(client: ApiClient) {
  const token = client.cookie?.split('=')[1] ?? null;
  const req = { headers: { 'x-csrf-token': client.csrfToken }, cookies: {}, ip: '127.0.0.1' } as unknown as Request;
  const ctx: Context = { deps: h.deps, req, res: {} as Response, ip: '127.0.0.1', sessionToken: token };
  return probeRouter.createCaller(ctx);
}

const probeRows = async (tenantId: string) =>
  (await h.owner`select 1 from audit_log where tenant_id = ${tenantId} and action = 'probe'`).length;

beforeAll(async () => {
  h = await startHarness();
  clinic = await newClinic(h.baseUrl);
  await newClinic(h.baseUrl, 'Another clinic');
});
afterAll(() => h.close());

describe('internal errors', () => {
  it('reach the client as a bare 500: no SQL, no stack, no personal data', async () => {
    const app = express();
    app.use(cookieParser());
    app.use('/trpc', createExpressMiddleware({ router: probeRouter, createContext: createContextFactory(h.deps) }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const response = await fetch(`http://127.0.0.1:${port}/trpc/failsInSql`, { headers: { cookie: clinic.client.cookie ?? '' } });
      const text = await response.text();
      expect(response.status).toBe(500);
      expect(JSON.parse(text).error.message).toBe('Something went wrong on our side');
      expect(text).not.toMatch(/no_such_table|secret_column|person@example|select|stack|\.ts/i);
    } finally {
      server.close();
    }
  });
});

describe('tenantProcedure transaction', () => {
  it('a procedure that fails after writing leaves nothing behind', async () => {
    const tenantId = clinic.me.tenant?.tenantId as string;
    await expect(callerFor(clinic.client).writeThenFail()).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await probeRows(tenantId)).toBe(0);
  });

  it('a procedure that succeeds commits its writes', async () => {
    const tenantId = clinic.me.tenant?.tenantId as string;
    expect(await callerFor(clinic.client).writeThenSucceed()).toBe('written');
    expect(await probeRows(tenantId)).toBe(1);
  });

  it('a query without any WHERE clause sees only its own clinic', async () => {
    expect(await callerFor(clinic.client).seeTenants()).toEqual([clinic.me.tenant?.tenantId]);
  });
});
