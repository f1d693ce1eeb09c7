import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { APP_ROLE, connect, type DbHandle, urlForRole } from '../src/db/connections.js';
import { withTenant } from '../src/db/context.js';
import { memberships, tenants } from '../src/db/schema/index.js';
import { newId } from '../src/lib/uuid.js';
import { TEST_ROLE_PASSWORDS } from './testEnv.js';

/** A pool of exactly one connection, as the app role: whatever one request leaves behind, the next one gets. */
let single: DbHandle;
const owner = postgres(inject('ownerUrl'), { max: 1, onnotice: () => {} });
const tenantA = newId();

beforeAll(async () => {
  single = connect(urlForRole(inject('ownerUrl'), APP_ROLE, TEST_ROLE_PASSWORDS.app), { max: 1, name: 'test-single' });
  await owner`insert into tenants (id, slug, name) values (${tenantA}, ${`pool-${tenantA.slice(0, 8)}`}, 'Pool A')`;
});
afterAll(async () => {
  await single.close();
  await owner.end();
});

describe('tenant context on a pooled connection', () => {
  it('inside withTenant, the transaction sees its own tenant', async () => {
    const seen = await withTenant(single.db, tenantA, (tx) => tx.select({ id: tenants.id }).from(tenants));
    expect(seen).toEqual([{ id: tenantA }]);
  });

  it('a tenant request that fails mid-transaction leaves nothing behind for the next query', async () => {
    await expect(
      withTenant(single.db, tenantA, async (tx) => {
        await tx.execute(sql`insert into tenants (id, slug, name) values (${tenantA}, 'dup', 'dup')`);
      }),
    ).rejects.toThrow();

    const [setting] = await single.db.execute<{ tenant: string | null }>(sql`select current_setting('app.tenant_id', true) as tenant`);
    expect(setting?.tenant ?? '').toBe('');
    expect(await single.db.select().from(tenants)).toEqual([]);
    expect(await single.db.select().from(memberships)).toEqual([]);
  });

  it('a failure thrown by application code rolls back what the transaction wrote', async () => {
    const userId = newId();
    await owner`insert into staff_users (id, email, name, password_hash) values (${userId}, ${`pool-${userId}@example.test`}, 'P', 'x')`;
    await expect(
      withTenant(single.db, tenantA, async (tx) => {
        await tx.insert(memberships).values({ tenantId: tenantA, userId, role: 'reception' });
        throw new Error('procedure failed after writing');
      }),
    ).rejects.toThrow('procedure failed after writing');
    const rows = await owner`select 1 from memberships where tenant_id = ${tenantA}`;
    expect(rows).toHaveLength(0);
    expect(await single.db.select().from(tenants)).toEqual([]);
  });

  it('a successful tenant transaction does not leak its tenant to the next query either', async () => {
    await withTenant(single.db, tenantA, (tx) => tx.select().from(tenants));
    expect(await single.db.select().from(tenants)).toEqual([]);
  });

  it('a query with no tenant set cannot write tenant rows', async () => {
    await expect(single.db.insert(memberships).values({ tenantId: tenantA, userId: newId(), role: 'reception' })).rejects.toThrow();
  });
});

describe('prepared statements on a pooled connection', () => {
  it("drizzle's queries are prepared once per connection, in and out of transactions", async () => {
    const marker = `prepared-${newId().slice(0, 8)}`;
    for (let run = 0; run < 2; run += 1) {
      await single.db.execute(sql`select ${marker}::text as outside`);
      await withTenant(single.db, tenantA, (tx) => tx.execute(sql`select ${marker}::text as inside`));
    }
    const statements = await single.sql<{ statement: string }[]>`select statement from pg_prepared_statements`;
    expect(statements.filter((row) => row.statement.includes('$1::text as outside'))).toHaveLength(1);
    expect(statements.filter((row) => row.statement.includes('$1::text as inside'))).toHaveLength(1);
  });

  it('a bulk statement (over 100 parameters) runs unprepared and leaves nothing behind on the connection', async () => {
    const values = Array.from({ length: 101 }, (_, index) => sql`${index}::int`);
    const [row] = await single.db.execute<{ total: number }>(sql`select (${sql.join(values, sql` + `)})::int as total /* bulk-probe */`);
    expect(row?.total).toBe((100 * 101) / 2);
    const statements = await single.sql<{ statement: string }[]>`select statement from pg_prepared_statements`;
    expect(statements.filter((one) => one.statement.includes('bulk-probe'))).toEqual([]);
  });

  it('one prepared statement run for two tenants in turn, past the switch to a generic plan, shows each only its own rows', async () => {
    const tenantB = newId();
    await owner`insert into tenants (id, slug, name) values (${tenantB}, ${`pool-${tenantB.slice(0, 8)}`}, 'Pool B')`;
    for (let run = 0; run < 12; run += 1) {
      const tenant = run % 2 === 0 ? tenantA : tenantB;
      const seen = await withTenant(single.db, tenant, (tx) =>
        tx.select({ id: tenants.id }).from(tenants).where(sql`${tenants.name} like ${'Pool %'}`),
      );
      expect(seen).toEqual([{ id: tenant }]);
    }
  });
});
