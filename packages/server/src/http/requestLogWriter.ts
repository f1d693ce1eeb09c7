import { sql } from 'drizzle-orm';
import type { Db } from '../db/connections.js';
import type { requestLog } from '../db/schema/index.js';
import { logger } from '../lib/logger.js';
import { pgErrorCode } from '../lib/pgErrors.js';

export type RequestLogRow = typeof requestLog.$inferInsert;

/**
 * Buffers request-log rows and writes them in batches, so logging never adds a database round trip
 * to a request. Rows left when the process stops are flushed by `close()`.
 */
export class RequestLogWriter {
  #buffer: RequestLogRow[] = [];
  #timer: NodeJS.Timeout;
  #flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 500,
    intervalMs = 1_000,
  ) {
    this.#timer = setInterval(() => void this.flush(), intervalMs);
    this.#timer.unref();
  }

  add(row: RequestLogRow): void {
    this.#buffer.push(row);
    if (this.#buffer.length >= this.maxBatch) void this.flush();
  }

  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(async () => {
      while (this.#buffer.length > 0) {
        const batch = this.#buffer.splice(0, this.maxBatch);
        try {
          await this.db.execute(insertBatch(batch));
        } catch (error) {
          logger.error('request log write failed', { rows: batch.length, pgCode: pgErrorCode(error) });
        }
      }
    });
    return this.#flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }
}

/**
 * One JSON parameter rather than six bound values per row: building a 3,000-parameter statement
 * took milliseconds of the event loop on a busy server, in one piece, and showed in every request's tail.
 */
function insertBatch(batch: RequestLogRow[]) {
  const rows = JSON.stringify(
    batch.map((row) => ({ at: row.at, ip: row.ip, method: row.method, route: row.route, status: row.status, latency_ms: row.latencyMs })),
  );
  return sql`
    insert into request_log (at, ip, method, route, status, latency_ms)
    select at, ip, method, route, status, latency_ms
    from jsonb_to_recordset(${rows}::jsonb)
      as r(at timestamptz, ip inet, method text, route text, status smallint, latency_ms integer)`;
}
