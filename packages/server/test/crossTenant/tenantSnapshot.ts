import type postgres from 'postgres';

/**
 * Delivery progress of outbox rows. Any test file's reconciler scans every tenant's due rows and its
 * worker may send them at any moment, so a probe is not what moves these columns.
 */
const DELIVERY_PROGRESS = new Set(['status', 'attempts', 'provider_id', 'delivery_status', 'error', 'sent_at', 'updated_at']);

/**
 * Everything a tenant has, read as superuser from every table with a tenant_id column (outbox
 * delivery progress left out), plus the tenant row and its staff users.
 */
export async function tenantSnapshot(owner: postgres.Sql, tenantId: string): Promise<string> {
  const tables = await owner<{ table: string }[]>`
    select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r'
      and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id')
    order by 1`;
  const parts: unknown[] = [await owner`select * from tenants where id = ${tenantId}`];
  for (const { table } of tables) {
    // Ordered by the whole row: the first columns need not be unique (service_practitioners, say).
    const rows = await owner.unsafe<Record<string, unknown>[]>(`select * from "${table}" as r where tenant_id = $1 order by r::text`, [
      tenantId,
    ]);
    parts.push(table, table === 'outbox_messages' ? rows.map(withoutDeliveryProgress) : rows);
  }
  parts.push(
    await owner`select u.* from staff_users u join memberships m on m.user_id = u.id where m.tenant_id = ${tenantId} order by u.id`,
  );
  return JSON.stringify(parts);
}

function withoutDeliveryProgress(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([column]) => !DELIVERY_PROGRESS.has(column)));
}
