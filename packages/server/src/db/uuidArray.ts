import { type SQL, sql } from 'drizzle-orm';

/** Ids as one uuid[] parameter, so that the statement's text is the same for any number of ids. */
export function uuidArray(ids: string[]): SQL {
  return sql`${sql.param(ids)}::uuid[]`;
}
