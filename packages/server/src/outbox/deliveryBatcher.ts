import type { BatchResult, DeliveryOutcome } from './deliverMessage.js';
import type { OutboxJob } from './outboxQueue.js';

type Waiting = { job: OutboxJob; resolve: (outcome: DeliveryOutcome) => void; reject: (error: unknown) => void };

/**
 * Gathers the delivery jobs a worker is running, per clinic, and delivers them as batches (one
 * transaction each), each job still with its own outcome or error. A batch holds one SMTP
 * connection per email until it commits, so the jobs in running batches never exceed `capacity`
 * (the SMTP pool), or batches could wait for each other's connections for ever; within that, many
 * clinics' messages go out side by side, and a busy clinic's in batches of up to `maxBatch`.
 * A lone job waits `windowMs` for company.
 */
export class DeliveryBatcher {
  readonly #waiting = new Map<string, Waiting[]>();
  #running = 0;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deliver: (tenantId: string, jobs: OutboxJob[]) => Promise<BatchResult[]>,
    private readonly options: { maxBatch: number; capacity: number; windowMs: number },
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
    for (;;) {
      const room = Math.min(this.options.maxBatch, this.options.capacity - this.#running);
      // The clinic waiting longest goes first (a Map keeps insertion order).
      const next = this.#waiting.entries().next();
      if (room <= 0 || next.done) return;
      const [tenantId, waiting] = next.value;
      const batch = waiting.splice(0, room);
      // A clinic with more waiting goes to the back of the line, behind the others.
      this.#waiting.delete(tenantId);
      if (waiting.length > 0) this.#waiting.set(tenantId, waiting);
      this.#running += batch.length;
      void this.run(tenantId, batch).finally(() => {
        this.#running -= batch.length;
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
