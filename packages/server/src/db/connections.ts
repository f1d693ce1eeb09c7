import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index.js';

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export const APP_ROLE = 'hetki_app';
export const SYSTEM_ROLE = 'hetki_system';

/** The same server and database as the owner URL, but signed in as another role. */
export function urlForRole(ownerUrl: string, role: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = password;
  return url.toString();
}

export type DbHandle = { sql: postgres.Sql; db: Db; close: () => Promise<void> };

export function connect(url: string, options: { max?: number; name: string }): DbHandle {
  const sql = postgres(url, {
    max: options.max ?? 10,
    idle_timeout: 30,
    connect_timeout: 10,
    onnotice: () => {},
    connection: { application_name: options.name },
  });
  const db = drizzle(preparedByDefault(sql), { schema });
  return { sql, db, close: () => sql.end({ timeout: 1 }) };
}

/**
 * Bulk statements (a thousand rows of an insert) are left unprepared: their text differs with every
 * row count, and each kept per connection would hold a large plan for nothing.
 */
const MAX_PREPARED_PARAMETERS = 100;

/**
 * drizzle runs every query through `sql.unsafe` unprepared, and postgres.js sends an unprepared
 * query with parameters as two round trips (describe, then bind and execute) which PostgreSQL also
 * parses and plans every time. Prepared, it is one round trip after the first use on a connection.
 * The clients that `begin` and `savepoint` hand to their callbacks get the same treatment. (A pooler
 * in transaction mode without prepared-statement support, such as PgBouncer before 1.21, would need this off.)
 */
function preparedByDefault<T extends postgres.Sql | postgres.TransactionSql>(client: T): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property === 'unsafe') {
        return (query: string, args?: unknown[], options?: postgres.UnsafeQueryOptions) =>
          args && args.length > 0 && args.length <= MAX_PREPARED_PARAMETERS
            ? target.unsafe(query, args as postgres.ParameterOrJSON<never>[], { ...options, prepare: true })
            : target.unsafe(query, args as postgres.ParameterOrJSON<never>[], options);
      }
      if (property === 'begin' || property === 'savepoint') {
        return (...args: unknown[]) => {
          const callback = args.pop() as (inner: postgres.TransactionSql) => unknown;
          return (value as (...rest: unknown[]) => unknown).apply(target, [
            ...args,
            (inner: postgres.TransactionSql) => callback(preparedByDefault(inner)),
          ]);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
