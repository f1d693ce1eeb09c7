import type { Db } from '../db/connections.js';
import { requestLog } from '../db/schema/index.js';
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
          await this.db.insert(requestLog).values(batch);
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
