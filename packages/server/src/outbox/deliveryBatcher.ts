import type { BatchResult, DeliveryOutcome } from './deliverMessage.js';
import type { OutboxJob } from './outboxQueue.js';

type Waiting = { job: OutboxJob; resolve: (outcome: DeliveryOutcome) => void; reject: (error: unknown) => void };

/**
 * Gathers the delivery jobs a worker is running, per clinic, and delivers them as batches (one
 * transaction each), each job still with its own outcome or error. At most `maxInFlight` batches of
 * at most `maxBatch` run at once: a batch holds one SMTP connection per email until it commits, so
 * the two multiplied must not exceed the SMTP pool, or batches could wait for each other's
 * connections for ever. A lone job waits `windowMs` for company.
 */
export class DeliveryBatcher {
  readonly #waiting = new Map<string, Waiting[]>();
  #inFlight = 0;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deliver: (tenantId: string, jobs: OutboxJob[]) => Promise<BatchResult[]>,
    private readonly options: { maxBatch: number; maxInFlight: number; windowMs: number },
  ) {}

  submit(job: OutboxJob): Promise<DeliveryOutcome> {
    return new Promise((resolve, reject) => {
      const waiting = this.#waiting.get(job.tenantId) ?? [];
      waiting.push({ job, resolve, reject });
      this.#waiting.set(job.tenantId, waiting);
      if (waiting.length >= this.options.maxBatch) this.pump();
      else this.#timer ??= setTimeout(() => this.pump(), this.options.windowMs);
    });
  }

  private pump(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    while (this.#inFlight < this.options.maxInFlight) {
      // The clinic waiting longest goes first (a Map keeps insertion order).
      const next = this.#waiting.entries().next();
      if (next.done) return;
      const [tenantId, waiting] = next.value;
      const batch = waiting.splice(0, this.options.maxBatch);
      if (waiting.length === 0) this.#waiting.delete(tenantId);
      this.#inFlight++;
      void this.run(tenantId, batch).finally(() => {
        this.#inFlight--;
        this.pump();
      });
    }
  }

  private async run(tenantId: string, batch: Waiting[]): Promise<void> {
    try {
      const results = await this.deliver(
        tenantId,
        batch.map((waiting) => waiting.job),
      );
      batch.forEach((waiting, index) => {
        const result = results[index];
        if (result?.status === 'fulfilled') waiting.resolve(result.value);
        else waiting.reject(result?.reason ?? new Error('Delivery returned no result'));
      });
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }
}
